// Cisco IOS version parsing and ordering (classic IOS, and IOS XE versions as netmiko's cisco_ios reports
// them): table cases and total-order properties.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ciscoIosFeatureRelease, compareCiscoIosVersions, parseCiscoIosVersion } from "../../../src/platforms/cisco_ios/version.js";
import { VersionParseError } from "../../../src/versions/errors.js";
import { ciscoXeVersion, optional } from "../../versions/arbitraries.js";
import { itIsATotalOrder } from "../../versions/order-laws.js";

describe("parseCiscoIosVersion", () => {
  it.each([
    ["15.2(4)M7", { release: [4], releaseLetter: "", train: "M", rebuild: 7, rebuildLetter: "" }],
    ["12.2(55)SE12", { release: [55], releaseLetter: "", train: "SE", rebuild: 12, rebuildLetter: "" }],
    ["15.0(2)SE11", { release: [2], releaseLetter: "", train: "SE", rebuild: 11, rebuildLetter: "" }],
    ["12.4(24)T8", { release: [24], releaseLetter: "", train: "T", rebuild: 8, rebuildLetter: "" }],
    ["15.2(7)E3", { release: [7], releaseLetter: "", train: "E", rebuild: 3, rebuildLetter: "" }],
    ["15.5(3)S9a", { release: [3], releaseLetter: "", train: "S", rebuild: 9, rebuildLetter: "a" }],
    ["12.4(25g)", { release: [25], releaseLetter: "g", train: "", rebuildLetter: "" }],
    ["15.2(4.0.55)E", { release: [4, 0, 55], releaseLetter: "", train: "E", rebuildLetter: "" }],
    ["15.0(1)M", { release: [1], releaseLetter: "", train: "M", rebuildLetter: "" }],
  ])("%s", (input, expected) => {
    const v = parseCiscoIosVersion(input);
    expect(v).toMatchObject({ form: "ios", ...expected });
    if (!("rebuild" in expected)) expect(v).not.toHaveProperty("rebuild");
  });

  it("reads an IOS XE version too", () => {
    expect(parseCiscoIosVersion("16.09.03")).toMatchObject({ form: "xe", major: 16, minor: 9, patch: 3 });
  });

  it.each(["15.2(4", "15.2", "15.2(4)m7", "15.2()E", "15.2(4)E3A", "Version 15.2(4)M7", "12.2(55)SE12,"])("rejects %j with the string in the message", (input) => {
    expect(() => parseCiscoIosVersion(input)).toThrow(VersionParseError);
    expect(() => parseCiscoIosVersion(input)).toThrow(`cannot read "${input}" as a Cisco IOS version: expected MAJOR.MINOR(RELEASE)`);
  });

  it("gives the train as the feature release", () => {
    expect(ciscoIosFeatureRelease("12.2(55)SE12")).toBe("12.2SE");
    expect(ciscoIosFeatureRelease("12.4(25g)")).toBe("12.4");
    expect(ciscoIosFeatureRelease("16.12.04")).toBe("16.12");
  });
});

describe("compareCiscoIosVersions", () => {
  it("orders within a train: release, then rebuild number, then rebuild letter", () => {
    const ordered = ["12.2(55)SE", "12.2(55)SE1", "12.2(55)SE11", "12.2(55)SE12", "12.2(58)SE2"];
    expect([...ordered].reverse().sort(compareCiscoIosVersions)).toEqual(ordered);
    const e = ["15.2(4)E10", "15.2(7)E", "15.2(7)E3", "15.2(7)E3a", "15.2(7)E4"];
    expect([...e].reverse().sort(compareCiscoIosVersions)).toEqual(e);
  });

  it("orders mainline rebuilds and interim builds between releases", () => {
    const ordered = ["12.4(25)", "12.4(25a)", "12.4(25g)", "12.4(25.1)", "12.4(26)"];
    expect([...ordered].reverse().sort(compareCiscoIosVersions)).toEqual(ordered);
    expect(compareCiscoIosVersions("15.2(4)E", "15.2(4.0.55)E")).toBe(-1);
    expect(compareCiscoIosVersions("15.2(4.0.55)E", "15.2(5)E")).toBe(-1);
  });

  it("breaks ties between trains by the letters, mainline first", () => {
    const ordered = ["15.2(4)", "15.2(4)E", "15.2(4)EA", "15.2(4)M1", "15.2(4)S", "15.2(4)SE"];
    expect([...ordered].reverse().sort(compareCiscoIosVersions)).toEqual(ordered);
  });

  it("orders classic IOS and IOS XE versions by their numbers", () => {
    const ordered = ["03.06.05E", "12.2(55)SE12", "15.2(7)E3", "16.9.3", "16.12.04", "17.9.4a"];
    expect([...ordered].reverse().sort(compareCiscoIosVersions)).toEqual(ordered);
  });

  it("places a partial version at the start of its train", () => {
    expect(compareCiscoIosVersions("15.2", "15.2(1)")).toBe(-1);
    expect(compareCiscoIosVersions("15.2", "15.1(4)M12a")).toBe(1);
  });
});

const classic = fc
  .record({
    major: fc.constantFrom(12, 15),
    minor: fc.integer({ min: 0, max: 5 }),
    release: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 3 }),
    releaseLetter: fc.constantFrom("", "a", "g"),
    train: fc.constantFrom("", "E", "EA", "M", "S", "SE", "SG", "T"),
    rebuild: optional(fc.integer({ min: 0, max: 12 })),
    rebuildLetter: fc.constantFrom("", "a", "b"),
  })
  .map(({ major, minor, release, releaseLetter, train, rebuild, rebuildLetter }) => {
    // The grammar only has a rebuild after a train, and a rebuild letter after a rebuild number.
    const r = train === "" ? undefined : rebuild;
    const letter = r === undefined ? "" : rebuildLetter;
    return {
      text: `${major}.${minor}(${release.join(".")}${releaseLetter})${train}${r ?? ""}${letter}`,
      identity: JSON.stringify(["ios", major, minor, release, releaseLetter, train, r ?? null, letter]),
    };
  });

describe("compareCiscoIosVersions is a total order (fast-check)", () => {
  itIsATotalOrder(
    compareCiscoIosVersions,
    fc.oneof(classic, ciscoXeVersion.map((v) => ({ text: v.text, identity: `xe${v.identity}` }))),
  );
});
