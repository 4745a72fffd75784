// The PAN-OS plugin (netmiko: paloalto_panos): session profile, read-only policy, secrets, facts, version
// ordering, the system-state parsers, the upgrade-path planner and the simulated firewall, as one PlatformPlugin.
import type { PlatformPlugin } from "../types.js";
import { parsePanosPhy } from "./parsers/phy.js";
import { parsePanosSystemState } from "./parsers/system-state.js";
import { panos } from "./profile.js";
import { panosUpgradePaths } from "./upgrade/planner.js";
import { comparePanosVersions, featureRelease, parsePanosVersion } from "./version.js";

export const paloaltoPanos: PlatformPlugin = {
  ...panos,
  versions: { parse: parsePanosVersion, compare: comparePanosVersions, featureRelease },
  parsers: {
    "panos-phy": { parse: parsePanosPhy, optionsSchema: { type: "object", additionalProperties: false } },
    "panos-system-state": {
      parse: parsePanosSystemState,
      optionsSchema: { type: "object", additionalProperties: false, properties: { convertNumbers: { type: "boolean" } } },
    },
  },
  upgradePaths: panosUpgradePaths,
  simulator: async () => ({ runShell: (await import("./simulator/cli.js")).runPanosShell }),
};
