// The demo itself: starts the demo estate on 127.0.0.1, audits it with the real CLI path (SSH, known_hosts,
// checks, reports) and checks that every device was classified as its fleet says it should be.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { runCommand } from "../cli/run-command.js";
import type { CliIo } from "../cli/io.js";
import type { RunReport } from "../model/result.js";
import { startFleet } from "../simulator/fleet.js";
import { fleetInventoryYaml } from "../simulator/inventory.js";
import { demoEstate } from "./estate.js";

export interface DemoOptions {
  /** Where the inventory, known_hosts and report go (emptied first). */
  dir: string;
  devices: number;
  platforms?: string[];
  concurrency?: number;
}

// Demo-only credentials of the simulated devices; a real run takes them from the user's environment.
export const DEMO_CREDENTIALS = { username: "audit", password: "demo-password" };

/** 0 when every device was classified as expected and preflight exited 1 (blocked devices found); else 1. */
export async function runDemo(options: DemoOptions, io: CliIo): Promise<number> {
  const { dir } = options;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const estate = await demoEstate({ devices: options.devices, credentials: DEMO_CREDENTIALS, ...(options.platforms ? { platforms: options.platforms } : {}) });
  // The wrong-password device really has another password: the audit's credentials are refused.
  const fleet = await startFleet(estate.specs);
  try {
    const inventory = join(dir, "inventory.yaml");
    const knownHosts = join(dir, "known_hosts");
    const first = estate.parts[0]!;
    await writeFile(inventory, fleetInventoryYaml(fleet, { group: first.platform, targetVersion: first.fleet.targetVersion, platformGroups: estate.platformGroups }));
    await writeFile(knownHosts, fleet.knownHosts());
    io.stdout.write(`preflight demo: ${estate.describe()} on 127.0.0.1\n\n`);
    const out = join(dir, "report");
    const code = await runCommand(
      {
        inventory,
        group: [],
        device: [],
        tag: [],
        checks: estate.checks,
        path: [],
        out,
        format: ["json", "html"],
        concurrency: String(options.concurrency ?? 20),
        knownHosts,
        acceptNewHostKeys: false,
        failOn: "low",
        connectTimeout: "10",
        commandTimeout: "30",
        deviceTimeout: "60",
        progress: true,
      },
      { ...io, env: { ...io.env, PREFLIGHT_USERNAME: DEMO_CREDENTIALS.username, PREFLIGHT_PASSWORD: DEMO_CREDENTIALS.password } },
    );
    const report = JSON.parse(await readFile(join(out, "report.json"), "utf8")) as RunReport;
    const byName = new Map(report.devices.map((d) => [d.name, d]));
    const wrong = estate.specs
      .map((spec) => ({ name: spec.name, status: byName.get(spec.name)?.status ?? "missing from the report", expected: estate.expected(spec) }))
      .filter((w) => w.status !== w.expected);
    io.stdout.write(`\nOpen the report: ${relative(io.cwd, join(out, "report.html"))}\n`);
    io.stdout.write(`preflight exited ${code} (1 = blocked devices found, as expected for this estate)\n`);
    if (code !== 1 || wrong.length) {
      for (const w of wrong) io.stderr.write(`demo: ${w.name} was ${w.status}, expected ${w.expected}\n`);
      io.stderr.write("demo: the audit did not classify the estate as expected\n");
      return 1;
    }
    return 0;
  } finally {
    await fleet.close();
  }
}
