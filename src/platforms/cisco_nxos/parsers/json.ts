// The `nxos-json` parser: the JSON NX-OS prints for `show ... | json` (the NX-API format), with its tables made
// regular. NX-OS prints a table as {"TABLE_x": {"ROW_x": ...}} where ROW_x is an array when the table has several
// rows and a bare object when it has one; a check that walks `TABLE_x.ROW_x[]` would silently see nothing in the
// one-row case. Here every ROW_* value is an array, so one path reads one row and many alike.
// An empty output (NX-OS prints nothing for `| json` of a feature that is not enabled) is an error, never "no rows".
import { parseJson } from "../../../parse/json.js";
import { ParseError, type Parser } from "../../../parse/types.js";

const MAX_DEPTH = 64;

function regular(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new ParseError(`JSON nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) return value.map((v) => regular(v, depth + 1));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const r = regular(v, depth + 1);
    out[key] = key.startsWith("ROW_") && !Array.isArray(r) ? [r] : r;
  }
  return out;
}

export const parseNxosJson: Parser = (raw) => {
  // NX-OS may print the command's JSON after a blank line; anything else before the opening brace is not JSON.
  const value = parseJson(raw.trim());
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new ParseError("NX-OS | json printed JSON that is not an object");
  return regular(value, 0);
};
