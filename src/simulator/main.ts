// Standalone simulator for the benchmark and manual demos:
//   node dist/src/simulator/main.js --count N [--fleet demo] --inventory-out FILE --known-hosts-out FILE [--authorized-key FILE]
// Starts the fleet, writes its inventory and known_hosts, prints `ready <count> devices`, and serves until
// SIGTERM/SIGINT. Credentials are the demo fleet's (see fleets/demo-fleet.ts).
import { readFile, writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { startFleet } from "./fleet.js";
import { demoFleetSpecs } from "../platforms/paloalto_panos/simulator/demo-fleet.js";
import { fleetInventoryYaml } from "./inventory.js";
import type { SimFleet } from "./types.js";

export interface SimulatorArgs {
  count: number;
  fleet: "demo";
  inventoryOut: string;
  knownHostsOut: string;
  group: string;
  targetVersion: string;
  /** An OpenSSH public key file every device accepts for publickey login (besides the demo password). */
  authorizedKey?: string;
}

const USAGE =
  "usage: simulator --count N [--fleet demo] --inventory-out FILE --known-hosts-out FILE [--group NAME] [--target-version V] [--authorized-key FILE.pub]";

export function parseSimulatorArgs(argv: string[]): SimulatorArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      count: { type: "string", default: "50" },
      fleet: { type: "string", default: "demo" },
      "inventory-out": { type: "string" },
      "known-hosts-out": { type: "string" },
      group: { type: "string", default: "demo" },
      "target-version": { type: "string", default: "10.2.4-h4" },
      "authorized-key": { type: "string" },
    },
  });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive integer, got "${values.count}"`);
  if (values.fleet !== "demo") throw new Error(`--fleet: unknown fleet "${values.fleet}"; the only fleet is "demo"`);
  const inventoryOut = values["inventory-out"];
  const knownHostsOut = values["known-hosts-out"];
  if (!inventoryOut || !knownHostsOut) throw new Error("--inventory-out and --known-hosts-out are required");
  const authorizedKey = values["authorized-key"];
  return { count, fleet: "demo", inventoryOut, knownHostsOut, group: values.group, targetVersion: values["target-version"], ...(authorizedKey ? { authorizedKey } : {}) };
}

/** Starts the fleet and writes its inventory and known_hosts files. */
export async function startSimulator(args: SimulatorArgs): Promise<SimFleet> {
  const specs = demoFleetSpecs(args.count);
  if (args.authorizedKey !== undefined) {
    const line = (await readFile(args.authorizedKey, "utf8")).trim();
    for (const spec of specs) spec.authorizedKeys = [line];
  }
  const fleet = await startFleet(specs);
  try {
    await writeFile(args.inventoryOut, fleetInventoryYaml(fleet, { group: args.group, targetVersion: args.targetVersion }));
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
