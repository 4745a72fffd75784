// Version ordering by platform (netmiko names): how to parse, compare and name the feature release of a
// version string for each platform preflight knows. The check engine (`version_*` operators, `when`
// ranges) and the runner's upgrade hops look up one entry here instead of importing a vendor module.
import { ciscoIosFeatureRelease, compareCiscoIosVersions, parseCiscoIosVersion } from "../platforms/cisco_ios/version.js";
import { ciscoXeFeatureRelease, compareCiscoXeVersions, parseCiscoXeVersion } from "../platforms/cisco_xe/version.js";
import { compareNxosVersions, nxosFeatureRelease, parseNxosVersion } from "../platforms/cisco_nxos/version.js";
import { compareEosVersions, eosFeatureRelease, parseEosVersion } from "../platforms/arista_eos/version.js";
import { compareFortiosVersions, fortiosFeatureRelease, parseFortiosVersion } from "../platforms/fortinet/version.js";
import { compareFrrVersions, frrFeatureRelease, parseFrrVersion } from "../platforms/frr/version.js";
import { compareJunosVersions, junosFeatureRelease, parseJunosVersion } from "../platforms/juniper_junos/version.js";
import { compareLinuxVersions, linuxFeatureRelease, parseLinuxVersion } from "../platforms/linux/version.js";
import { comparePanosVersions, featureRelease as panosFeatureRelease, parsePanosVersion } from "../platforms/paloalto_panos/version.js";

export interface VersionOrdering {
  // Throws VersionParseError, naming the string, on anything that is not a version of the platform.
  parse(s: string): unknown;
  // A total order: -1, 0 or 1. Also accepts a partial "MAJOR" or "MAJOR.MINOR" (see docs/versions.md).
  compare(a: string, b: string): number;
  // The train a version belongs to ("10.2.4-h4" -> "10.2"), for data organised by release.
  featureRelease?(s: string): string;
}

const ORDERINGS: ReadonlyMap<string, VersionOrdering> = new Map<string, VersionOrdering>([
  ["paloalto_panos", { parse: parsePanosVersion, compare: comparePanosVersions, featureRelease: panosFeatureRelease }],
  ["fortinet", { parse: parseFortiosVersion, compare: compareFortiosVersions, featureRelease: fortiosFeatureRelease }],
  ["cisco_ios", { parse: parseCiscoIosVersion, compare: compareCiscoIosVersions, featureRelease: ciscoIosFeatureRelease }],
  ["cisco_xe", { parse: parseCiscoXeVersion, compare: compareCiscoXeVersions, featureRelease: ciscoXeFeatureRelease }],
  ["cisco_nxos", { parse: parseNxosVersion, compare: compareNxosVersions, featureRelease: nxosFeatureRelease }],
  ["juniper_junos", { parse: parseJunosVersion, compare: compareJunosVersions, featureRelease: junosFeatureRelease }],
  ["arista_eos", { parse: parseEosVersion, compare: compareEosVersions, featureRelease: eosFeatureRelease }],
  ["frr", { parse: parseFrrVersion, compare: compareFrrVersions, featureRelease: frrFeatureRelease }],
  ["linux", { parse: parseLinuxVersion, compare: compareLinuxVersions, featureRelease: linuxFeatureRelease }],
]);

export function versionOrdering(platform: string): VersionOrdering | undefined {
  return ORDERINGS.get(platform);
}

export function versionPlatforms(): string[] {
  return [...ORDERINGS.keys()];
}

export function compareVersionsFor(platform: string, a: string, b: string): number {
  const ordering = ORDERINGS.get(platform);
  if (!ordering) {
    throw new Error(`no version ordering is known for platform "${platform}" (known: ${versionPlatforms().join(", ")})`);
  }
  return ordering.compare(a, b);
}
