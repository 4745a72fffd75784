// The Juniper Junos plugin (netmiko: juniper_junos): session profile, read-only policy, secrets, facts from
// `show version` and `show chassis hardware`, version ordering and the `show chassis hardware` parser, as one
// PlatformPlugin. The other checks read `| display xml` outputs with the generic xml parser.
import type { PlatformPlugin } from "../types.js";
import { parseJunosChassisHardware } from "./parsers/chassis-hardware.js";
import { juniperJunosProfile } from "./profile.js";
import { compareJunosVersions, junosFeatureRelease, parseJunosVersion } from "./version.js";

export const juniperJunos: PlatformPlugin = {
  ...juniperJunosProfile,
  versions: { parse: parseJunosVersion, compare: compareJunosVersions, featureRelease: junosFeatureRelease },
  parsers: {
    "junos-chassis-hardware": { parse: parseJunosChassisHardware, optionsSchema: { type: "object", additionalProperties: false } },
  },
};
