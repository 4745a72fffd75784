// Test helpers: print values in the PAN-OS system-state dump format (for round-trip property tests and
// the throughput test), and read the fixture files. Printing follows the documented shape: quoted keys,
// unquoted scalars, a trailing comma after every item, one-line or pretty (two-space indented).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { StateValue } from "../../../../src/platforms/paloalto_panos/parsers/system-state.js";

export function fixture(relativePath: string): string {
  return readFileSync(fileURLToPath(new URL(`../../../../fixtures/${relativePath}`, import.meta.url)), "utf8");
}

export function formatEntry(key: string, value: StateValue, pretty: boolean): string {
  return `${key}: ${formatValue(value, pretty, 0)}`;
}

export function formatValue(value: StateValue, pretty: boolean, depth: number): string {
  if (value === null) return "None";
  if (typeof value === "number" || typeof value === "string") return String(value);
  const items = Array.isArray(value) ? value.map((v) => formatValue(v, pretty, depth + 1)) : Object.entries(value).map(([k, v]) => `'${k}': ${formatValue(v, pretty, depth + 1)}`);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (items.length === 0) return `${open} ${close}`;
  if (!pretty) return `${open} ${items.map((i) => `${i}, `).join("")}${close}`;
  const pad = "  ".repeat(depth + 1);
  return `${open}\n${items.map((i) => `${pad}${i},\n`).join("")}${"  ".repeat(depth)}${close}`;
}
