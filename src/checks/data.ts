// Reference data files next to checks (YAML or CSV), read once per run and shared by every device.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { parse as parseCsv } from "csv-parse/sync";
import type { Diagnostic } from "../util/diagnostics.js";
import { parseYamlSource } from "../util/yaml-source.js";

const cache = new Map<string, Promise<{ value: unknown; diagnostics: Diagnostic[] }>>();

/** Loads a data file: YAML as its value, CSV as a list of records keyed by the header. Missing+optional = {}. */
export function loadDataFile(file: string, optional: boolean): Promise<{ value: unknown; diagnostics: Diagnostic[] }> {
  const id = `${file}|${optional}`;
  let pending = cache.get(id);
  if (!pending) {
    pending = readData(file, optional);
    cache.set(id, pending);
  }
  return pending;
}

async function readData(file: string, optional: boolean): Promise<{ value: unknown; diagnostics: Diagnostic[] }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT" && optional) return { value: {}, diagnostics: [] };
    return { value: undefined, diagnostics: [{ file, line: 0, col: 0, message: `cannot read data file: ${(err as Error).message}` }] };
  }
  const ext = extname(file).toLowerCase();
  if (ext === ".csv") {
    try {
      return { value: parseCsv(text, { columns: true, skip_empty_lines: true, trim: true }), diagnostics: [] };
    } catch (err) {
      const e = err as Error & { lines?: number };
      return { value: undefined, diagnostics: [{ file, line: e.lines ?? 0, col: 0, message: `invalid CSV: ${e.message}` }] };
    }
  }
  if (ext !== ".yaml" && ext !== ".yml") {
    return { value: undefined, diagnostics: [{ file, line: 0, col: 0, message: "data files must be .yaml, .yml or .csv" }] };
  }
  const src = parseYamlSource(text, file);
  return { value: src.value ?? {}, diagnostics: src.diagnostics };
}
