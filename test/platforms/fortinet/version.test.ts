// FortiOS version parsing and ordering: table cases and total-order properties.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VersionParseError } from "../../../src/versions/errors.js";
import { compareFortiosVersions, fortiosFeatureRelease, parseFortiosVersion } from "../../../src/platforms/fortinet/version.js";
import { optional } from "../../versions/arbitraries.js";
import { itIsATotalOrder } from "../../versions/order-laws.js";

describe("parseFortiosVersion", () => {
  it.each([
    ["v7.2.5 build1517", { major: 7, minor: 2, patch: 5, build: 1517 }],
    ["7.2.5", { major: 7, minor: 2, patch: 5 }],
    ["v6.4.9,build1966 (GA)", { major: 6, minor: 4, patch: 9, build: 1966, label: "GA" }],
    ["FortiGate-60F v7.0.7,build0367,221005 (GA.F)", { major: 7, minor: 0, patch: 7, build: 367, label: "GA.F" }],
    ["v7.0.7-build0367", { major: 7, minor: 0, patch: 7, build: 367 }],
  ])("%s", (input, expected) => {
    const v = parseFortiosVersion(input);
    expect(v).toMatchObject(expected);
    if (!("build" in expected)) expect(v.build).toBeUndefined();
  });

  it.each(["", "7.2", "v7.2.x", "7.2.5 build", "7.2.5 b1517", "FortiOS"])("rejects %j with the string in the message", (input) => {
    expect(() => parseFortiosVersion(input)).toThrow(VersionParseError);
    expect(() => parseFortiosVersion(input)).toThrow(`cannot read "${input}" as a FortiOS version`);
  });

  it("gives the feature release", () => {
    expect(fortiosFeatureRelease("v7.2.5 build1517")).toBe("7.2");
  });
});

describe("compareFortiosVersions", () => {
  it("orders MAJOR.MINOR.PATCH, then the build, a version without a build first", () => {
    const ordered = ["6.4.9", "v6.4.9,build1966 (GA)", "v6.4.10 build2000", "7.0.15", "7.2.5", "v7.2.5 build1517", "v7.2.10 build1700", "7.4.1"];
    expect([...ordered].reverse().sort(compareFortiosVersions)).toEqual(ordered);
  });

  it("ignores the model, the date and the label", () => {
    expect(compareFortiosVersions("FortiGate-60F v7.0.7,build0367,221005 (GA.F)", "v7.0.7 build0367")).toBe(0);
  });

  it("places a partial version at the start of its train", () => {
    expect(compareFortiosVersions("7.2", "7.2.0")).toBe(-1);
    expect(compareFortiosVersions("7.2", "7.1.99 build9999")).toBe(1);
  });
});

const version = fc
  .record({
    major: fc.integer({ min: 5, max: 7 }),
    minor: fc.integer({ min: 0, max: 4 }),
    patch: fc.integer({ min: 0, max: 15 }),
    build: optional(fc.integer({ min: 0, max: 3000 })),
    v: fc.boolean(),
    separator: fc.constantFrom(",build", " build", ", build", "-build"),
    label: fc.constantFrom("", " (GA)", " (GA.M)", " (GA.F)"),
  })
  .map(({ major, minor, patch, build, v, separator, label }) => ({
    text: `${v ? "v" : ""}${major}.${minor}.${patch}${build === undefined ? "" : `${separator}${String(build).padStart(4, "0")}`}${label}`,
    identity: JSON.stringify([major, minor, patch, build ?? null]),
  }));

describe("compareFortiosVersions is a total order (fast-check)", () => {
  itIsATotalOrder(compareFortiosVersions, version);
});
