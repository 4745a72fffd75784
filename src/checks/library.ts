// Finds check files: the built-in library (checks/ in the package), folders, files, and check ids,
// and loads the lot with every diagnostic collected. Ids must be unique across everything selected.
import { readdir, stat } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import type { Diagnostic } from "../util/diagnostics.js";
import { didYouMeanHint } from "../util/did-you-mean.js";
import { packagePath } from "../util/package-root.js";
import { loadCheckFile } from "./load.js";
import type { LoadedCheck } from "./types.js";

/** Folders inside a check tree that hold something other than checks. */
const NON_CHECK_DIRS = new Set(["data", "schema", "tests", "node_modules"]);

export function builtinChecksDir(): string {
  return packagePath("checks");
}

/** Every check file under a folder, sorted for a stable order. */
export async function checkFilesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!NON_CHECK_DIRS.has(entry.name) && !entry.name.startsWith(".")) out.push(...(await checkFilesUnder(full)));
    } else if ([".yaml", ".yml"].includes(extname(entry.name)) && !entry.name.startsWith(".")) {
      out.push(full);
    }
  }
  return out.sort();
}

/** Turns `--checks` arguments (files, folders or ids; none = the built-in library) into check files. */
export async function resolveCheckFiles(specs: readonly string[]): Promise<{ files: string[]; diagnostics: Diagnostic[] }> {
  const builtin = await checkFilesUnder(builtinChecksDir());
  if (specs.length === 0) return { files: builtin, diagnostics: [] };
  const byId = new Map(builtin.map((f) => [basename(f, extname(f)), f]));
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const spec of specs) {
    const info = await stat(spec).catch(() => undefined);
    if (info?.isDirectory()) files.push(...(await checkFilesUnder(spec)));
    else if (info?.isFile()) files.push(resolve(spec));
    else if (byId.has(spec)) files.push(byId.get(spec)!);
    else diagnostics.push({ file: "--checks", line: 0, col: 0, message: `"${spec}" is neither a file, a folder nor a built-in check id${didYouMeanHint(spec, [...byId.keys()])}` });
  }
  return { files: [...new Set(files)], diagnostics };
}

export async function loadChecks(specs: readonly string[]): Promise<{ checks: LoadedCheck[]; diagnostics: Diagnostic[] }> {
  const { files, diagnostics } = await resolveCheckFiles(specs);
  const results = await Promise.all(files.map((f) => loadCheckFile(f)));
  const checks: LoadedCheck[] = [];
  const seen = new Map<string, string>();
  for (const r of results) {
    diagnostics.push(...r.diagnostics);
    if (!r.check) continue;
    const id = r.check.definition.id;
    const first = seen.get(id);
    if (first) {
      diagnostics.push({ file: r.check.file, line: 1, col: 1, message: `duplicate check id "${id}" (also in ${first})` });
      continue;
    }
    seen.set(id, r.check.file);
    checks.push(r.check);
  }
  return { checks, diagnostics };
}
