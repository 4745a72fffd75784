// Version ordering by platform, for `version_*` operators, `when` ranges and the version_* JMESPath functions.
import { versionOrdering } from "../platforms/registry.js";

type Comparator = (a: string, b: string) => number;

export function versionComparator(platform: string): Comparator {
  const ordering = versionOrdering(platform);
  if (!ordering) throw new Error(`no version ordering is known for platform "${platform}"`);
  return ordering.compare;
}

export function compareVersions(a: string, b: string, platform: string): number {
  return versionComparator(platform)(a, b);
}

/** A release as checks see it ($hop): the version and its feature release (the version itself when unknown). */
export function hopFor(version: string, platform: string): { version: string; feature_release: string } {
  try {
    return { version, feature_release: versionOrdering(platform)?.featureRelease?.(version) ?? version };
  } catch {
    // An unparseable version is reported by the checks that compare it.
    return { version, feature_release: version };
  }
}
