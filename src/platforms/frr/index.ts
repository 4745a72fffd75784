// The FRRouting plugin (netmiko: frr): vtysh session profile, read-only policy, secrets, facts from
// `show version`, the version ordering, and `frr-json` (FRR's `json` output, or "<daemon> is not running").
// Most checks read FRR's own `json` output with the generic json parser. The simulated vtysh and its demo fleet
// are imported lazily.
import type { PlatformPlugin } from "../types.js";
import { frrJsonOptionsSchema, parseFrrJson } from "./parsers/json.js";
import { frrProfile } from "./profile.js";
import { compareFrrVersions, frrFeatureRelease, parseFrrVersion } from "./version.js";

export const frr: PlatformPlugin = {
  ...frrProfile,
  versions: { parse: parseFrrVersion, compare: compareFrrVersions, featureRelease: frrFeatureRelease },
  parsers: {
    "frr-json": { parse: parseFrrJson, optionsSchema: frrJsonOptionsSchema },
  },
  simulator: async () => ({ runShell: (await import("./simulator/cli.js")).runFrrShell }),
  demoFleet: async () => {
    const fleet = await import("./simulator/demo-fleet.js");
    return {
      describe: (count) => `${count} simulated FRR routers`,
      specs: fleet.frrDemoFleetSpecs,
      expected: fleet.expectedFrrDemoOutcome,
      targetVersion: fleet.FRR_DEMO_TARGET,
      checks: ["frr-*"],
    };
  },
};
