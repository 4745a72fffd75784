// Version ranges: syntax, AND/OR, partial versions, and the syntax errors a check author sees.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { comparePanosVersions, parsePanosRange, satisfiesPanosRange } from "../../src/platforms/paloalto_panos/version.js";
import { parseRange, RangeSyntaxError, satisfiesRange } from "../../src/versions/range.js";

describe("satisfiesPanosRange", () => {
  it.each([
    [">=10.2.0 <11.0.0", "10.2.0", true],
    [">=10.2.0 <11.0.0", "10.2.4-h4", true],
    [">=10.2.0 <11.0.0", "10.1.9-h1", false],
    [">=10.2.0 <11.0.0", "11.0.0", false],
    [">=10.2.0 <11.0.0", "10.2.0-c5", false],
    [">=10.2", "10.2.0-c5", true],
    [">=10.2", "10.1.14-h4", false],
    [">=10.2", "12.1.2", true],
    ["<11.1.0-h3", "11.1.0-h2", true],
    ["<11.1.0-h3", "11.1.0-h3", false],
    ["<11.1.0-h3", "11.1.0", true],
    ["=10.1.0", "10.1.0", true],
    ["=10.1.0", "10.1.0-h1", false],
    ["10.1.0", "10.1.0", true],
    [">= 10.2.4  < 10.2.5", "10.2.4-h4", true],
    ["<10.1 || >=10.2.4", "9.1.12-h3", true],
    ["<10.1 || >=10.2.4", "10.1.0", false],
    ["<10.1 || >=10.2.4", "10.2.4", true],
    ["<10.1||>=10.2.4", "10.2.3-h1", false],
    // Partial operands name a whole train.
    ["<=10.2", "10.2.99-h9", true],
    ["<=10.2", "10.3.0-c1", false],
    [">10.2", "10.2.99-h9", false],
    [">10.2", "11.0.0-c1", true],
    ["=10.2", "10.2.4-h4", true],
    ["=10.2", "10.1.0", false],
    ["=10.2", "11.0.0", false],
    ["10", "10.9.9", true],
    ["<=10", "11.0.0-c1", false],
    [">10", "11.0.0-c1", true],
    [">10", "10.2.4", false],
    [">9.1.12-h3", "9.1.12-h3.xfr", true],
  ])("%s holds for %s: %s", (range, version, expected) => {
    expect(satisfiesPanosRange(version, range)).toBe(expected);
  });

  it("accepts a range parsed once and used for many devices", () => {
    const range = parsePanosRange(">=10.2 <11.0");
    expect(["10.1.14-h4", "10.2.4-h4", "11.0.1"].map((v) => satisfiesPanosRange(v, range))).toEqual([false, true, false]);
  });

  it("agrees with the comparator: >=v and <v split every version", () => {
    const version = fc
      .tuple(fc.integer({ min: 9, max: 12 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 9 }), fc.constantFrom("", "-h1", "-h4", "-c2", "-b1"))
      .map(([a, b, c, s]) => `${a}.${b}.${c}${s}`);
    fc.assert(
      fc.property(version, version, (v, bound) => {
        expect(satisfiesPanosRange(v, `>=${bound}`)).toBe(comparePanosVersions(v, bound) >= 0);
        expect(satisfiesPanosRange(v, `<${bound}`)).toBe(!satisfiesPanosRange(v, `>=${bound}`));
      }),
    );
  });
});

describe("parseRange", () => {
  it("returns alternatives of comparators, expanding partial operands", () => {
    expect(parseRange(">=10.2.0 <11.0.0 || =9.1.17")).toEqual([
      [
        { op: ">=", version: "10.2.0" },
        { op: "<", version: "11.0.0" },
      ],
      [{ op: "=", version: "9.1.17" }],
    ]);
    expect(parseRange("=10.2")).toEqual([
      [
        { op: ">=", version: "10.2" },
        { op: "<", version: "10.3" },
      ],
    ]);
  });

  it("works with another platform's comparator", () => {
    const numeric = (a: string, b: string) => Number(a) - Number(b);
    expect(satisfiesRange("5", ">=3 <7", numeric)).toBe(true);
    expect(satisfiesRange("7", ">=3 <7", numeric)).toBe(false);
  });

  it.each([
    ["", 1, "the range is empty"],
    ["   ", 1, "the range is empty"],
    [">=10.2 ||", 8, 'an alternative between "||" is empty'],
    ["|| <11", 1, 'an alternative between "||" is empty'],
    [">=10.2 <", 8, 'operator "<" must be followed by a version, found nothing'],
    [">= <11", 1, 'operator ">=" must be followed by a version, found "<"'],
    ["=>10.2", 1, 'unknown operator "=>"'],
    ["==10.2", 1, 'unknown operator "=="'],
    [">=10.2 | <11", 8, 'a single "|"'],
    ["~10.2", 1, 'expected a version such as 10.2.4, found "~10.2"'],
    [">=10.2 latest", 8, 'expected a version such as 10.2.4, found "latest"'],
  ])("reports %j at column %i", (range, column, problem) => {
    let error: unknown;
    try {
      parseRange(range);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RangeSyntaxError);
    expect((error as RangeSyntaxError).column).toBe(column);
    expect((error as RangeSyntaxError).message).toContain(`invalid version range "${range}" at column ${column}: ${problem}`);
  });

  it("checks operands as PAN-OS versions when asked, naming the operand", () => {
    expect(() => parsePanosRange(">=10.2.x <11")).toThrow(new RangeSyntaxError(">=10.2.x <11", 3, 'cannot read "10.2.x" as a PAN-OS version: expected MAJOR.MINOR.PATCH with an optional -hN, -bN or -cN build and an optional .xfr tag (for example 10.2.4-h4)'));
    expect(() => parsePanosRange(">=10.2 <11")).not.toThrow();
  });
});
