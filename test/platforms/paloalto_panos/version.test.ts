// PAN-OS version parsing and ordering: table cases (including version strings from real captures)
// and fast-check properties that the order is total, antisymmetric and transitive.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePanosXmlResponse as parseXml } from "../../../src/platforms/paloalto_panos/parsers/xml-response.js";
import { VersionParseError } from "../../../src/versions/errors.js";
import { comparePanosVersions, featureRelease, isPanosVersion, parsePanosVersion } from "../../../src/platforms/paloalto_panos/version.js";
import { fixture } from "./parsers/system-state-format.js";

describe("parsePanosVersion", () => {
  it.each([
    ["10.2.4", { major: 10, minor: 2, patch: 4, kind: "release", xfr: false }],
    ["10.2.4-h4", { major: 10, minor: 2, patch: 4, kind: "h", build: 4, xfr: false }],
    ["10.2.4-c12", { major: 10, minor: 2, patch: 4, kind: "c", build: 12, xfr: false }],
    ["10.2.4-b3", { major: 10, minor: 2, patch: 4, kind: "b", build: 3, xfr: false }],
    ["9.0.5.xfr", { major: 9, minor: 0, patch: 5, kind: "release", xfr: true }],
    ["10.1.14-h4.xfr", { major: 10, minor: 1, patch: 14, kind: "h", build: 4, xfr: true }],
    [" 11.0.1 ", { major: 11, minor: 0, patch: 1, kind: "release", xfr: false, raw: "11.0.1" }],
  ])("%s", (input, expected) => {
    const v = parsePanosVersion(input);
    expect(v).toMatchObject(expected);
    if (expected.kind === "release") expect(v.build).toBeUndefined();
  });

  it.each(["", "10.2", "10", "10.2.x", "10.2.4-h", "10.2.4-r1", "10.2.4h4", "v10.2.4", "10.2.4-h4-h5", "10.2.4.xfr.xfr", "latest"])(
    "rejects %j and names it",
    (input) => {
      expect(() => parsePanosVersion(input)).toThrow(VersionParseError);
      expect(() => parsePanosVersion(input)).toThrow(`cannot read "${input}" as a PAN-OS version`);
      expect(isPanosVersion(input)).toBe(false);
    },
  );

  it("gives the feature release of a version", () => {
    expect(featureRelease("10.2.4-h4")).toBe("10.2");
    expect(featureRelease("9.0.5.xfr")).toBe("9.0");
    expect(featureRelease(parsePanosVersion("11.1.0-c3"))).toBe("11.1");
  });
});

// Versions reported by real devices in the fixtures.
function realVersions(): string[] {
  const info = parseXml(
    fixture("paloalto_panos/show_system_info/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_device_software_version__L2268-2315.xml"),
  ) as { system: Record<string, string> };
  const napalm = parseXml(
    fixture("paloalto_panos/show_system_info/napalm-panos__test__unit__mocked_data__test_get_facts__normal___show__system__info___info___system___show_.xml"),
  ) as { system: Record<string, string> };
  const check = parseXml(
    fixture("paloalto_panos/request_system_software_check/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_available_image_data__L1433-1471.xml"),
  ) as { "sw-updates": { versions: { entry: { version: string }[] } } };
  // debug swm status: "sysroot0  RUNNING-ACTIVE  9.0.5.xfr", one partition per line after the header.
  const swm = fixture("paloalto_panos/debug_swm_status/ntc-templates__tests__paloalto_panos__debug_swm_status__paloalto_panos_debug_swm_status.raw")
    .split("\n")
    .map((line) => line.trim().split(/\s+/)[2])
    .filter((v): v is string => v !== undefined && /^\d/.test(v));
  return [info.system["sw-version"] as string, napalm.system["sw-version"] as string, ...check["sw-updates"].versions.entry.map((e) => e.version), ...swm];
}

