// Lexical scope in check expressions (JEP-18): every variable in scope where an `&expr` is written is visible
// inside it — the check's own variables ($data, $hop, gathered names) and those of enclosing `let`s — and the
// registered functions (version_ge, x509) still work in a scoped interpreter. jmespath-community 1.3.0 ran an
// expression reference in the root interpreter, without any of them (src/checks/expression.ts).
import { describe, expect, it } from "vitest";
import { evaluateExpression, withPlatform } from "../../src/checks/expression.js";

const ports = { ports: [{ name: "e1", speed: 10 }, { name: "e2", speed: 40 }, { name: "e3", speed: 25 }] };

describe("check expressions: lexical scope", () => {
  it("an &expr sees a let variable of its enclosing expression (map, sort_by, max_by, min_by)", () => {
    expect(evaluateExpression("let $x = `5` in map(&(speed + $x), ports)", ports, {})).toEqual([15, 45, 30]);
    expect(evaluateExpression("let $target = `24` in sort_by(ports, &abs(speed - $target))[*].name", ports, {})).toEqual(["e3", "e1", "e2"]);
    expect(evaluateExpression("let $cap = `30` in max_by(ports[?speed < $cap], &speed).name", ports, {})).toBe("e3");
    expect(evaluateExpression("let $pivot = `20` in min_by(ports, &abs(speed - $pivot)).name", ports, {})).toBe("e3");
  });

  it("an &expr sees the check's variables ($data, $hop)", () => {
    const variables = { data: { wanted: 25 }, hop: "10.2.4" };
    expect(evaluateExpression("sort_by(ports, &abs(speed - $data.wanted))[0].name", ports, variables)).toBe("e3");
    expect(evaluateExpression("map(&join(' @ ', [name, $hop]), ports)", ports, variables)).toEqual(["e1 @ 10.2.4", "e2 @ 10.2.4", "e3 @ 10.2.4"]);
  });

  it("nested lets: the inner shadows the outer, and the outer is back after the inner body", () => {
    expect(evaluateExpression("let $x = `1` in [let $x = `2` in map(&(speed * $x), ports), map(&(speed * $x), ports)]", ports, {})).toEqual([
      [20, 80, 50],
      [10, 40, 25],
    ]);
  });

  it("bindings are evaluated in the outer scope, as the specification says", () => {
    expect(() => evaluateExpression("let $a = `1`, $b = $a in $b", {}, {})).toThrow(/undefined variable a/);
  });

  it("an unknown variable is still an error, inside an &expr too", () => {
    expect(() => evaluateExpression("map(&$nope, ports)", ports, {})).toThrow(/undefined variable nope/);
    expect(() => evaluateExpression("let $x = `1` in $y", {}, {})).toThrow(/undefined variable y/);
  });

  it("registered functions work in a scoped interpreter and inside an &expr", () => {
    const releases = { hops: ["10.1.0", "10.2.0", "10.2.4-h4"] };
    expect(withPlatform("paloalto_panos", () => evaluateExpression("hops[?version_ge(@, $min)]", releases, { min: "10.2.0" }))).toEqual(["10.2.0", "10.2.4-h4"]);
    expect(withPlatform("paloalto_panos", () => evaluateExpression("let $min = '10.2.0' in map(&version_ge(@, $min), hops)", releases, {}))).toEqual([false, true, true]);
  });

  it("a variables object added to after the first evaluation is seen (gathered outputs arrive later)", () => {
    const variables: Record<string, unknown> = {};
    expect(() => evaluateExpression("$late", {}, variables)).toThrow(/undefined variable late/);
    variables.late = [3, 1, 2];
    expect(evaluateExpression("sort_by($late, &@)", {}, variables)).toEqual([1, 2, 3]);
  });
});
