// FortiOS version strings (netmiko platform `fortinet`): parsing, a total order, and the feature release.
//
// `get system status` prints `Version: FortiGate-60F v7.0.7,build0367,221005 (GA.F)`; other sources give
// `v7.2.5 build1517`, `v6.4.9,build1966 (GA)` or plain `7.2.5`. Accepted, in that order:
//   an optional product and model (`FortiGate-60F `), an optional `v`, MAJOR.MINOR.PATCH,
//   an optional build (`,build0367`, ` build1517`, `-build0367`), an optional build date (`,221005`)
//   and an optional release label in parentheses (`(GA)`, `(GA.M)`, `(GA.F)`, `(Beta)`).
// Order: MAJOR, MINOR, PATCH, then the build number. A version without a build sorts before every build of
// the same release, so `7.2.5 < 7.2.5 build1517`: write `>=7.2.5 <7.2.6` to mean "any build of 7.2.5".
// The product, date and label do not take part: one build number is one image, whatever it is called.
import { VersionParseError } from "../../versions/errors.js";
import { ABSENT, compareKeys, RELEASED, trainStartKey, type KeyPart, type Order } from "../../versions/key.js";

export interface FortiosVersion {
  major: number;
  minor: number;
  patch: number;
  build?: number;
  label?: string;
  raw: string;
}

const FULL = /^(?:Forti[\w-]*\s+)?v?(\d+)\.(\d+)\.(\d+)(?:(?:\s*,\s*|\s+|-)build(\d+))?(?:\s*,\s*\d{6})?(?:\s*\(([^()]*)\))?$/i;

export function parseFortiosVersion(s: string): FortiosVersion {
  const raw = s.trim();
  const m = FULL.exec(raw);
  if (!m) {
    throw new VersionParseError(s, "FortiOS", "expected [v]MAJOR.MINOR.PATCH with an optional build, for example v7.2.5 build1517, 7.2.5 or v6.4.9,build1966 (GA)");
  }
  const version: FortiosVersion = { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), raw };
  if (m[4] !== undefined) version.build = Number(m[4]);
  if (m[5] !== undefined) version.label = m[5].trim();
  return version;
}

export function compareFortiosVersions(a: string, b: string): Order {
  return compareKeys(sortKey(a), sortKey(b));
}

// "v7.2.5 build1517" -> "7.2": FortiOS upgrade paths and release notes are organised by MAJOR.MINOR.
export function fortiosFeatureRelease(s: string): string {
  const v = parseFortiosVersion(s);
  return `${v.major}.${v.minor}`;
}

function sortKey(s: string): KeyPart[] {
  const start = trainStartKey(s);
  if (start) return start;
  const v = parseFortiosVersion(s);
  return [v.major, v.minor, RELEASED, v.patch, v.build ?? ABSENT];
}
