// Entry point of the inventory: read a file (or a NetBox source, netbox+https://...), pick the format by extension, and either return devices or stop the
// run with every problem in the file (InputError, exit code 3) before any device is contacted.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { InputError, type Diagnostic } from "../util/diagnostics.js";
import { parseCsvInventory } from "./csv-inventory.js";
import { isNetboxSource, loadNetboxInventory } from "./netbox.js";
import type { Inventory, InventoryParseResult } from "./types.js";
import { parseYamlInventory } from "./yaml-inventory.js";

const PARSERS: Record<string, (text: string, file: string) => InventoryParseResult> = {
  ".yaml": parseYamlInventory,
  ".yml": parseYamlInventory,
  ".csv": parseCsvInventory,
};

const READ_ERRORS: Record<string, string> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EISDIR: "it is a directory",
};

/** `env` is where a source's own secrets come from (a NetBox source's $NETBOX_TOKEN); default: this process's. */
export async function loadInventory(file: string, env: NodeJS.ProcessEnv = process.env): Promise<Inventory> {
  const { inventory, diagnostics } = await parseInventoryFile(file, env);
  if (inventory === undefined || diagnostics.length > 0) throw new InputError(diagnostics);
  return inventory;
}

/** Every problem in an inventory file, for `preflight validate`; empty when the file is good. */
export async function validateInventoryFile(file: string): Promise<Diagnostic[]> {
  return (await parseInventoryFile(file)).diagnostics;
}

async function parseInventoryFile(file: string, env: NodeJS.ProcessEnv = process.env): Promise<InventoryParseResult> {
  if (isNetboxSource(file)) return loadNetboxInventory(file, { env });
  const parser = PARSERS[extname(file).toLowerCase()];
  if (parser === undefined) {
    return fileProblem(file, `unsupported inventory format "${extname(file)}": expected a .yaml, .yml or .csv file`);
  }
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    return fileProblem(file, `cannot read the inventory: ${READ_ERRORS[code] ?? (error as Error).message}`);
  }
  return parser(text, file);
}

function fileProblem(file: string, message: string): InventoryParseResult {
  return { diagnostics: [{ file, line: 0, col: 0, message }] };
}
