// Cisco NX-OS version strings (netmiko platform `cisco_nxos`): parsing, a total order, the feature release.
//
// Forms, as `show version` prints them after "NXOS: version" (or "system: version"):
//   9.3(8), 9.3(10)          MAJOR.MINOR(MAINTENANCE)
//   10.2(5)M, 10.2(3)F       from 10.2 on, M (maintenance) or F (feature) release designation
//   10.4(5) [Maintenance Release], 14.0(1h) [build 14.0(1h)]   the bracketed note NX-OS prints; a
//                            "[Maintenance Release]"/"[Feature Release]" note is read as M/F, others ignored
//   8.4(2c), 14.0(1h)        a lowercase rebuild letter inside the parentheses (MDS, ACI)
//   7.0(3)I7(9), 5.2(1)N1(8b), 7.3(1)D1(1)   the older platform-train form: train letters I/N/D/U/A...,
//                            train number, then the train's own maintenance (and letter) in parentheses
// Order: MAJOR, MINOR, MAINTENANCE, its letter (none first), then the platform train: none first, then the
// letters in code-unit order, the train number, the train maintenance number and letter
// (7.0(3) < 7.0(3)I4(3) < 7.0(3)I7(2) < 7.0(3)I7(10) < 7.1(0)...).
// The M/F designation is not part of the order: a release number is either M or F, never both, and a
// device may print 10.2(5) without it, so 10.2(5) = 10.2(5)M.
import { VersionParseError } from "../../versions/errors.js";
import { ABSENT, compareKeys, RELEASED, trainStartKey, type KeyPart, type Order } from "../../versions/key.js";

export interface NxosPlatformTrain {
  letters: string;
  number?: number;
  maintenance: number;
  letter: string;
}

export interface NxosVersion {
  major: number;
  minor: number;
  maintenance: number;
  letter: string;
  train?: NxosPlatformTrain;
  designation?: "M" | "F";
  raw: string;
}

const FULL = /^(\d+)\.(\d+)\((\d+)([a-z]?)\)(?:([A-Z]{1,3})(\d*)\((\d+)([a-z]?)\))?([MF])?(?:\s*\[([^\]]*)\])?$/;

const DESIGNATION_NOTE: Readonly<Record<string, "M" | "F">> = { "maintenance release": "M", "feature release": "F" };

export function parseNxosVersion(s: string): NxosVersion {
  const raw = s.trim();
  const m = FULL.exec(raw);
  if (!m) {
    throw new VersionParseError(s, "Cisco NX-OS", "expected MAJOR.MINOR(MAINTENANCE) with an optional M/F designation or platform train, for example 9.3(8), 10.2(5)M or 7.0(3)I7(9)");
  }
  const version: NxosVersion = { major: Number(m[1]), minor: Number(m[2]), maintenance: Number(m[3]), letter: m[4] as string, raw };
  if (m[5] !== undefined) {
    const train: NxosPlatformTrain = { letters: m[5], maintenance: Number(m[7]), letter: m[8] as string };
    if (m[6] !== "") train.number = Number(m[6]);
    version.train = train;
  }
  const designation = (m[9] as "M" | "F" | undefined) ?? DESIGNATION_NOTE[(m[10] ?? "").trim().toLowerCase()];
  if (designation) version.designation = designation;
  return version;
}

export function compareNxosVersions(a: string, b: string): Order {
  return compareKeys(sortKey(a), sortKey(b));
}

// "9.3(8)" -> "9.3"; in the older form the platform train is the release line: "7.0(3)I7(9)" -> "7.0(3)I7".
export function nxosFeatureRelease(s: string): string {
  const v = parseNxosVersion(s);
  if (!v.train) return `${v.major}.${v.minor}`;
  return `${v.major}.${v.minor}(${v.maintenance}${v.letter})${v.train.letters}${v.train.number ?? ""}`;
}

function sortKey(s: string): KeyPart[] {
  const start = trainStartKey(s);
  if (start) return start;
  const v = parseNxosVersion(s);
  const t = v.train;
  return [v.major, v.minor, RELEASED, v.maintenance, v.letter, t?.letters ?? "", t?.number ?? ABSENT, t ? t.maintenance : ABSENT, t?.letter ?? ""];
}
