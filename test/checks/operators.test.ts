// Every operator: when it holds, when it does not, and how it words the expectation shown in findings.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkOperand, evaluateCondition } from "../../src/checks/condition.js";
import { operator, operatorNames } from "../../src/checks/operators.js";
import { packagePath } from "../../src/util/package-root.js";

const scope = { variables: { data: { allowed: ["a", "b"] } }, platform: "paloalto_panos" };
const run = (condition: Record<string, unknown>, item: unknown) => evaluateCondition(condition, item, scope);

// [condition, item that holds, item that does not, expected wording]
const table: [Record<string, unknown>, unknown, unknown, string][] = [
  [{ path: "x", exists: true }, { x: 0 }, {}, "present"],
  [{ path: "x", not_exists: true }, {}, { x: 1 }, "absent"],
  [{ path: "x", empty: true }, { x: [] }, { x: [1] }, "empty"],
  [{ path: "x", not_empty: true }, { x: "a" }, { x: "" }, "not empty"],
  [{ path: "x", eq: "up" }, { x: "up" }, { x: "Up" }, '= "up"'],
  [{ path: "x", eq: "up", ignore_case: true }, { x: " UP " }, { x: "down" }, '= "up"'],
  [{ path: "x", eq: 10, loose: true }, { x: "10" }, { x: "10.5" }, "= 10"],
  [{ path: "x", ne: "down" }, { x: "up" }, { x: "down" }, '≠ "down"'],
  [{ path: "x", gt: 5 }, { x: 6 }, { x: 5 }, "> 5"],
  [{ path: "x", ge: 5 }, { x: "5" }, { x: 4 }, "≥ 5"],
  [{ path: "x", lt: 5 }, { x: 4 }, { x: 5 }, "< 5"],
  [{ path: "x", le: 5 }, { x: 5 }, { x: 6 }, "≤ 5"],
  [{ path: "x", range: { min: 1, max: 10 } }, { x: 10 }, { x: 11 }, "in [1, 10]"],
  [{ path: "x", range: { min: 1, max: 10, max_inclusive: false } }, { x: 9.9 }, { x: 10 }, "in [1, 10)"],
  [{ path: "x", tolerance: { target: 100, abs: 5 } }, { x: 104 }, { x: 106 }, "100 ± 5"],
  [{ path: "x", tolerance: { target: 200, percent: 10 } }, { x: 180 }, { x: 179 }, "200 ± 10%"],
  [{ path: "x", in: ["a", "b"] }, { x: "a" }, { x: "c" }, "one of 2 allowed values"],
  [{ path: "x", in: { expr: "$data.allowed" } }, { x: "b" }, { x: "z" }, "one of 2 allowed values"],
  [{ path: "x", not_in: ["a"] }, { x: "b" }, { x: "a" }, "none of 1 denied values"],
  [{ path: "x", contains: "ntp" }, { x: ["dns", "ntp"] }, { x: ["dns"] }, 'contains "ntp"'],
  [{ path: "x", contains: "sync" }, { x: "in sync" }, { x: "out" }, 'contains "sync"'],
  [{ path: "x", contains_all: ["a", "b"] }, { x: ["a", "b", "c"] }, { x: ["a"] }, 'contains all of ["a","b"]'],
  [{ path: "x", contains_any: ["a", "z"] }, { x: ["a"] }, { x: ["b"] }, 'contains any of ["a","z"]'],
  [{ path: "x", contains_none: ["telnet"] }, { x: ["ssh"] }, { x: ["telnet", "ssh"] }, 'contains none of ["telnet"]'],
  [{ path: "x", subset: ["a", "b"] }, { x: ["a"] }, { x: ["a", "c"] }, 'only values from ["a","b"]'],
  [{ path: "x", superset: ["a", "b"] }, { x: ["a", "b", "c"] }, { x: ["a"] }, 'at least all of ["a","b"]'],
  [{ path: "x", unique: true }, { x: [1, 2] }, { x: [1, 1] }, "no duplicates"],
  [{ path: "x[].v", all_same: true }, { x: [{ v: "9.1" }, { v: "9.1" }] }, { x: [{ v: "9.1" }, { v: "10.1" }] }, "all the same"],
  [{ path: "x", matches: "^ethernet\\d+/\\d+$" }, { x: "ethernet1/1" }, { x: "ae1" }, "matches /^ethernet\\d+/\\d+$/"],
  [{ path: "x", not_matches: "^tmp" }, { x: "ok" }, { x: "tmpfs" }, "does not match /^tmp/"],
  [{ path: "x", version_ge: "10.2.4" }, { x: "10.2.4-h4" }, { x: "10.2.4-b3" }, "version ≥ 10.2.4"],
  [{ path: "x", version_gt: "10.1.0" }, { x: "10.1.0-h1" }, { x: "10.1.0" }, "version > 10.1.0"],
  [{ path: "x", version_le: "10.2.4" }, { x: "10.2.4-c1" }, { x: "10.2.4-h1" }, "version ≤ 10.2.4"],
  [{ path: "x", version_lt: "11.0.0" }, { x: "10.2.9" }, { x: "11.0.0" }, "version < 11.0.0"],
  [{ path: "x", version_eq: "10.2.4-h4" }, { x: "10.2.4-h4" }, { x: "10.2.4" }, "version = 10.2.4-h4"],
];

