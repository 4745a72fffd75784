// Cisco IOS version strings (netmiko platform `cisco_ios`): parsing, a total order, the feature release.
//
// Classic IOS: MAJOR.MINOR(RELEASE)[TRAIN[REBUILD[letter]]], as `show version` prints after "Version":
//   12.4(25g)        mainline: release 25, rebuild letter g inside the parentheses
//   12.2(55)SE12     release 55 of the SE train, rebuild 12
//   15.5(3)S9a       rebuild 9 of 15.5(3)S, then a lowercase rebuild letter
//   15.2(4.0.55)E    an interim (engineering) build: interim 4.0.55 comes after release 4 and before 5
//   15.0(1)M         a train without a rebuild number
// Order, part by part: MAJOR, MINOR, the numbers in the parentheses (as a sequence: 4 < 4.0.55 < 4.1 < 5,
// which is how Cisco numbers interim builds between releases), the letter in the parentheses (none first),
// the train letters (none, i.e. mainline, first; then code-unit order, so E < EA < M < S < SE < T), the
// rebuild number (none first), the trailing rebuild letter (none first).
// Comparisons within one train are the meaningful ones (12.2(55)SE11 < 12.2(55)SE12 < 12.2(58)SE2).
// Across trains the letters only break ties so that the order is total: 15.2(4)E < 15.2(4)M, which says
// nothing about which is newer. Case matters: capitals are a train, a lowercase letter is a rebuild.
//
// netmiko and NAPALM drive IOS XE devices as `cisco_ios`, and their `show version` then reports 16.9.3 or
// 03.06.05E, so this ordering accepts IOS XE versions too (read by cisco-xe.ts). Their major numbers (2, 3,
// 16, 17) never meet classic IOS ones (10 to 15); should two share MAJOR.MINOR, classic sorts first.
import { VersionParseError } from "../../versions/errors.js";
import { ciscoXeKeyTail, isCiscoXeVersion, parseCiscoXeVersion, type CiscoXeVersion } from "../cisco_xe/version.js";
import { ABSENT, compareKeys, RELEASED, trainStartKey, type KeyPart, type Order } from "../../versions/key.js";

export interface ClassicIosVersion {
  form: "ios";
  major: number;
  minor: number;
  // The numbers in the parentheses: [55] for (55), [4, 0, 55] for the interim build (4.0.55).
  release: number[];
  releaseLetter: string;
  train: string;
  rebuild?: number;
  rebuildLetter: string;
  raw: string;
}

export type CiscoIosVersion = ClassicIosVersion | CiscoXeVersion;

const CLASSIC = /^(\d+)\.(\d+)\((\d+(?:\.\d+)*)([a-z]?)\)(?:([A-Z]{1,4})(?:(\d+)([a-z]?))?)?$/;

// Classic sorts before IOS XE when both share MAJOR.MINOR.
const FORM_RANK = { ios: 0, xe: 1 } as const;

export function parseCiscoIosVersion(s: string): CiscoIosVersion {
  const raw = s.trim();
  const m = CLASSIC.exec(raw);
  if (m) {
    const version: ClassicIosVersion = {
      form: "ios",
      major: Number(m[1]),
      minor: Number(m[2]),
      release: (m[3] as string).split(".").map(Number),
      releaseLetter: m[4] as string,
      train: m[5] ?? "",
      rebuildLetter: m[7] ?? "",
      raw,
    };
    if (m[6] !== undefined) version.rebuild = Number(m[6]);
    return version;
  }
  if (isCiscoXeVersion(raw)) return parseCiscoXeVersion(raw);
  throw new VersionParseError(
    s,
    "Cisco IOS",
    "expected MAJOR.MINOR(RELEASE) with an optional train and rebuild, for example 15.2(7)E3, 12.2(55)SE12 or 12.4(25g), or an IOS XE version such as 16.9.3",
  );
}

export function compareCiscoIosVersions(a: string, b: string): Order {
  return compareKeys(sortKey(a), sortKey(b));
}

// "12.2(55)SE12" -> "12.2SE", "12.4(25g)" -> "12.4": the train, the unit Cisco publishes releases and
// recommendations by. An IOS XE version gives MAJOR.MINOR, as cisco_xe does.
export function ciscoIosFeatureRelease(s: string): string {
  const v = parseCiscoIosVersion(s);
  return v.form === "ios" ? `${v.major}.${v.minor}${v.train}` : `${v.major}.${v.minor}`;
}

function sortKey(s: string): KeyPart[] {
  const start = trainStartKey(s);
  if (start) return start;
  const v = parseCiscoIosVersion(s);
  const head = [v.major, v.minor, RELEASED, FORM_RANK[v.form]];
  if (v.form === "xe") return [...head, ...ciscoXeKeyTail(v)];
  return [...head, v.release, v.releaseLetter, v.train, v.rebuild ?? ABSENT, v.rebuildLetter];
}