describe("comparePanosVersions", () => {
  it("reads the versions of real captures", () => {
    const versions = realVersions();
    expect(versions).toEqual(["9.1.12-h3", "7.0.1", "11.0.1", "11.0.0", "9.0.5.xfr", "9.1.2", "9.1.2"]);
    expect([...new Set(versions)].sort(comparePanosVersions)).toEqual(["7.0.1", "9.0.5.xfr", "9.1.2", "9.1.12-h3", "11.0.0", "11.0.1"]);
  });

  it("orders c < b < release < h, then build numbers numerically, then the next patch", () => {
    const ordered = ["10.2.4-c12", "10.2.4-b3", "10.2.4", "10.2.4-h1", "10.2.4-h4", "10.2.4-h10", "10.2.5", "10.2.10", "10.10.0", "11.0.0-c1", "11.0.0"];
    const shuffled = [...ordered].reverse();
    expect(shuffled.sort(comparePanosVersions)).toEqual(ordered);
  });

  it.each([
    ["9.1.12-h3", "9.1.13", -1],
    ["10.1.0", "10.2.0", -1],
    ["10.2.0", "10.2.4-h4", -1],
    ["11.0.1", "11.0.0", 1],
    ["10.2.4-h4", "10.2.4-h4", 0],
    ["10.2.4-H4", "10.2.4-h4", 0],
    ["9.0.5", "9.0.5.xfr", -1],
    ["9.0.5.xfr", "9.0.5-h1", -1],
    ["9.0.4-h9", "9.0.5.xfr", -1],
  ])("%s vs %s -> %i", (a, b, expected) => {
    expect(comparePanosVersions(a, b)).toBe(expected);
    expect(comparePanosVersions(b, a)).toBe(-expected || 0);
  });

  it("places a partial version at the start of its train", () => {
    expect(comparePanosVersions("10.1.99-h9", "10.2")).toBe(-1);
    expect(comparePanosVersions("10.2.0-c1", "10.2")).toBe(1);
    expect(comparePanosVersions("10.2.0", "10.2")).toBe(1);
    expect(comparePanosVersions("9.1.17", "10")).toBe(-1);
    expect(comparePanosVersions("10.0.0-c1", "10")).toBe(1);
  });

  it("throws, naming the string, on something that is not a version", () => {
    expect(() => comparePanosVersions("10.2.4", "ten")).toThrow('cannot read "ten" as a PAN-OS version');
  });
});

const version = fc
  .record({
    major: fc.integer({ min: 0, max: 12 }),
    minor: fc.integer({ min: 0, max: 3 }),
    patch: fc.integer({ min: 0, max: 12 }),
    suffix: fc.oneof(fc.constant(""), fc.tuple(fc.constantFrom("c", "b", "h"), fc.integer({ min: 0, max: 20 })).map(([k, n]) => `-${k}${n}`)),
    xfr: fc.boolean(),
  })
  .map(({ major, minor, patch, suffix, xfr }) => `${major}.${minor}.${patch}${suffix}${xfr ? ".xfr" : ""}`);

describe("comparePanosVersions is a total order (fast-check)", () => {
  it("is reflexive and antisymmetric: compare(a, b) = 0 exactly when a and b are the same version", () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(comparePanosVersions(a, a)).toBe(0);
        expect(Math.sign(comparePanosVersions(a, b))).toBe(-Math.sign(comparePanosVersions(b, a)) || 0);
        expect(comparePanosVersions(a, b) === 0).toBe(a === b);
      }),
      { numRuns: 2000 },
    );
  });

  it("is transitive", () => {
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort(comparePanosVersions) as [string, string, string];
        expect(comparePanosVersions(x, y)).toBeLessThanOrEqual(0);
        expect(comparePanosVersions(y, z)).toBeLessThanOrEqual(0);
        expect(comparePanosVersions(x, z)).toBeLessThanOrEqual(0);
        if (comparePanosVersions(a, b) < 0 && comparePanosVersions(b, c) < 0) expect(comparePanosVersions(a, c)).toBe(-1);
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees with the components: major, then minor, then patch decide before any suffix", () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        const [va, vb] = [parsePanosVersion(a), parsePanosVersion(b)];
        const byNumbers = va.major - vb.major || va.minor - vb.minor || va.patch - vb.patch;
        if (byNumbers !== 0) expect(comparePanosVersions(a, b)).toBe(Math.sign(byNumbers));
      }),
      { numRuns: 2000 },
    );
  });
});
