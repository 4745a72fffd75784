// Linux kernel / generic semver and FRR versions (the shared dotted grammar): table cases and
// total-order properties.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VersionParseError } from "../../src/versions/errors.js";
import { compareFrrVersions, frrFeatureRelease, parseFrrVersion } from "../../src/platforms/frr/version.js";
import { compareLinuxVersions, linuxFeatureRelease, parseLinuxVersion } from "../../src/platforms/linux/version.js";
import { itIsATotalOrder } from "./order-laws.js";

describe("parseLinuxVersion", () => {
  it.each([
    ["5.15.0-91-generic", { numbers: [5, 15, 0], stage: "revision", suffix: ["91", "generic"] }],
    ["6.1.0-13-amd64", { numbers: [6, 1, 0], stage: "revision", suffix: ["13", "amd64"] }],
    ["3.10.0-1062.1.2.el7.x86_64", { numbers: [3, 10, 0], stage: "revision", suffix: ["1062", "1", "2", "el7", "x86_64"] }],
    ["1.2.3-rc.1", { numbers: [1, 2, 3], stage: "pre-release", suffix: ["rc", "1"] }],
    ["6.8.0-rc3", { numbers: [6, 8, 0], stage: "pre-release", suffix: ["rc3"] }],
    ["1.2.3+build.5", { numbers: [1, 2, 3], stage: "release", suffix: [] }],
    ["5.10.17-v7l+", { numbers: [5, 10, 17], stage: "revision", suffix: ["v7l"] }],
    ["v6.8", { numbers: [6, 8], stage: "release", suffix: [] }],
  ])("%s", (input, expected) => {
    expect(parseLinuxVersion(input)).toMatchObject(expected);
  });

  it.each(["", "linux", "5.15.0-", "5..15", "5.15.0 generic", "5.15.0-91_generic~x"])("rejects %j with the string in the message", (input) => {
    expect(() => parseLinuxVersion(input)).toThrow(VersionParseError);
    expect(() => parseLinuxVersion(input)).toThrow(`cannot read "${input}" as a Linux version`);
  });

  it("gives the kernel series", () => {
    expect(linuxFeatureRelease("5.15.0-91-generic")).toBe("5.15");
    expect(linuxFeatureRelease("6")).toBe("6.0");
  });
});

describe("compareLinuxVersions", () => {
  it("puts distribution revisions after the plain kernel and pre-releases before it", () => {
    const ordered = ["4.19.0-17-amd64", "5.15.0-rc1", "5.15.0-rc2", "5.15.0-rc10", "5.15.0", "5.15.0-91-generic", "5.15.0-100-generic", "5.15.1", "6.1.0-13-amd64"];
    expect([...ordered].reverse().sort(compareLinuxVersions)).toEqual(ordered);
  });

  it("follows semver's precedence example", () => {
    const ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0"];
    expect([...ordered].reverse().sort(compareLinuxVersions)).toEqual(ordered);
    expect(compareLinuxVersions("1.2.3-rc.1", "1.2.3")).toBe(-1);
  });

  it("treats missing numbers as zero and ignores build metadata", () => {
    expect(compareLinuxVersions("6.1", "6.1.0")).toBe(0);
    expect(compareLinuxVersions("v6.1.0", "6.1.0+build.7")).toBe(0);
    expect(compareLinuxVersions("6.1.0-13-amd64", "6.1.0-13.amd64")).toBe(0);
  });
});

describe("FRR", () => {
  it.each([
    ["8.4.2", [8, 4, 2]],
    ["9.0", [9, 0]],
    ["frr-8.5.1", [8, 5, 1]],
    ["FRRouting 8.4.2", [8, 4, 2]],
  ])("reads %s", (input, numbers) => {
    expect(parseFrrVersion(input).numbers).toEqual(numbers);
  });

  it("orders releases, development builds before their release", () => {
    const ordered = ["7.5.1", "frr-8.4", "8.4.2", "frr-8.5.1", "9.0", "9.0.1", "9.1-dev", "9.1", "10.0"];
    expect([...ordered].reverse().sort(compareFrrVersions)).toEqual(ordered);
    expect(compareFrrVersions("9.0", "frr-9.0.0")).toBe(0);
  });

  it("rejects a non-version, showing the string as given", () => {
    expect(() => parseFrrVersion("frr-stable")).toThrow(VersionParseError);
    expect(() => parseFrrVersion("frr-stable")).toThrow('cannot read "frr-stable" as a FRRouting version');
  });

  it("gives the release line", () => {
    expect(frrFeatureRelease("frr-8.5.1")).toBe("8.5");
  });
});

// Versions in the dotted grammar with cosmetic variants: trailing ".0"s, a "v" prefix, "." or "-" between
// suffix identifiers, build metadata. The identity drops all of them.
const identifiers = fc.array(fc.oneof(fc.integer({ min: 0, max: 120 }).map(String), fc.constantFrom("generic", "amd64", "el7", "x86_64", "pve", "v7l")), {
  minLength: 1,
  maxLength: 3,
});
const suffix = fc.oneof(
  fc.constant<string[]>([]),
  fc.tuple(fc.constantFrom("rc", "alpha", "beta", "dev", "rc1", "rc10", "rc2"), fc.array(fc.integer({ min: 0, max: 12 }).map(String), { maxLength: 2 })).map(([w, rest]) => [w, ...rest]),
  fc.tuple(fc.integer({ min: 0, max: 1100 }).map(String), identifiers).map(([n, rest]) => [n, ...rest]),
);
const dotted = fc
  .record({
    numbers: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 3 }),
    zeros: fc.integer({ min: 0, max: 2 }),
    suffix,
    separators: fc.array(fc.constantFrom(".", "-"), { minLength: 4, maxLength: 4 }),
    metadata: fc.constantFrom("", "+build.5", "+"),
  })
  .map(({ numbers, zeros, suffix: ids, separators, metadata }) => {
    const padded = [...numbers, ...Array<number>(zeros).fill(0)];
    const trimmed = [...numbers];
    while (trimmed.length > 0 && trimmed[trimmed.length - 1] === 0) trimmed.pop();
    const suffixText = ids.map((id, i) => (i === 0 ? id : `${separators[i] as string}${id}`)).join("");
    return { text: `${padded.join(".")}${ids.length > 0 ? `-${suffixText}` : ""}${metadata}`, identity: JSON.stringify([trimmed, ids]) };
  });

describe("compareLinuxVersions is a total order (fast-check)", () => {
  itIsATotalOrder(compareLinuxVersions, dotted);
});

describe("compareFrrVersions is a total order (fast-check)", () => {
  itIsATotalOrder(compareFrrVersions, dotted.map((v) => ({ ...v, text: `frr-${v.text}` })));
});
