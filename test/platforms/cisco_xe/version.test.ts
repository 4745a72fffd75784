// Cisco IOS XE version parsing and ordering: table cases and total-order properties.
import { describe, expect, it } from "vitest";
import { ciscoXeFeatureRelease, compareCiscoXeVersions, parseCiscoXeVersion } from "../../../src/platforms/cisco_xe/version.js";
import { VersionParseError } from "../../../src/versions/errors.js";
import { ciscoXeVersion } from "../../versions/arbitraries.js";
import { itIsATotalOrder } from "../../versions/order-laws.js";

describe("parseCiscoXeVersion", () => {
  it.each([
    ["17.9.4a", { major: 17, minor: 9, patch: 4, rebuild: "a", train: "" }],
    ["16.12.05b", { major: 16, minor: 12, patch: 5, rebuild: "b", train: "" }],
    ["17.03.04", { major: 17, minor: 3, patch: 4, rebuild: "", train: "" }],
    ["03.16.08.S", { major: 3, minor: 16, patch: 8, rebuild: "", train: "S" }],
    ["03.06.05E", { major: 3, minor: 6, patch: 5, rebuild: "", train: "E" }],
    ["03.16.09a.S", { major: 3, minor: 16, patch: 9, rebuild: "a", train: "S" }],
  ])("%s", (input, expected) => {
    expect(parseCiscoXeVersion(input)).toMatchObject({ form: "xe", ...expected });
  });

  it.each(["", "17.9", "17.9.4aa", "17.9.x", "V169_5_SR689355441_2", "17.9.4-a"])("rejects %j with the string in the message", (input) => {
    expect(() => parseCiscoXeVersion(input)).toThrow(VersionParseError);
    expect(() => parseCiscoXeVersion(input)).toThrow(`cannot read "${input}" as a Cisco IOS XE version`);
  });

  it("refuses a classic IOS version and says why", () => {
    expect(() => parseCiscoXeVersion("15.5(3)S9a")).toThrow(/classic IOS version.*cisco_ios/);
  });

  it("gives the feature release without padding", () => {
    expect(ciscoXeFeatureRelease("17.03.04")).toBe("17.3");
    expect(ciscoXeFeatureRelease("03.16.08.S")).toBe("3.16");
  });
});

describe("compareCiscoXeVersions", () => {
  it("compares padded parts numerically and puts the rebuild letter after the number", () => {
    const ordered = ["03.16.08.S", "16.9.3", "16.12.4", "16.12.05b", "17.03.04", "17.9.4", "17.9.4a", "17.9.4b", "17.9.5", "17.12.1"];
    expect([...ordered].reverse().sort(compareCiscoXeVersions)).toEqual(ordered);
  });

  it.each([
    ["17.03.04", "17.3.4", 0],
    ["16.12.05b", "16.12.5b", 0],
    ["03.06.05E", "3.6.5.E", 0],
    ["17.9.4", "17.9.4a", -1],
    ["17.9.4a", "17.9.5", -1],
    ["17.9", "17.9.0", -1],
    ["17.9", "17.8.9z", 1],
  ])("%s vs %s -> %i", (a, b, expected) => {
    expect(compareCiscoXeVersions(a, b)).toBe(expected);
    expect(compareCiscoXeVersions(b, a)).toBe(-expected || 0);
  });
});

describe("compareCiscoXeVersions is a total order (fast-check)", () => {
  itIsATotalOrder(compareCiscoXeVersions, ciscoXeVersion);
});
