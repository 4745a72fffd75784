// Version ordering by platform, for `version_*` operators, `when` ranges and the version_* JMESPath functions.
import { versionOrdering } from "../versions/registry.js";

type Comparator = (a: string, b: string) => number;

export function versionComparator(platform: string): Comparator {
  const ordering = versionOrdering(platform);
  if (!ordering) throw new Error(`no version ordering is known for platform "${platform}"`);
  return ordering.compare;
}

export function compareVersions(a: string, b: string, platform: string): number {
  return versionComparator(platform)(a, b);
}
