// `npm run bench:inventory`: the memory and time of loading a large YAML inventory on its own, as `preflight run`
// loads it (loadInventory: parse with source positions, validation, resolution), in a fresh process per size so
// that each peak is its own. The inventory has the simulator's shape (src/simulator/inventory.ts: one flow mapping
// per host). Sizes from BENCH_INVENTORY_HOSTS (default 1000,10000). Prints hosts, file size, load time, CPU and the
// process's peak RSS next to the peak of a process that loads nothing (Node and the modules), so the difference is
// the inventory's. Not a timed test.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const SELF = fileURLToPath(import.meta.url);

function inventoryYaml(hosts: number): string {
  const lines = ["defaults: { credentials: default }", "groups: { demo: { target_version: 10.2.4-h4 } }", "hosts:"];
  for (let i = 1; i <= hosts; i++) {
    const name = `fw-${String(i).padStart(3, "0")}`;
    lines.push(`  ${name}: { host: 127.0.0.1, port: ${20_000 + (i % 40_000)}, platform: paloalto_panos, groups: [ demo ], tags: [ pa-850, panos-9.1, dc1 ] }`);
  }
  return `${lines.join("\n")}\n`;
}

interface Measured {
  devices: number;
  ms: number;
  cpuMs: number;
  maxRssKiB: number;
}

/** The child: load the file (or nothing, with "-") and print what it cost. */
async function child(file: string): Promise<void> {
  const { loadInventory } = await import("../src/inventory/load.js");
  const cpu = process.cpuUsage();
  const started = performance.now();
  const devices = file === "-" ? 0 : (await loadInventory(file)).devices.length;
  const used = process.cpuUsage(cpu);
  const result: Measured = { devices, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, maxRssKiB: process.resourceUsage().maxRSS };
  process.stdout.write(JSON.stringify(result));
}

function measure(file: string): Measured {
  const run = spawnSync(process.execPath, [SELF, file], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`loading ${file} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Measured;
}

function main(): void {
  const sizes = (process.env.BENCH_INVENTORY_HOSTS ?? "1000,10000").split(",").map(Number);
  const dir = mkdtempSync(join(tmpdir(), "preflight-bench-inventory-"));
  try {
    const base = measure("-");
    process.stdout.write(`nothing loaded: peak RSS ${Math.round(base.maxRssKiB / 1024)} MiB\n`);
    process.stdout.write("hosts   file      load    CPU      peak RSS  (above nothing loaded)\n");
    for (const hosts of sizes) {
      const file = join(dir, `inventory-${hosts}.yaml`);
      writeFileSync(file, inventoryYaml(hosts));
      const m = measure(file);
      if (m.devices !== hosts) throw new Error(`expected ${hosts} devices, loaded ${m.devices}`);
      const kib = Math.round(statSync(file).size / 1024);
      process.stdout.write(
        `${String(hosts).padStart(6)}  ${`${kib} KiB`.padStart(9)}  ${`${m.ms.toFixed(0)} ms`.padStart(7)}  ${`${m.cpuMs.toFixed(0)} ms`.padStart(7)}  ${`${Math.round(m.maxRssKiB / 1024)} MiB`.padStart(8)}  (+${Math.round((m.maxRssKiB - base.maxRssKiB) / 1024)} MiB)\n`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] !== undefined) await child(process.argv[2]);
else main();
