// The JSON report: a RunReport serialised, so report.json is exactly the documented contract
// (reports/report.schema.json) and can be re-rendered to any other format offline. The one derived part, the
// optics inventory, is rebuilt from the devices here, so the file never carries a stale one.

import type { RunReport } from "../model/result.js";
import { withOptics } from "./optics.js";

export function renderJson(report: RunReport): string {
  return [...renderJsonChunks(report)].join("");
}

/**
 * The same text as `JSON.stringify(report, null, 2)` plus a newline, one device at a time: written to a file piece
 * by piece, a 10,000-device report never exists as one string (and its bytes as one buffer) next to the report.
 */
export function* renderJsonChunks(report: RunReport): Generator<string> {
  const { optics: _stale, ...rest } = report;
  const full = withOptics(rest) as unknown as Record<string, unknown>;
  // JSON.stringify leaves out keys whose value it cannot write (undefined, functions, symbols).
  const entries = Object.entries(full).filter(([, value]) => value !== undefined && typeof value !== "function" && typeof value !== "symbol");
  yield "{\n";
  for (const [i, [key, value]] of entries.entries()) {
    const comma = i < entries.length - 1 ? "," : "";
    if (key === "devices" && Array.isArray(value) && value.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (const [j, device] of value.entries()) yield `${indent(JSON.stringify(device ?? null, null, 2), "    ", true)}${j < value.length - 1 ? "," : ""}\n`;
      yield `  ]${comma}\n`;
    } else {
      yield `  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), "  ", false)}${comma}\n`;
    }
  }
  yield "}\n";
}

/** Indents every line of a JSON text (strings never hold a raw newline), the first one only when asked. */
function indent(text: string, by: string, first: boolean): string {
  return (first ? by : "") + text.replace(/\n/g, `\n${by}`);
}
