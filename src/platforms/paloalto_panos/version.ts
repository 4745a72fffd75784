// PAN-OS version strings: parsing, a total order, and the feature release ("train") a version belongs to.
//
// Grammar: MAJOR.MINOR.PATCH, optionally followed by a build suffix and an `.xfr` tag:
//   10.2.4          release (maintenance release 4 of the 10.2 feature release)
//   10.2.4-h4       hotfix 4 on top of 10.2.4
//   10.2.4-c12      internal candidate build; 10.2.4-b3 beta build; both come before 10.2.4
//   9.0.5.xfr       an ".xfr" build (seen in `debug swm status`, ntc-templates fixture)
// Order: c < b < release < h, then the build number, within one MAJOR.MINOR.PATCH:
//   10.2.4-c12 < 10.2.4-b3 < 10.2.4 < 10.2.4-h1 < 10.2.4-h4 < 10.2.5
//
// `.xfr`: the only real example found is `9.0.5.xfr` (ntc-templates debug_swm_status fixture).
// Palo Alto's Ansible collection (action plugin panos_software) parses it as MAJOR.MINOR.PATCH plus a
// trailing ".xfr" flag and treats `9.0.5.xfr` as the same release as `9.0.5` for upgrade decisions.
// No public source documents how an .xfr build orders against its plain twin. We follow the Ansible
// reading (same release, same position) and, only to keep the order total, place the .xfr build right
// after its plain twin: 9.0.5 < 9.0.5.xfr < 9.0.5-h1. The tag is accepted after a hotfix too
// (`10.1.14-h4.xfr`), as the Ansible parser would. featureRelease ignores the tag.
//
// A partial version ("10.2" or "11") is accepted by the comparator only, as the start of that train:
// it sorts before every build of it (10.1.99-h9 < "10.2" < 10.2.0-c1). Range operands such as `>=10.2`
// rely on this; parsePanosVersion itself rejects partial versions because a device never reports one.
import { VersionParseError } from "../../versions/errors.js";
import { parseRange, satisfiesRange, type VersionRange } from "../../versions/range.js";

export type PanosBuildKind = "c" | "b" | "release" | "h";

export interface PanosVersion {
  major: number;
  minor: number;
  patch: number;
  kind: PanosBuildKind;
  build?: number;
  xfr: boolean;
  raw: string;
}

const FULL = /^(\d+)\.(\d+)\.(\d+)(?:-([cbh])(\d+))?(\.xfr)?$/i;
const PARTIAL = /^(\d+)(?:\.(\d+))?$/;

const KIND_RANK: Record<PanosBuildKind, number> = { c: 0, b: 1, release: 2, h: 3 };
// Below every real kind: the rank of a partial version, the start of its train.
const TRAIN_START_RANK = -1;

type SortKey = readonly [major: number, minor: number, patch: number, kind: number, build: number, xfr: number];

export function parsePanosVersion(s: string): PanosVersion {
  const raw = s.trim();
  const m = FULL.exec(raw);
  if (!m) {
    throw new VersionParseError(s, "PAN-OS", "expected MAJOR.MINOR.PATCH with an optional -hN, -bN or -cN build and an optional .xfr tag (for example 10.2.4-h4)");
  }
  const kindLetter = m[4]?.toLowerCase() as "c" | "b" | "h" | undefined;
  const version: PanosVersion = {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    kind: kindLetter ?? "release",
    xfr: m[6] !== undefined,
    raw,
  };
  if (kindLetter !== undefined) version.build = Number(m[5]);
  return version;
}

export function isPanosVersion(s: string): boolean {
  return FULL.test(s.trim());
}

// Shaped as a plain (a, b) => number so that the check engine, Array.prototype.sort and satisfiesRange
// can all use it directly. Throws (naming the string) on anything that is not a PAN-OS version.
export function comparePanosVersions(a: string, b: string): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  for (let i = 0; i < ka.length; i++) {
    const d = (ka[i] as number) - (kb[i] as number);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

// "10.2.4-h4" -> "10.2": the train that upgrade paths and the optics list are organised by.
export function featureRelease(v: string | PanosVersion): string {
  const version = typeof v === "string" ? parsePanosVersion(v) : v;
  return `${version.major}.${version.minor}`;
}

// A range whose operands are checked as PAN-OS versions, so `>=10.2.x` fails when the check is loaded.
export function parsePanosRange(range: string): VersionRange {
  return parseRange(range, { checkVersion: parsePanosVersion });
}

export function satisfiesPanosRange(version: string, range: string | VersionRange): boolean {
  return satisfiesRange(version, typeof range === "string" ? parsePanosRange(range) : range, comparePanosVersions);
}

// Checks compare the same few strings (the device's release, the path's hops, a support list's releases) for every
// device: each string's key is computed once. Bounded, for a process (serve) that sees arbitrary strings; a string
// that does not parse throws every time and is never stored.
const SORT_KEYS = new Map<string, SortKey>();
const SORT_KEYS_MAX = 10_000;

function sortKey(s: string): SortKey {
  const known = SORT_KEYS.get(s);
  if (known !== undefined) return known;
  const key = computeSortKey(s);
  if (SORT_KEYS.size >= SORT_KEYS_MAX) SORT_KEYS.clear();
  SORT_KEYS.set(s, key);
  return key;
}

function computeSortKey(s: string): SortKey {
  const partial = PARTIAL.exec(s.trim());
  if (partial) return [Number(partial[1]), Number(partial[2] ?? 0), 0, TRAIN_START_RANK, 0, 0];
  const v = parsePanosVersion(s);
  return [v.major, v.minor, v.patch, KIND_RANK[v.kind], v.build ?? 0, v.xfr ? 1 : 0];
}
