// Linux kernel releases and generic semver-like versions (platform `linux`): `uname -r` strings such as
// 5.15.0-91-generic, 6.1.0-13-amd64 or 3.10.0-1062.1.2.el7.x86_64, and versions such as 1.2.3-rc.1.
// The grammar and the order are dotted.ts's: a distribution revision sorts after the plain kernel
// (5.15.0 < 5.15.0-91-generic), a pre-release before it (1.2.3-rc.1 < 1.2.3). A leading `v` (git tags:
// v6.8) is accepted.
import { compareDotted, dottedFeatureRelease, parseDotted, type DottedDialect, type DottedVersion } from "../../versions/dotted.js";
import type { Order } from "../../versions/key.js";

const LINUX: DottedDialect = { platform: "Linux", examples: "5.15.0-91-generic, 6.1.0-13-amd64 or 1.2.3-rc.1", prefix: /^v(?=\d)/ };

export function parseLinuxVersion(s: string): DottedVersion {
  return parseDotted(s, LINUX);
}

export function compareLinuxVersions(a: string, b: string): Order {
  return compareDotted(parseLinuxVersion(a), parseLinuxVersion(b));
}

// "5.15.0-91-generic" -> "5.15": the kernel series.
export function linuxFeatureRelease(s: string): string {
  return dottedFeatureRelease(parseLinuxVersion(s));
}
