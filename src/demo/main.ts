// `npm run demo`: the incident in miniature. Starts a platform's demo fleet on 127.0.0.1 (the registry's first
// platform with one unless PREFLIGHT_DEMO_PLATFORM names another; for PAN-OS: about 50 firewalls with OEM optics,
// non-OEM optics, copper only, one unreachable, one wrong password), audits it with the real CLI path (SSH,
// known_hosts, checks, reports), and checks that every device was classified as the fleet says it should be.
// Exits 0 when the demo itself worked.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { runCommand } from "../cli/run-command.js";
import type { CliIo } from "../cli/io.js";
import type { RunReport } from "../model/result.js";
import { demoFleet } from "../platforms/registry.js";
import { startFleet } from "../simulator/fleet.js";
import { fleetInventoryYaml } from "../simulator/inventory.js";
import { packagePath } from "../util/package-root.js";

const DEVICES = Number(process.env.PREFLIGHT_DEMO_DEVICES ?? 50);
// Demo-only credentials of the simulated devices; a real run takes them from the user's environment.
const DEMO_CREDENTIALS = { username: "audit", password: "demo-password" };

async function main(): Promise<number> {
  const dir = packagePath("out", "demo");
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const demo = await demoFleet(process.env.PREFLIGHT_DEMO_PLATFORM || undefined);
  const specs = demo.specs(DEVICES, DEMO_CREDENTIALS);
  // The wrong-password device really has another password: the audit's credentials are refused.
  const fleet = await startFleet(specs);
  try {
    const inventory = join(dir, "inventory.yaml");
    const knownHosts = join(dir, "known_hosts");
    await writeFile(inventory, fleetInventoryYaml(fleet, { group: "demo", targetVersion: demo.targetVersion }));
    await writeFile(knownHosts, fleet.knownHosts());
    process.stdout.write(`preflight demo: ${demo.describe(fleet.devices.length)} on 127.0.0.1, target ${demo.targetVersion}\n\n`);

    const controller = new AbortController();
    process.once("SIGINT", () => controller.abort(new Error("interrupted by Ctrl-C")));
    const io: CliIo = {
      stdout: process.stdout,
      stderr: process.stderr,
      env: { ...process.env, PREFLIGHT_USERNAME: DEMO_CREDENTIALS.username, PREFLIGHT_PASSWORD: DEMO_CREDENTIALS.password },
      cwd: process.cwd(),
      signal: controller.signal,
    };
    const out = join(dir, "report");
    const code = await runCommand(
      {
        inventory,
        group: [],
        device: [],
        tag: [],
        checks: demo.checks,
        path: [],
        out,
        format: ["json", "html"],
        concurrency: "20",
        knownHosts,
        acceptNewHostKeys: false,
        failOn: "low",
        connectTimeout: "10",
        commandTimeout: "30",
        deviceTimeout: "60",
        progress: true,
      },
      io,
    );
    const report = JSON.parse(await readFile(join(out, "report.json"), "utf8")) as RunReport;
    const wrong = report.devices.map((d, i) => ({ device: d, expected: demo.expected(specs[i]!) })).filter((w) => w.device.status !== w.expected);
    process.stdout.write(`\nOpen the report: ${relative(process.cwd(), join(out, "report.html"))}\n`);
    process.stdout.write(`preflight exited ${code} (1 = blocked devices found, as expected for this fleet)\n`);
    if (code !== 1 || wrong.length) {
      for (const w of wrong) process.stderr.write(`demo: ${w.device.name} was ${w.device.status}, expected ${w.expected}\n`);
      process.stderr.write("demo: the audit did not classify the fleet as expected\n");
      return 1;
    }
    return 0;
  } finally {
    await fleet.close();
  }
}

process.exitCode = await main();
