// The Juniper Junos plugin (netmiko: juniper_junos): session profile, read-only policy, secrets, facts from
// `show version` and `show chassis hardware`, and version ordering, as one PlatformPlugin. The checks read
// `| display xml` outputs with the generic xml parser, so the plugin brings no parser of its own.
import type { PlatformPlugin } from "../types.js";
import { juniperJunosProfile } from "./profile.js";
import { compareJunosVersions, junosFeatureRelease, parseJunosVersion } from "./version.js";

export const juniperJunos: PlatformPlugin = {
  ...juniperJunosProfile,
  versions: { parse: parseJunosVersion, compare: compareJunosVersions, featureRelease: junosFeatureRelease },
};
