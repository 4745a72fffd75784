// FRRouting versions (platform `frr`): 8.4.2, 9.0, frr-8.5.1 (git tags and package names), or as
// `show version` prints them, FRRouting 8.4.2. Development builds print 9.1-dev.
// The grammar and the order are dotted.ts's: 9.0 = 9.0.0 < 9.0.1 < 9.1-dev < 9.1 < 10.0.
import { compareDotted, dottedFeatureRelease, parseDotted, type DottedDialect, type DottedVersion } from "../../versions/dotted.js";
import type { Order } from "../../versions/key.js";

const FRR: DottedDialect = { platform: "FRRouting", examples: "8.4.2, 9.0, frr-8.5.1 or 9.1-dev", prefix: /^(?:frr-|FRRouting\s+)/i };

export function parseFrrVersion(s: string): DottedVersion {
  return parseDotted(s, FRR);
}

export function compareFrrVersions(a: string, b: string): Order {
  return compareDotted(parseFrrVersion(a), parseFrrVersion(b));
}

// "8.4.2" -> "8.4": FRR's release line.
export function frrFeatureRelease(s: string): string {
  return dottedFeatureRelease(parseFrrVersion(s));
}
