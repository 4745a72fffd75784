// Version ordering by platform, for `version_*` operators, `when` ranges and the version_* JMESPath functions.
import { comparePanosVersions } from "../versions/panos.js";

type Comparator = (a: string, b: string) => number;

const COMPARATORS: ReadonlyMap<string, Comparator> = new Map([["paloalto_panos", comparePanosVersions]]);

export function versionComparator(platform: string): Comparator {
  const compare = COMPARATORS.get(platform);
  if (!compare) throw new Error(`no version ordering is known for platform "${platform}"`);
  return compare;
}

export function compareVersions(a: string, b: string, platform: string): number {
  return versionComparator(platform)(a, b);
}
