// Remembered sub-expressions (src/checks/expression-memo.ts): the parts of a check expression that do not read the
// current item are computed once per distinct value of the variables they read. These tests hold that a remembered
// value is only ever reused where a fresh evaluation would give the same answer, and that errors still come out.
import { describe, expect, it } from "vitest";
import { compileExpression, evaluateExpression, withPlatform } from "../../src/checks/expression.js";
import { memoPaths } from "../../src/checks/expression-memo.js";

type Node = { type: string; [field: string]: unknown };

/** Every node of a compiled expression that is remembered, with the variable paths of its key. */
function rememberedParts(expression: string): string[][][] {
  const found: string[][][] = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(walk);
    const paths = memoPaths(node);
    if (paths) found.push(paths);
    for (const [key, value] of Object.entries(node as Node)) if (key !== "type") walk(value);
  };
  walk(compileExpression(expression));
  return found;
}

const data = {
  supported: {
    "PA-3220": [
      { part: "PAN-SFP-PLUS-SR", min: "9.1.0" },
      { part: "PAN-SFP-PLUS-LR", min: "10.2.0" },
    ],
    "PA-5220": [{ part: "PAN-QSFP-40GBASE-SR4", min: "10.1.0" }],
  },
};
const optics = { optics: [{ part: "PAN-SFP-PLUS-SR" }, { part: "PAN-SFP-PLUS-LR" }, { part: "FTLX8571D3BCL" }] };
const SUPPORTED = "$data.supported.\"PA-3220\"[?version_ge($hop.version, min)].part";

describe("check expressions: remembered parts", () => {
  it("remembers the largest part that does not read the current item, keyed by the variables it reads", () => {
    expect(rememberedParts(`optics[?contains(${SUPPORTED}, part)].part`)).toEqual([[["data", "supported", "PA-3220"], ["hop", "version"]]]);
  });

  it("does not remember what reads the current item, a let, or a bare variable", () => {
    expect(rememberedParts("optics[?part == 'x'].part")).toEqual([]);
    expect(rememberedParts("$data.supported")).toEqual([]);
    expect(rememberedParts("let $v = $hop in map(&part, optics)")).toEqual([]);
    // The body of a let can still hold a remembered part: its key reads the let-bound variable.
    expect(rememberedParts("let $m = 'PA-3220' in keys($data.supported)[?@ == $m]")).toEqual([[["data", "supported"], ["m"]]]);
  });

  it("gives the answer a fresh evaluation gives, and a different one when a variable it reads changes", () => {
    const expression = `optics[?contains(${SUPPORTED}, part)].part`;
    withPlatform("paloalto_panos", () => {
      for (let round = 0; round < 3; round++) {
        expect(evaluateExpression(expression, optics, { data, hop: { version: "10.1.0" } })).toEqual(["PAN-SFP-PLUS-SR"]);
        expect(evaluateExpression(expression, optics, { data, hop: { version: "10.2.4-h4" } })).toEqual(["PAN-SFP-PLUS-SR", "PAN-SFP-PLUS-LR"]);
        expect(evaluateExpression(expression, optics, { data, hop: { version: "9.0.0" } })).toEqual([]);
      }
    });
  });

  it("keys check data by identity: another data object with other contents gives its own answer", () => {
    const expression = `optics[?contains(${SUPPORTED}, part)].part`;
    const other = { supported: { "PA-3220": [{ part: "FTLX8571D3BCL", min: "9.1.0" }] } };
    withPlatform("paloalto_panos", () => {
      expect(evaluateExpression(expression, optics, { data, hop: { version: "10.2.4" } })).toEqual(["PAN-SFP-PLUS-SR", "PAN-SFP-PLUS-LR"]);
      expect(evaluateExpression(expression, optics, { data: other, hop: { version: "10.2.4" } })).toEqual(["FTLX8571D3BCL"]);
    });
  });

  it("tells a number from the string of that number in a key", () => {
    const expression = "$data.items[?id == $want] | length(@)";
    const items = { items: [{ id: 1 }, { id: "1" }, { id: "1" }] };
    expect(evaluateExpression(expression, {}, { data: items, want: 1 })).toBe(1);
    expect(evaluateExpression(expression, {}, { data: items, want: "1" })).toBe(2);
  });

  it("keys on the device's platform, which the version functions read", () => {
    const expression = "$data.releases[?version_ge(@, $hop)]";
    const variables = { data: { releases: ["17.9.4a", "17.6.1"] }, hop: "17.9.4" };
    expect(withPlatform("cisco_xe", () => evaluateExpression(expression, {}, variables))).toEqual(["17.9.4a"]);
    // Not the IOS XE answer handed out again: PAN-OS cannot read these versions, and says so.
    expect(() => withPlatform("paloalto_panos", () => evaluateExpression(expression, {}, variables))).toThrow(/cannot read "17.9.4a" as a PAN-OS version/);
    expect(withPlatform("cisco_xe", () => evaluateExpression(expression, {}, variables))).toEqual(["17.9.4a"]);
  });

  it("an unset or null variable is evaluated as usual: the undefined-variable error still comes out", () => {
    const expression = "$data.items[?id == `1`] | length(@)";
    expect(() => evaluateExpression(expression, {}, {})).toThrow(/undefined variable data/);
    expect(evaluateExpression(expression, {}, { data: { items: [{ id: 1 }] } })).toBe(1);
    expect(() => evaluateExpression(expression, {}, {})).toThrow(/undefined variable data/);
    expect(evaluateExpression("$data.items[?id == `1`]", {}, { data: null })).toBe(null);
  });

  it("a let-bound variable read inside a remembered part keys it", () => {
    const expression = "let $m = model in keys($data.supported)[?@ == $m]";
    expect(evaluateExpression(expression, { model: "PA-3220" }, { data })).toEqual(["PA-3220"]);
    expect(evaluateExpression(expression, { model: "PA-5220" }, { data })).toEqual(["PA-5220"]);
    expect(evaluateExpression(expression, { model: "PA-440" }, { data })).toEqual([]);
  });

  it("stays correct past the cap on remembered values per part", () => {
    const expression = "$data.items[?id == $want] | length(@)";
    const items = { items: Array.from({ length: 50 }, (_, i) => ({ id: i % 25 })) };
    for (let want = 0; want < 1500; want++) {
      expect(evaluateExpression(expression, {}, { data: items, want })).toBe(want < 25 ? 2 : 0);
    }
    expect(evaluateExpression(expression, {}, { data: items, want: 3 })).toBe(2);
  });
});
