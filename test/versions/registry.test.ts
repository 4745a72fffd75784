// The version-ordering registry: every platform preflight names has an ordering, unknown platforms are
// refused clearly, and each ordering works with the vendor-neutral ranges of range.ts (including partial
// operands such as `>=10.2`, which name the start of a train).
import { describe, expect, it } from "vitest";
import { satisfiesRange } from "../../src/versions/range.js";
import { compareVersionsFor, versionOrdering, versionPlatforms } from "./orderings.js";

const PLATFORMS = ["paloalto_panos", "fortinet", "cisco_ios", "cisco_xe", "cisco_nxos", "juniper_junos", "arista_eos", "frr", "linux"];

describe("versionOrdering", () => {
  it("knows every platform preflight names", () => {
    expect(versionPlatforms().sort()).toEqual([...PLATFORMS].sort());
  });

  it.each([
    ["paloalto_panos", "10.2.4-h4", "10.2"],
    ["fortinet", "v7.2.5 build1517", "7.2"],
    ["cisco_ios", "12.2(55)SE12", "12.2SE"],
    ["cisco_xe", "17.03.04", "17.3"],
    ["cisco_nxos", "7.0(3)I7(9)", "7.0(3)I7"],
    ["juniper_junos", "15.1X49-D200.5", "15.1X49"],
    ["arista_eos", "4.29.1F-30201034.4291F (engineering build)", "4.29"],
    ["frr", "frr-8.5.1", "8.5"],
    ["linux", "5.15.0-91-generic", "5.15"],
  ])("%s parses %s, feature release %s", (platform, version, feature) => {
    const ordering = versionOrdering(platform);
    expect(ordering?.parse(version)).toMatchObject({ raw: version });
    expect(ordering?.featureRelease?.(version)).toBe(feature);
    expect(ordering?.compare(version, version)).toBe(0);
  });

  it("has nothing for an unknown platform", () => {
    expect(versionOrdering("cisco_asa")).toBeUndefined();
  });
});

describe("compareVersionsFor", () => {
  it.each([
    ["paloalto_panos", "10.2.4", "10.2.4-h4", -1],
    ["fortinet", "v7.2.5 build1517", "7.2.4", 1],
    ["cisco_ios", "15.2(7)E3", "15.2(7)E10", -1],
    ["cisco_xe", "17.9.4a", "17.9.4", 1],
    ["cisco_nxos", "9.3(10)", "9.3(8)", 1],
    ["juniper_junos", "21.4R3-S5.4", "21.4R3-S10", -1],
    ["arista_eos", "4.28.3M", "4.30.2F", -1],
    ["frr", "9.0", "frr-9.0.0", 0],
    ["linux", "1.2.3-rc.1", "1.2.3", -1],
  ])("%s: %s vs %s -> %i", (platform, a, b, expected) => {
    expect(compareVersionsFor(platform, a, b)).toBe(expected);
  });

  it("throws a clear error for an unknown platform, listing the known ones", () => {
    expect(() => compareVersionsFor("cisco_asa", "9.8(4)", "9.8(4)")).toThrow(
      'no version ordering is known for platform "cisco_asa" (known: paloalto_panos, fortinet, cisco_ios, cisco_xe, cisco_nxos, juniper_junos, arista_eos, frr, linux)',
    );
  });

  it("throws VersionParseError naming a string that is not a version of the platform", () => {
    expect(() => compareVersionsFor("juniper_junos", "21.4R3-S5.4", "21.4-latest")).toThrow('cannot read "21.4-latest" as a Junos version');
  });
});

describe("ranges with each platform's ordering", () => {
  it.each([
    ["paloalto_panos", "10.2.0-c5", ">=10.2", true],
    ["fortinet", "v7.2.5 build1517", "=7.2", true],
    ["fortinet", "v7.2.5 build1517", ">=7.2.5 <7.2.6", true],
    ["fortinet", "7.4.0", "<=7.2", false],
    ["cisco_ios", "15.2(7)E3", ">=15.2(4)E10 <15.3", true],
    ["cisco_ios", "15.1(4)M12a", ">=15.2", false],
    ["cisco_xe", "17.9.4a", ">17.9.4 <=17.9", true],
    ["cisco_xe", "17.10.1", "<=17.9", false],
    ["cisco_nxos", "7.0(3)I7(9)", "=7.0", true],
    ["cisco_nxos", "10.2(5)M", ">=10.2(3)F <10.3", true],
    ["juniper_junos", "21.4R3-S5.4", "<=21.4", true],
    ["juniper_junos", "21.4R3-S5.4", ">21.4", false],
    ["juniper_junos", "21.4R3-S5.4", ">=21.4R3-S5 <21.4R3-S6", true],
    ["arista_eos", "4.30.2F", ">=4.30", true],
    ["arista_eos", "4.29.9M", ">=4.30", false],
    ["frr", "9.1-dev", "<9.1", true],
    ["frr", "frr-8.5.1", "=8.5", true],
    ["linux", "5.15.0-91-generic", ">=5.15.0 <5.16", true],
    ["linux", "5.15.0-91-generic", ">5.15.0", true],
  ])("%s %s in %s: %s", (platform, version, range, expected) => {
    expect(satisfiesRange(version, range, (a, b) => compareVersionsFor(platform, a, b))).toBe(expected);
  });
});
