// Cisco IOS XE version strings (netmiko platform `cisco_xe`): parsing, a total order, the feature release.
//
// Forms, as `show version` prints them:
//   17.9.4a, 16.12.05b, 17.03.04, 16.09.03     MAJOR.MINOR.PATCH, parts often zero-padded, an optional
//                                              lowercase rebuild letter
//   03.16.08.S, 03.09.01.S, 03.06.05E, 3.7.4E  the old 3.x releases: a train suffix in capitals (S, E, SE),
//                                              with or without a dot before it
// Order: MAJOR, MINOR, PATCH numerically (so 17.03.04 = 17.3.4), then the rebuild letter (none first:
// 17.9.4 < 17.9.4a < 17.9.4b < 17.9.5), then the 3.x train letters (none first, then in code-unit order).
// Case matters: a lowercase letter is a rebuild, capitals are a train.
//
// A classic IOS version such as 15.5(3)S9a is refused: an ASR1000 on XE 3.16 prints it for its IOSd
// process next to "IOS XE Version: 03.16.09a.S", and the two numberings cannot be ordered together.
import { VersionParseError } from "../../versions/errors.js";
import { compareKeys, RELEASED, trainStartKey, type KeyPart, type Order } from "../../versions/key.js";

export interface CiscoXeVersion {
  form: "xe";
  major: number;
  minor: number;
  patch: number;
  rebuild: string;
  train: string;
  raw: string;
}

const FULL = /^(\d+)\.(\d+)\.(\d+)([a-z]?)(?:\.?([A-Z]{1,3}))?$/;

export const CISCO_XE_EXPECTED = "expected MAJOR.MINOR.PATCH with an optional rebuild letter, for example 17.9.4a, 16.12.05b or 03.16.08.S";

export function isCiscoXeVersion(s: string): boolean {
  return FULL.test(s.trim());
}

export function parseCiscoXeVersion(s: string): CiscoXeVersion {
  const raw = s.trim();
  const m = FULL.exec(raw);
  if (!m) {
    const hint = /^\d+\.\d+\(/.test(raw) ? " (this is a classic IOS version, as the IOSd process reports it: give the IOS XE version, or use platform cisco_ios)" : "";
    throw new VersionParseError(s, "Cisco IOS XE", CISCO_XE_EXPECTED + hint);
  }
  return { form: "xe", major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), rebuild: m[4] as string, train: m[5] ?? "", raw };
}

export function compareCiscoXeVersions(a: string, b: string): Order {
  return compareKeys(sortKey(a), sortKey(b));
}

// "17.03.04" -> "17.3": the release train, with the padding removed so that data files need one spelling.
export function ciscoXeFeatureRelease(s: string): string {
  const v = parseCiscoXeVersion(s);
  return `${v.major}.${v.minor}`;
}

// Also used by the cisco_ios ordering, which accepts IOS XE versions too.
export function ciscoXeKeyTail(v: CiscoXeVersion): KeyPart[] {
  return [v.patch, v.rebuild, v.train];
}

function sortKey(s: string): KeyPart[] {
  const start = trainStartKey(s);
  if (start) return start;
  const v = parseCiscoXeVersion(s);
  return [v.major, v.minor, RELEASED, ...ciscoXeKeyTail(v)];
}
