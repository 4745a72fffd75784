// The FRRouting plugin (netmiko: frr): vtysh session profile, read-only policy, secrets, facts from
// `show version`, and the version ordering. Checks read FRR's own `json` output with the generic json parser.
import type { PlatformPlugin } from "../types.js";
import { frrProfile } from "./profile.js";
import { compareFrrVersions, frrFeatureRelease, parseFrrVersion } from "./version.js";

export const frr: PlatformPlugin = {
  ...frrProfile,
  versions: { parse: parseFrrVersion, compare: compareFrrVersions, featureRelease: frrFeatureRelease },
};
