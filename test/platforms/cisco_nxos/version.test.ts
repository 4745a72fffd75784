// Cisco NX-OS version parsing and ordering: table cases and total-order properties.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareNxosVersions, nxosFeatureRelease, parseNxosVersion } from "../../../src/platforms/cisco_nxos/version.js";
import { VersionParseError } from "../../../src/versions/errors.js";
import { optional } from "../../versions/arbitraries.js";
import { itIsATotalOrder } from "../../versions/order-laws.js";

describe("parseNxosVersion", () => {
  it.each([
    ["9.3(8)", { major: 9, minor: 3, maintenance: 8, letter: "" }],
    ["9.3(10)", { major: 9, minor: 3, maintenance: 10, letter: "" }],
    ["10.2(5)M", { major: 10, minor: 2, maintenance: 5, designation: "M" }],
    ["10.2(3)F", { major: 10, minor: 2, maintenance: 3, designation: "F" }],
    ["10.4(5) [Maintenance Release]", { major: 10, minor: 4, maintenance: 5, designation: "M" }],
    ["14.0(1h) [build 14.0(1h)]", { major: 14, minor: 0, maintenance: 1, letter: "h" }],
    ["7.0(3)I7(9)", { major: 7, minor: 0, maintenance: 3, train: { letters: "I", number: 7, maintenance: 9, letter: "" } }],
    ["5.2(1)N1(8b)", { train: { letters: "N", number: 1, maintenance: 8, letter: "b" } }],
    ["7.3(0)DX(1)", { train: { letters: "DX", maintenance: 1, letter: "" } }],
  ])("%s", (input, expected) => {
    expect(parseNxosVersion(input)).toMatchObject(expected);
  });

  it("has no designation or train when none is given", () => {
    const v = parseNxosVersion("14.0(1h) [build 14.0(1h)]");
    expect(v.designation).toBeUndefined();
    expect(v.train).toBeUndefined();
  });

  it.each(["9.3", "9.3(8", "9.3.8", "nxos.9.3.8.bin", "7.0(3)I7", "10.2(5)X", "9.3(8) Maintenance"])("rejects %j with the string in the message", (input) => {
    expect(() => parseNxosVersion(input)).toThrow(VersionParseError);
    expect(() => parseNxosVersion(input)).toThrow(`cannot read "${input}" as a Cisco NX-OS version`);
  });

  it("gives the feature release, the platform train for the older form", () => {
    expect(nxosFeatureRelease("9.3(8)")).toBe("9.3");
    expect(nxosFeatureRelease("10.2(5)M")).toBe("10.2");
    expect(nxosFeatureRelease("7.0(3)I7(9)")).toBe("7.0(3)I7");
  });
});

describe("compareNxosVersions", () => {
  it("orders maintenance numbers numerically, then letters, then platform trains", () => {
    const ordered = ["6.2(14)", "7.0(3)", "7.0(3)I4(3)", "7.0(3)I4(7)", "7.0(3)I7(2)", "7.0(3)I7(9)", "7.0(3)I7(10)", "7.3(1)D1(1)", "8.4(2)", "8.4(2c)", "9.3(8)", "9.3(10)", "10.2(3)F", "10.2(5)M", "10.3(5)"];
    expect([...ordered].reverse().sort(compareNxosVersions)).toEqual(ordered);
  });

  it("ignores the M/F designation and the bracketed note", () => {
    expect(compareNxosVersions("10.4(5)", "10.4(5) [Maintenance Release]")).toBe(0);
    expect(compareNxosVersions("10.2(5)M", "10.2(5)")).toBe(0);
  });

  it("places a partial version at the start of its train", () => {
    expect(compareNxosVersions("9.3", "9.3(1)")).toBe(-1);
    expect(compareNxosVersions("9.3", "9.2(4)")).toBe(1);
  });
});

const train = fc.record({
  letters: fc.constantFrom("I", "N", "D", "U", "IA"),
  number: optional(fc.integer({ min: 1, max: 9 })),
  maintenance: fc.integer({ min: 1, max: 12 }),
  letter: fc.constantFrom("", "a", "b"),
});

const version = fc
  .record({
    major: fc.integer({ min: 5, max: 10 }),
    minor: fc.integer({ min: 0, max: 4 }),
    maintenance: fc.integer({ min: 0, max: 15 }),
    letter: fc.constantFrom("", "a", "c", "h"),
    train: optional(train),
    designation: fc.constantFrom("", "M", "F", " [Maintenance Release]", " [Feature Release]", " [build 1]"),
  })
  .map(({ major, minor, maintenance, letter, train: t, designation }) => ({
    text: `${major}.${minor}(${maintenance}${letter})${t ? `${t.letters}${t.number ?? ""}(${t.maintenance}${t.letter})` : ""}${designation}`,
    identity: JSON.stringify([major, minor, maintenance, letter, t ? [t.letters, t.number ?? null, t.maintenance, t.letter] : null]),
  }));

describe("compareNxosVersions is a total order (fast-check)", () => {
  itIsATotalOrder(compareNxosVersions, version);
});
