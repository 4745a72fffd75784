// Junos version parsing and ordering: table cases and total-order properties.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VersionParseError } from "../../../src/versions/errors.js";
import { compareJunosVersions, junosFeatureRelease, parseJunosVersion } from "../../../src/platforms/juniper_junos/version.js";
import { optional } from "../../versions/arbitraries.js";
import { itIsATotalOrder } from "../../versions/order-laws.js";

describe("parseJunosVersion", () => {
  it.each([
    ["21.4R3-S5.4", { major: 21, minor: 4, type: "R", number: 3, spin: { kind: "S", number: 5 }, build: 4, evolved: false }],
    ["19.4R1.10", { major: 19, minor: 4, type: "R", number: 1, build: 10 }],
    ["18.4R2-S3", { major: 18, minor: 4, type: "R", number: 2, spin: { kind: "S", number: 3 } }],
    ["20.2R1-S1.2", { type: "R", number: 1, spin: { kind: "S", number: 1 }, build: 2 }],
    ["15.1X49-D200.5", { major: 15, minor: 1, type: "X", number: 49, spin: { kind: "D", number: 200 }, build: 5 }],
    ["21.1X3.3", { type: "X", number: 3, build: 3 }],
    ["22.4R3-S2.11-EVO", { type: "R", number: 3, spin: { kind: "S", number: 2 }, build: 11, evolved: true }],
    ["21.4r3-s5.4", { type: "R", spin: { kind: "S", number: 5 } }],
  ])("%s", (input, expected) => {
    expect(parseJunosVersion(input)).toMatchObject(expected);
  });

  it.each(["21.4", "21.4R", "21.4R3-S", "21.4R3-Q5.4", "JUNOS 21.4R3", "20220825.064945_builder_junos_211_x3", "18.1I20180101_1535"])(
    "rejects %j with the string in the message",
    (input) => {
      expect(() => parseJunosVersion(input)).toThrow(VersionParseError);
      expect(() => parseJunosVersion(input)).toThrow(`cannot read "${input}" as a Junos version`);
    },
  );

  it("gives the feature release, with the X number for a special release", () => {
    expect(junosFeatureRelease("21.4R3-S5.4")).toBe("21.4");
    expect(junosFeatureRelease("15.1X49-D200.5")).toBe("15.1X49");
  });
});

describe("compareJunosVersions", () => {
  it("orders release, service release, build", () => {
    const ordered = ["18.4R2-S3", "19.4R1.10", "19.4R3-S1.3", "21.4R3", "21.4R3.13", "21.4R3-S1", "21.4R3-S3.4", "21.4R3-S5", "21.4R3-S5.4", "21.4R3-S10.2", "21.4R4", "22.1R1"];
    expect([...ordered].reverse().sort(compareJunosVersions)).toEqual(ordered);
  });

  it("orders D releases of a special release numerically", () => {
    const ordered = ["15.1X49-D45", "15.1X49-D100.6", "15.1X49-D200.5", "15.1X53-D59.3"];
    expect([...ordered].reverse().sort(compareJunosVersions)).toEqual(ordered);
  });

  it("breaks ties between release types by the letter, and puts Evolved after plain Junos", () => {
    expect(compareJunosVersions("15.1F6", "15.1R7")).toBe(-1);
    expect(compareJunosVersions("15.1R7", "15.1X49-D10")).toBe(-1);
    expect(compareJunosVersions("22.4R3-S2.11", "22.4R3-S2.11-EVO")).toBe(-1);
  });

  it("places a partial version at the start of its train", () => {
    expect(compareJunosVersions("21.4", "21.4A1")).toBe(-1);
    expect(compareJunosVersions("21.4", "21.3R3-S5.4")).toBe(1);
  });
});

const version = fc
  .record({
    major: fc.integer({ min: 12, max: 23 }),
    minor: fc.integer({ min: 1, max: 4 }),
    type: fc.constantFrom("R", "X", "F", "B", "S"),
    number: fc.integer({ min: 1, max: 60 }),
    spin: optional(fc.tuple(fc.constantFrom("S", "D"), fc.integer({ min: 1, max: 500 }))),
    build: optional(fc.integer({ min: 0, max: 20 })),
    evolved: fc.boolean(),
    lower: fc.boolean(),
  })
  .map(({ major, minor, type, number, spin, build, evolved, lower }) => {
    const text = `${major}.${minor}${type}${number}${spin ? `-${spin[0]}${spin[1]}` : ""}${build === undefined ? "" : `.${build}`}${evolved ? "-EVO" : ""}`;
    return { text: lower ? text.toLowerCase() : text, identity: JSON.stringify([major, minor, type, number, spin ?? null, build ?? null, evolved]) };
  });

describe("compareJunosVersions is a total order (fast-check)", () => {
  itIsATotalOrder(compareJunosVersions, version);
});
