// Arista EOS version parsing and ordering: table cases and total-order properties.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareEosVersions, eosFeatureRelease, parseEosVersion } from "../../../src/platforms/arista_eos/version.js";
import { VersionParseError } from "../../../src/versions/errors.js";
import { optional } from "../../versions/arbitraries.js";
import { itIsATotalOrder } from "../../versions/order-laws.js";

describe("parseEosVersion", () => {
  it.each([
    ["4.30.2F", { major: 4, minor: 30, patch: 2, letters: "F", variant: "" }],
    ["4.28.3M", { major: 4, minor: 28, patch: 3, letters: "M", variant: "" }],
    ["4.29.1F-30201034.4291F (engineering build)", { major: 4, minor: 29, patch: 1, letters: "F", internalBuild: "30201034.4291F" }],
    ["4.21.2.3F", { patch: 2, respin: 3, letters: "F" }],
    ["4.22.1FX-CLI", { patch: 1, letters: "FX", variant: "CLI" }],
  ])("%s", (input, expected) => {
    expect(parseEosVersion(input)).toMatchObject(expected);
  });

  it.each(["4.30.2", "4.30F", "4.30.2F (", "EOS-4.30.2F", "4.30.2F-"])("rejects %j with the string in the message", (input) => {
    expect(() => parseEosVersion(input)).toThrow(VersionParseError);
    expect(() => parseEosVersion(input)).toThrow(`cannot read "${input}" as an Arista EOS version`);
  });

  it("gives the feature release", () => {
    expect(eosFeatureRelease("4.31.6M-39953990.4316M")).toBe("4.31");
  });
});

describe("compareEosVersions", () => {
  it("orders the numbers, then the respin, then the letters", () => {
    const ordered = ["4.14.7M", "4.15.5M", "4.21.2F", "4.21.2.1F", "4.21.2.3F", "4.22.1F", "4.22.1FX-CLI", "4.28.3M", "4.29.1F", "4.30.2F", "4.30.10M"];
    expect([...ordered].reverse().sort(compareEosVersions)).toEqual(ordered);
  });

  it("ignores the internal build id and the note", () => {
    expect(compareEosVersions("4.29.1F", "4.29.1F-30201034.4291F (engineering build)")).toBe(0);
    expect(compareEosVersions("4.14.7M-2384414.4147M", "4.14.7M")).toBe(0);
  });

  it("places a partial version at the start of its train", () => {
    expect(compareEosVersions("4.30", "4.30.0F")).toBe(-1);
    expect(compareEosVersions("4.30", "4.29.9M")).toBe(1);
  });
});

const version = fc
  .record({
    minor: fc.integer({ min: 10, max: 33 }),
    patch: fc.integer({ min: 0, max: 9 }),
    respin: optional(fc.integer({ min: 0, max: 4 })),
    letters: fc.constantFrom("F", "M", "FX"),
    variant: fc.constantFrom("", "CLI"),
    build: optional(fc.integer({ min: 1_000_000, max: 99_999_999 })),
    note: fc.boolean(),
  })
  .map(({ minor, patch, respin, letters, variant, build, note }) => {
    const release = `4.${minor}.${patch}${respin === undefined ? "" : `.${respin}`}${letters}${variant ? `-${variant}` : ""}`;
    return {
      text: `${release}${build === undefined ? "" : `-${build}.4${minor}${patch}${letters}`}${note ? " (engineering build)" : ""}`,
      identity: JSON.stringify([minor, patch, respin ?? null, letters, variant]),
    };
  });

describe("compareEosVersions is a total order (fast-check)", () => {
  itIsATotalOrder(compareEosVersions, version);
});
