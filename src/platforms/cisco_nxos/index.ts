// The Cisco NX-OS plugin (netmiko: cisco_nxos): session profile, read-only policy, secrets, facts from
// `show version | json`, `show hostname | json` and `show system redundancy status | json`, version ordering,
// the parsers (nxos-json for the NX-API JSON, nxos-dir, nxos-config-diff) and the simulated switch.
import type { PlatformPlugin } from "../types.js";
import { parseNxosConfigDiff } from "./parsers/config-diff.js";
import { parseNxosDir } from "./parsers/dir.js";
import { parseNxosJson } from "./parsers/json.js";
import { ciscoNxosProfile } from "./profile.js";
import { compareNxosVersions, nxosFeatureRelease, parseNxosVersion } from "./version.js";

const NO_OPTIONS = { type: "object", additionalProperties: false } as const;

export const ciscoNxos: PlatformPlugin = {
  ...ciscoNxosProfile,
  versions: { parse: parseNxosVersion, compare: compareNxosVersions, featureRelease: nxosFeatureRelease },
  parsers: {
    "nxos-json": { parse: parseNxosJson, optionsSchema: NO_OPTIONS },
    "nxos-dir": { parse: parseNxosDir, optionsSchema: NO_OPTIONS },
    "nxos-config-diff": { parse: parseNxosConfigDiff, optionsSchema: NO_OPTIONS },
  },
  simulator: async () => ({ runShell: (await import("./simulator/cli.js")).runNxosShell }),
};
