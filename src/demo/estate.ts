// The demo estate: every registered platform's demo fleet in one inventory, one group per platform with that
// platform's target, so `npm run demo` audits firewalls, switches and routers in one run and one report. The
// first platform (the incident's firewalls) gets the most devices; each other platform a fifth as many.
import { demoFleet, platformsWithDemoFleets } from "../platforms/registry.js";
import type { DemoFleet, DemoOutcome } from "../platforms/types.js";
import type { FleetGroup } from "../simulator/inventory.js";
import type { SimDeviceSpec } from "../simulator/types.js";

export interface DemoPart {
  platform: string;
  fleet: DemoFleet;
  specs: SimDeviceSpec[];
}

export interface DemoEstate {
  parts: DemoPart[];
  specs: SimDeviceSpec[];
  /** The group and target of each platform's devices. */
  platformGroups: Record<string, FleetGroup>;
  /** Every part's checks, in order, without repeats (a check only applies to its own platforms). */
  checks: string[];
  expected(spec: SimDeviceSpec): DemoOutcome;
  describe(): string;
}

export interface DemoEstateOptions {
  /** Devices of the first platform; the others get a fifth as many (at least 5 each). */
  devices: number;
  /** Only these platforms (default: every platform with a demo fleet). */
  platforms?: string[];
  credentials: { username: string; password: string };
}

export async function demoEstate(options: DemoEstateOptions): Promise<DemoEstate> {
  const platforms = options.platforms?.length ? options.platforms : platformsWithDemoFleets();
  const parts: DemoPart[] = [];
  for (const [i, platform] of platforms.entries()) {
    const fleet = await demoFleet(platform);
    const count = i === 0 ? options.devices : Math.max(5, Math.round(options.devices / 5));
    parts.push({ platform, fleet, specs: fleet.specs(count, options.credentials) });
  }
  const specs = parts.flatMap((p) => p.specs);
  const names = new Set<string>();
  for (const spec of specs) {
    if (names.has(spec.name)) throw new Error(`demo estate: two demo fleets both name a device "${spec.name}"`);
    names.add(spec.name);
  }
  const partOf = new Map(parts.flatMap((p) => p.specs.map((s) => [s, p] as const)));
  return {
    parts,
    specs,
    platformGroups: Object.fromEntries(parts.map((p) => [p.platform, { group: p.platform, targetVersion: p.fleet.targetVersion }])),
    checks: [...new Set(parts.flatMap((p) => p.fleet.checks))],
    expected: (spec) => {
      const part = partOf.get(spec);
      if (!part) throw new Error(`demo estate: ${spec.name} is not one of its devices`);
      return part.fleet.expected(spec);
    },
    describe: () => parts.map((p) => `${p.fleet.describe(p.specs.length)} (target ${p.fleet.targetVersion})`).join(", "),
  };
}
