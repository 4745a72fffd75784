// The Arista EOS plugin (netmiko: arista_eos): session profile, read-only policy, secrets, facts from
// `show version | json` and `show hostname | json`, version ordering, the parsers for the text-only outputs
// (dir, show inventory, show running-config diffs) and the simulated switch, as one PlatformPlugin.
import type { PlatformPlugin } from "../types.js";
import { parseEosConfigDiffs } from "./parsers/config-diffs.js";
import { parseEosDir } from "./parsers/dir.js";
import { parseEosInventory } from "./parsers/inventory.js";
import { aristaEosProfile } from "./profile.js";
import { compareEosVersions, eosFeatureRelease, parseEosVersion } from "./version.js";

const NO_OPTIONS = { type: "object", additionalProperties: false } as const;

export const aristaEos: PlatformPlugin = {
  ...aristaEosProfile,
  versions: { parse: parseEosVersion, compare: compareEosVersions, featureRelease: eosFeatureRelease },
  parsers: {
    "eos-dir": { parse: parseEosDir, optionsSchema: NO_OPTIONS },
    "eos-inventory": { parse: parseEosInventory, optionsSchema: NO_OPTIONS },
    "eos-config-diffs": { parse: parseEosConfigDiffs, optionsSchema: NO_OPTIONS },
  },
  simulator: async () => ({ runShell: (await import("./simulator/cli.js")).runEosShell }),
};