describe("operators", () => {
  it.each(table)("%j", (condition, good, bad, wording) => {
    expect(run(condition, good)).toMatchObject({ result: "true", expected: wording });
    const failed = run(condition, bad);
    expect(failed).toMatchObject({ result: "false", expected: wording });
  });

  it("a failure carries the actual value for the finding", () => {
    expect(run({ path: "speed", ge: 10000 }, { speed: 1000 })).toEqual({ result: "false", actual: 1000, expected: "≥ 10000" });
  });

  it("covers every operator the engine knows", () => {
    const tested = new Set(table.map(([c]) => Object.keys(c).find((k) => !["path", "ignore_case", "loose"].includes(k))));
    expect(operatorNames().filter((n) => !tested.has(n))).toEqual([]);
  });

  it("a missing value is `missing`, never true or false (except for presence operators)", () => {
    expect(run({ path: "x", eq: 1 }, {})).toEqual({ result: "missing", path: "x", expected: "= 1" });
    expect(run({ path: "x", not_in: ["a"] }, {})).toMatchObject({ result: "missing" });
    expect(run({ path: "x", exists: true }, {})).toMatchObject({ result: "false" });
  });

  it("a type mismatch is an error, never a pass", () => {
    expect(run({ path: "x", gt: 5 }, { x: "fast" })).toMatchObject({ result: "error", message: expect.stringContaining('"fast" is not a number') });
    expect(run({ path: "x", unique: true }, { x: "abc" })).toMatchObject({ result: "error" });
    expect(run({ path: "x", version_ge: "10.2.0" }, { x: "banana" })).toMatchObject({ result: "error", message: expect.stringContaining("banana") });
    expect(run({ path: "x", in: { expr: "$data.nothing" } }, { x: "a" })).toMatchObject({ result: "error", message: expect.stringContaining("expects a list") });
  });

  it("all / any / not combine, and an unknown part is not hidden by a decisive one only when it cannot matter", () => {
    expect(run({ all: [{ path: "a", eq: 1 }, { path: "b", eq: 2 }] }, { a: 1, b: 2 })).toMatchObject({ result: "true" });
    expect(run({ all: [{ path: "a", eq: 1 }, { path: "b", eq: 2 }] }, { a: 0 })).toMatchObject({ result: "false" });
    expect(run({ all: [{ path: "a", eq: 1 }, { path: "b", eq: 2 }] }, { a: 1 })).toMatchObject({ result: "missing" });
    expect(run({ any: [{ path: "a", eq: 1 }, { path: "b", eq: 2 }] }, { a: 1 })).toMatchObject({ result: "true" });
    expect(run({ not: { path: "a", eq: 1 } }, { a: 2 })).toMatchObject({ result: "true", expected: "not (= 1)" });
  });

  it("in / not_in over one list with different options: each flavour of normalising is its own", () => {
    // The same array object serves every item (a computed operand is remembered); its normalised copy is cached
    // per array and per flavour of options, so a case-sensitive test never sees a lower-cased list.
    const allowed = [" PAN-SFP-PLUS-SR ", "10"];
    const listScope = { variables: { data: { allowed } }, platform: "paloalto_panos" };
    const test = (condition: Record<string, unknown>, x: unknown) => evaluateCondition({ path: "x", in: { expr: "$data.allowed" }, ...condition }, { x }, listScope).result;
    for (let round = 0; round < 2; round++) {
      expect(test({ ignore_case: true }, "pan-sfp-plus-sr")).toBe("true");
      expect(test({}, "pan-sfp-plus-sr")).toBe("false");
      expect(test({}, " PAN-SFP-PLUS-SR ")).toBe("true");
      expect(test({ loose: true }, 10)).toBe("true");
      expect(test({ ignore_case: true }, 10)).toBe("false");
      expect(test({}, "10")).toBe("true");
    }
  });

  it("validates literal operands at load time", () => {
    expect(checkOperand(operator("range")!, { min: 5, max: 1 })).toBe("min is greater than max");
    expect(checkOperand(operator("tolerance")!, { target: 1, abs: 1, percent: 2 })).toBe("give exactly one of abs or percent");
    expect(checkOperand(operator("in")!, "a,b")).toMatch(/expects a list/);
    expect(checkOperand(operator("matches")!, "(")).toMatch(/invalid regular expression/);
    expect(checkOperand(operator("exists")!, "yes")).toMatch(/write `true`/);
  });

  it("the published check schema lists exactly the engine's operators", () => {
    const schema = JSON.parse(readFileSync(packagePath("checks", "schema", "check.schema.json"), "utf8")) as { definitions: { condition: { properties: Record<string, unknown> } } };
    const keys = Object.keys(schema.definitions.condition.properties).filter((k) => !["path", "ignore_case", "loose", "all", "any", "not"].includes(k));
    expect(keys.sort()).toEqual(operatorNames().sort());
  });
});
