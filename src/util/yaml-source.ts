// YAML with source positions: parse a file once, keep the document, and turn a key path
// (["checks", 0, "severity"]) into file:line:col for diagnostics.
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
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
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const diagnostics: Diagnostic[] = doc.errors.map((e) => {
    const pos = lineCounter.linePos(e.pos[0]);
    return { file, line: pos.line, col: pos.col, message: `invalid YAML: ${firstLine(e.message)}` };
  });
  const value = diagnostics.length === 0 ? doc.toJS({ maxAliasCount: 100 }) : undefined;
  return { file, doc, lineCounter, value, diagnostics };
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
