// Every version ordering written so far, by netmiko name, straight from each platform folder: the registered
// plugins' and those of platforms whose plugin is not built yet (their version.ts is the first piece).
import { compareEosVersions, eosFeatureRelease, parseEosVersion } from "../../src/platforms/arista_eos/version.js";
import { ciscoIosFeatureRelease, compareCiscoIosVersions, parseCiscoIosVersion } from "../../src/platforms/cisco_ios/version.js";
import { compareNxosVersions, nxosFeatureRelease, parseNxosVersion } from "../../src/platforms/cisco_nxos/version.js";
import { ciscoXeFeatureRelease, compareCiscoXeVersions, parseCiscoXeVersion } from "../../src/platforms/cisco_xe/version.js";
import { compareFortiosVersions, fortiosFeatureRelease, parseFortiosVersion } from "../../src/platforms/fortinet/version.js";
import { compareFrrVersions, frrFeatureRelease, parseFrrVersion } from "../../src/platforms/frr/version.js";
import { compareJunosVersions, junosFeatureRelease, parseJunosVersion } from "../../src/platforms/juniper_junos/version.js";
import { compareLinuxVersions, linuxFeatureRelease, parseLinuxVersion } from "../../src/platforms/linux/version.js";
import { comparePanosVersions, featureRelease as panosFeatureRelease, parsePanosVersion } from "../../src/platforms/paloalto_panos/version.js";
import type { VersionOrdering } from "../../src/platforms/types.js";

const ORDERINGS = new Map<string, VersionOrdering>([
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
  if (!ordering) throw new Error(`no version ordering is known for platform "${platform}" (known: ${versionPlatforms().join(", ")})`);
  return ordering.compare(a, b);
}
