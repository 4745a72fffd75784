// Arista EOS version strings (netmiko platform `arista_eos`): parsing, a total order, the feature release.
//
// Forms, as `show version` prints after "Software image version:":
//   4.30.2F, 4.28.3M            MAJOR.MINOR.PATCH and the release letters
//   4.21.2.3F                   a fourth number for a respin
//   4.22.1FX-CLI                a variant release: letters beyond F/M and a hyphenated variant name
//   4.29.1F-30201034.4291F (engineering build)   an internal build id (digits, a dot, the version packed)
//                               and a note in parentheses
// The letters: F = feature release (new features, the first releases of a train), M = maintenance release
// (the train declared mature, bug fixes only). A release number carries one or the other, never both.
// Order: MAJOR, MINOR, PATCH, the respin (none first), the letters (code-unit order: F < FX < M), the
// variant (none first). The internal build id and the note are ignored: they name how one release was
// built, so 4.29.1F-30201034.4291F = 4.29.1F, and a device's "Internal build version" compares equal to its
// "Software image version".
import { VersionParseError } from "../../versions/errors.js";
import { ABSENT, compareKeys, RELEASED, trainStartKey, type KeyPart, type Order } from "../../versions/key.js";

export interface EosVersion {
  major: number;
  minor: number;
  patch: number;
  respin?: number;
  letters: string;
  variant: string;
  internalBuild?: string;
  raw: string;
}

const FULL = /^(\d+)\.(\d+)\.(\d+)(?:\.(\d+))?([A-Z]+)((?:-[A-Z0-9]+)*?)(?:-(\d+\.\d+[A-Z]*))?(?:\s*\([^()]*\))?$/i;

export function parseEosVersion(s: string): EosVersion {
  const raw = s.trim();
  const m = FULL.exec(raw);
  if (!m) {
    throw new VersionParseError(s, "Arista EOS", "expected MAJOR.MINOR.PATCH followed by the release letter, for example 4.30.2F, 4.28.3M or 4.29.1F-30201034.4291F");
  }
  const version: EosVersion = {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    letters: (m[5] as string).toUpperCase(),
    variant: (m[6] as string).slice(1).toUpperCase(),
    raw,
  };
  if (m[4] !== undefined) version.respin = Number(m[4]);
  if (m[7] !== undefined) version.internalBuild = m[7];
  return version;
}

export function compareEosVersions(a: string, b: string): Order {
  return compareKeys(sortKey(a), sortKey(b));
}

// "4.30.2F" -> "4.30": the release train.
export function eosFeatureRelease(s: string): string {
  const v = parseEosVersion(s);
  return `${v.major}.${v.minor}`;
}

function sortKey(s: string): KeyPart[] {
  const start = trainStartKey(s);
  if (start) return start;
  const v = parseEosVersion(s);
  return [v.major, v.minor, RELEASED, v.patch, v.respin ?? ABSENT, v.letters, v.variant];
}
