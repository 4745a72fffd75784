// Dotted numeric versions with a pre-release or a distribution revision: the grammar shared by the Linux
// kernel, generic semver-like software and FRR (linux.ts and frr.ts name the platform in their errors).
//
//   NUMBERS [-SUFFIX] [+METADATA]
//   NUMBERS   one or more dot-separated numbers: 6.1, 5.15.0, 1.2.3.4; missing numbers are 0 (6.1 = 6.1.0)
//   SUFFIX    identifiers separated by dots or hyphens: rc.1, rc3, 91-generic, 1062.1.2.el7.x86_64
//   METADATA  ignored, as semver says (1.2.3+build.5 = 1.2.3; the Raspberry Pi kernel's 5.10.17-v7l+)
// A suffix whose first identifier is a pre-release word (rc, alpha, beta, pre, preview, dev, snapshot,
// optionally followed by digits) is a pre-release and sorts BEFORE the plain version: 1.2.3-rc.1 < 1.2.3,
// 6.8.0-rc3 < 6.8.0. Any other suffix is a revision of the plain version and sorts AFTER it: kernels
// number their distribution builds that way (5.15.0 < 5.15.0-91-generic < 5.15.0-100-generic).
// Suffixes compare identifier by identifier: numbers numerically and before words, words in code-unit
// order, runs of digits inside a word numerically (rc3 < rc10; strict semver would put rc10 first), and a
// shorter suffix before a longer one it starts.
import { VersionParseError } from "./errors.js";
import { compareKeys, type KeyPart, type Order } from "./key.js";

export interface DottedVersion {
  numbers: number[];
  stage: "pre-release" | "release" | "revision";
  suffix: string[];
  raw: string;
}

const FULL = /^(\d+(?:\.\d+)*)(?:-([0-9A-Za-z_]+(?:[.-][0-9A-Za-z_]+)*))?(?:\+[0-9A-Za-z_.-]*)?$/;
const PRE_RELEASE = /^(?:rc|alpha|beta|pre|preview|dev|snapshot)\d*$/i;
const STAGE_RANK = { "pre-release": -1, release: 0, revision: 1 } as const;

export interface DottedDialect {
  platform: string;
  examples: string;
  // A product or tag prefix that is not part of the version (frr-8.5.1, v6.8).
  prefix: RegExp;
}

export function parseDotted(s: string, dialect: DottedDialect): DottedVersion {
  const raw = s.trim();
  const m = FULL.exec(raw.replace(dialect.prefix, ""));
  if (!m) {
    throw new VersionParseError(s, dialect.platform, `expected dot-separated numbers with an optional -suffix, for example ${dialect.examples}`);
  }
  const suffix = m[2] === undefined ? [] : m[2].split(/[.-]/);
  const stage = suffix.length === 0 ? "release" : PRE_RELEASE.test(suffix[0] as string) ? "pre-release" : "revision";
  return { numbers: (m[1] as string).split(".").map(Number), stage, suffix, raw };
}

export function compareDotted(a: DottedVersion, b: DottedVersion): Order {
  return compareKeys(sortKey(a), sortKey(b));
}

// "5.15.0-91-generic" -> "5.15".
export function dottedFeatureRelease(v: DottedVersion): string {
  return `${v.numbers[0]}.${v.numbers[1] ?? 0}`;
}

// 6.1 and 6.1.0 are the same version: drop the zeros that padding would add.
function withoutTrailingZeros(numbers: number[]): number[] {
  let end = numbers.length;
  while (end > 0 && numbers[end - 1] === 0) end--;
  return numbers.slice(0, end);
}

function sortKey(v: DottedVersion): KeyPart[] {
  return [withoutTrailingZeros(v.numbers), STAGE_RANK[v.stage], v.suffix.map(identifierKey)];
}

// Each run of digits or of other characters becomes [0, number] or [1, text], so numbers sort before words.
function identifierKey(identifier: string): KeyPart[] {
  return (identifier.match(/\d+|\D+/g) as string[]).map((run) => (/^\d/.test(run) ? [0, Number(run)] : [1, run]));
}
