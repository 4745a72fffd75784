// YAML with source positions: parse a file once, keep the document, and turn a key path
// (["checks", 0, "severity"]) into file:line:col for diagnostics.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, YAMLParseError, type Document, type Node } from "yaml";
import type { Diagnostic } from "./diagnostics.js";

export type KeyPath = ReadonlyArray<string | number>;

export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The plain JS value; undefined when the file had syntax errors. */
  value: unknown;
  /** YAML syntax errors (all of them), already as diagnostics. */
  diagnostics: Diagnostic[];
}

export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  // Duplicate keys are found here rather than by the parser: its check compares each key with every earlier one
  // of its map, quadratic in the map's size (10,000 hosts: seconds). The errors are the parser's own, in place.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  addDuplicateKeyErrors(doc);
  const diagnostics: Diagnostic[] = doc.errors.map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    return { file, line: pos.line, col: pos.col, message: `invalid YAML: ${firstLine(e.message)}` };
  });
  const value = diagnostics.length === 0 ? doc.toJS({ maxAliasCount: 100 }) : undefined;
  return { file, doc, lineCounter, value, diagnostics };
}

/**
 * The errors `uniqueKeys: true` would give, found in one pass per map: a scalar key whose value an earlier key of
 * the same map has (the parser's equality: same scalar value; other keys are only ever equal to themselves; NaN
 * never equals NaN), at the key's first character, inserted among the other errors in document order.
 */
function addDuplicateKeyErrors(doc: Document.Parsed): void {
  const found: YAMLParseError[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key;
        if (!isScalar(key) || (typeof key.value === "number" && Number.isNaN(key.value))) continue;
        if (!seen.has(key.value)) {
          seen.add(key.value);
          continue;
        }
        const at = key.range?.[0] ?? 0;
        found.push(new YAMLParseError([at, at + 1], "DUPLICATE_KEY", "Map keys must be unique"));
      }
    },
  });
  if (found.length === 0) return;
  const merged = [...doc.errors];
  for (const error of found) {
    const i = merged.findIndex((e) => e.pos[0] > error.pos[0]);
    merged.splice(i === -1 ? merged.length : i, 0, error);
  }
  doc.errors.splice(0, doc.errors.length, ...merged);
}

/**
 * Position of the node at `path` (or of its nearest existing ancestor). By default the value is pointed at
 * (a wrong value); `on: "key"` points at the key itself (an unknown or misplaced key).
 */
export function positionOf(src: YamlSource, path: KeyPath, on: "key" | "value" = "value"): { line: number; col: number } {
  let node: unknown = src.doc.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  for (const [index, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === String(segment));
      if (!pair) break;
      const keyNode = pair.key as Node | null;
      offset = keyNode?.range?.[0] ?? offset;
      node = pair.value;
      const last = index === path.length - 1;
      if ((pair.value as Node | null)?.range && !(last && on === "key")) offset = (pair.value as Node).range![0];
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  const pos = src.lineCounter.linePos(offset);
  return { line: pos.line, col: pos.col };
}

export function diagnosticAt(src: YamlSource, path: KeyPath, message: string, on: "key" | "value" = "value"): Diagnostic {
  const { line, col } = positionOf(src, path, on);
  return { file: src.file, line, col, message };
}

function keyText(key: unknown): string {
  if (key && typeof key === "object" && "value" in key) return String((key as { value: unknown }).value);
  return String(key);
}

function firstLine(s: string): string {
  return s.split("\n")[0] ?? s;
}
