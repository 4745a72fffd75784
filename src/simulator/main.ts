// Standalone simulator for the benchmark and manual demos:
//   node dist/src/simulator/main.js --count N [--platform P] --inventory-out FILE --known-hosts-out FILE [--authorized-key FILE.pub] [--latency-ms MS]
// Starts the platform's demo fleet (default: the registry's first), writes its inventory and known_hosts, prints
// `ready <count> devices`, and serves until SIGTERM/SIGINT. Credentials are the demo fleet's.
import { readFile, writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { startFleet } from "./fleet.js";
import { demoFleet, platformsWithDemoFleets } from "../platforms/registry.js";
import { fleetInventoryYaml } from "./inventory.js";
import type { SimFleet } from "./types.js";

/** The demo fleets' credentials (the bench and manual demos log in with them). */
export const DEMO_CREDENTIALS = { username: "audit", password: "demo-password" };

export interface SimulatorArgs {
  count: number;
  platform: string;
  inventoryOut: string;
  knownHostsOut: string;
  group: string;
  /** Default: the demo fleet's own target. */
  targetVersion?: string;
  /** An OpenSSH public key file every device accepts for publickey login (besides the demo password). */
  authorizedKey?: string;
  /** Every device's shell output arrives this late (SimDeviceSpec.latencyMs): a per-command latency. */
  latencyMs?: number;
}

const USAGE =
  "usage: simulator --count N [--platform P] --inventory-out FILE --known-hosts-out FILE [--group NAME] [--target-version V] [--authorized-key FILE.pub] [--latency-ms MS]";

export function parseSimulatorArgs(argv: string[]): SimulatorArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      count: { type: "string", default: "50" },
      platform: { type: "string" },
      "inventory-out": { type: "string" },
      "known-hosts-out": { type: "string" },
      group: { type: "string", default: "demo" },
      "target-version": { type: "string" },
      "authorized-key": { type: "string" },
      "latency-ms": { type: "string" },
    },
  });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive integer, got "${values.count}"`);
  const withFleets = platformsWithDemoFleets();
  const platform = values.platform ?? withFleets[0]!;
  if (!withFleets.includes(platform)) throw new Error(`--platform: no demo fleet for "${platform}"; platforms with one: ${withFleets.join(", ")}`);
  const inventoryOut = values["inventory-out"];
  const knownHostsOut = values["known-hosts-out"];
  if (!inventoryOut || !knownHostsOut) throw new Error("--inventory-out and --known-hosts-out are required");
  const targetVersion = values["target-version"];
  const authorizedKey = values["authorized-key"];
  const latencyMs = values["latency-ms"] === undefined ? undefined : Number(values["latency-ms"]);
  if (latencyMs !== undefined && !(Number.isInteger(latencyMs) && latencyMs >= 0)) throw new Error(`--latency-ms must be a whole number of milliseconds, got "${values["latency-ms"]}"`);
  return {
    count,
    platform,
    inventoryOut,
    knownHostsOut,
    group: values.group,
    ...(targetVersion ? { targetVersion } : {}),
    ...(authorizedKey ? { authorizedKey } : {}),
    ...(latencyMs ? { latencyMs } : {}),
  };
}

/** Starts the fleet and writes its inventory and known_hosts files. */
export async function startSimulator(args: SimulatorArgs): Promise<SimFleet> {
  const demo = await demoFleet(args.platform);
  const specs = demo.specs(args.count, DEMO_CREDENTIALS);
  if (args.authorizedKey !== undefined) {
    const line = (await readFile(args.authorizedKey, "utf8")).trim();
    for (const spec of specs) spec.authorizedKeys = [line];
  }
  if (args.latencyMs) for (const spec of specs) spec.latencyMs = args.latencyMs;
  const fleet = await startFleet(specs);
  try {
    await writeFile(args.inventoryOut, fleetInventoryYaml(fleet, { group: args.group, targetVersion: args.targetVersion ?? demo.targetVersion }));
    await writeFile(args.knownHostsOut, fleet.knownHosts());
  } catch (error) {
    await fleet.close();
    throw error;
  }
  return fleet;
}

async function main(): Promise<void> {
  let args: SimulatorArgs;
  try {
    args = parseSimulatorArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 3;
    return;
  }
  const fleet = await startSimulator(args);
  process.stdout.write(`ready ${fleet.devices.length} devices\n`);
  // Refused devices listen on nothing: keep serving until told to stop even if no device listens.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  const stop = (): void => {
    clearInterval(keepAlive);
    void fleet.close();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`simulator: ${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
