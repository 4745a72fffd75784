// parseYamlSource finds duplicate keys itself (the parser's own check is quadratic in a map's size: seconds for a
// 10,000-host inventory). Its errors must be exactly the parser's: same code, message, position and order.
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { parseYamlSource } from "../../src/util/yaml-source.js";

const DOCUMENTS = [
  "a: 1\na: 2\n",
  "hosts:\n  x: 1\n  # c\n  x: 2\n  y: 3\n  x: 4\n",
  "m: { a: 1, b: 2, a: 3 }\n",
  "!!str a: 1\n!!str a: 2\n",
  "s:\n  - k: 1\n    k: 2\n  - k: 1\n",
  "1: a\n'1': b\n1: c\n",
  "? a\n: 1\n? a\n: 2\n",
  "&x a: 1\n*x : 2\n",
  "[{a: 1, a: 2}, [x: 1, x: 2]]\n",
  "null: 1\n~: 2\n",
  ".nan: 1\n.nan: 2\n",
  "true: 1\nTrue: 2\n0x10: a\n16: b\n",
  // a duplicate among other errors keeps its place in document order
  "a: [1\nb: 1\nb: 2\nc: {\n",
  "x: 1\nx: 2\ny: @bad\n",
];

function parserErrors(text: string): string[] {
  return parseDocument(text, { prettyErrors: false, uniqueKeys: true }).errors.map((e) => `${e.code} ${e.pos.join("-")} ${e.message}`);
}

describe("parseYamlSource: duplicate keys", () => {
  for (const text of DOCUMENTS) {
    it(`reports what the YAML parser reports for ${JSON.stringify(text)}`, () => {
      const src = parseYamlSource(text, "f.yaml");
      expect(src.doc.errors.map((e) => `${e.code} ${e.pos.join("-")} ${e.message}`)).toEqual(parserErrors(text));
      expect(src.diagnostics.length).toBe(src.doc.errors.length);
      if (src.diagnostics.length) expect(src.value).toBeUndefined();
    });
  }

  it("finds the duplicate among 10,000 hosts, at its line", () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `  h${i}: { port: ${i} }`);
    lines.splice(7_000, 0, "  h1234: { port: 1 }");
    const src = parseYamlSource(`hosts:\n${lines.join("\n")}\n`, "inv.yaml");
    expect(src.diagnostics).toEqual([{ file: "inv.yaml", line: 7002, col: 3, message: "invalid YAML: Map keys must be unique" }]);
  });
});
