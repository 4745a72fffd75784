// Validation of stored resources, with the CLI's own loaders: an inventory through loadInventory (so an inventory
// with a password, passphrase or key written in it is refused with the CLI's message), a check pack through
// loadChecks (the files as `--checks DIR`, its selectors as `--checks ID`), waivers through parseWaivers. Every
// problem at once, as file:line:col, the file being the request's field (`inventory`, `files/<path>`, `waivers`).
import { randomUUID } from "node:crypto";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { loadChecks } from "../../checks/library.js";
import { loadInventory } from "../../inventory/load.js";
import { InputError, type Diagnostic } from "../../util/diagnostics.js";
import { parseWaivers, type Waiver } from "../../waivers/load.js";

/** The body of PUT /api/v1/check-packs/:name. */
export interface CheckPackContent {
  description?: string;
  /** Check files (and the data files they read), by path inside the pack: `panos-my-check.yaml`, `data/list.yaml`. */
  files?: Record<string, string>;
  /** Check ids, globs, tags and exclusions, as `--checks` takes them: select built-in checks (and the pack's own). */
  checks?: string[];
}

export type Validated = { ok: true; deviceGroups: string[][] | null; summary: Record<string, unknown> } | { ok: false; diagnostics: Diagnostic[] };

/** A pack file's path: relative, no `..`, no hidden parts. */
const PACK_PATH = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/;
/** Written by the server into each stored pack's folder (src/checks/library.ts reads it as the checks' pack). */
const MANIFEST = "pack.yaml";

/** A scratch folder under the state dir, removed when fn is done. */
async function scratch<T>(root: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = join(root, "resources", `tmp-${randomUUID()}`);
  await mkdir(dir, { recursive: true });
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An inventory's text, read as `preflight run -i` reads a file; its devices' groups for scopes. */
export async function validateInventory(text: string, stateDir: string, env: NodeJS.ProcessEnv): Promise<Validated> {
  return scratch(stateDir, async (dir) => {
    const file = join(dir, "inventory.yaml");
    await writeFile(file, text, { mode: 0o600 });
    try {
      const inventory = await loadInventory(file, env);
      const groups = [...new Set(inventory.devices.flatMap((d) => d.groups))].sort();
      return { ok: true, deviceGroups: inventory.devices.map((d) => [...d.groups]), summary: { devices: inventory.devices.length, groups } };
    } catch (err) {
      const diagnostics = err instanceof InputError ? err.diagnostics : [{ file, line: 0, col: 0, message: (err as Error).message }];
      return { ok: false, diagnostics: diagnostics.map((d) => ({ ...d, file: d.file === file ? "inventory" : d.file })) };
    }
  });
}

/** A waiver set's text, read as `--waivers FILE` reads a file. */
export function validateWaivers(text: string): Validated {
  const { waivers, diagnostics } = parseWaivers(text, "waivers");
  if (diagnostics.length) return { ok: false, diagnostics };
  return { ok: true, deviceGroups: null, summary: { waivers: waivers.length, checks: [...new Set(waivers.map((w) => w.check))].sort() } };
}

/** The waivers of a stored set, each `source` naming the set and version (`waivers/lab@2:5`), as reports show it. */
export function storedWaivers(text: string, name: string, version: number): Waiver[] {
  return parseWaivers(text, `waivers/${name}@${version}`).waivers;
}

/** The pack's files written into `dir`, with a manifest naming it (when name and version are given). */
async function writePack(dir: string, pack: CheckPackContent, manifest?: { name: string; version: number }): Promise<void> {
  for (const [path, text] of Object.entries(pack.files ?? {})) {
    const file = join(dir, ...path.split("/"));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  if (manifest) {
    const description = pack.description ? `description: ${JSON.stringify(pack.description)}\n` : "";
    await writeFile(join(dir, MANIFEST), `# written by preflight serve: the stored check pack "${manifest.name}"\nname: ${JSON.stringify(manifest.name)}\nversion: "${manifest.version}"\n${description}`);
  }
}

/** What `--checks` gets for a pack whose files are in `dir` (undefined: no files). */
export function packSelectors(pack: CheckPackContent, dir: string | undefined): string[] {
  return [...(dir && Object.keys(pack.files ?? {}).length ? [dir] : []), ...(pack.checks ?? [])];
}

/** A check pack: its paths, then its files and selectors loaded together as `preflight run --checks DIR ID...` would. */
export async function validateCheckPack(pack: CheckPackContent, stateDir: string): Promise<Validated> {
  const diagnostics: Diagnostic[] = [];
  const files = Object.keys(pack.files ?? {});
  for (const path of files) {
    if (!PACK_PATH.test(path) || path.split("/").includes("..")) diagnostics.push({ file: `files/${path}`, line: 0, col: 0, message: "a pack file's path is relative, with letters, digits, _ . - and / only, no .. and no hidden parts" });
    else if (path === MANIFEST) diagnostics.push({ file: `files/${path}`, line: 0, col: 0, message: `${MANIFEST} is written by the server (name: the pack's name, version: its stored version); give "description" instead` });
  }
  if (!files.some((f) => /\.ya?ml$/.test(f)) && !pack.checks?.length) diagnostics.push({ file: "check pack", line: 0, col: 0, message: "give check files (files) or check selectors (checks), or both" });
  if (diagnostics.length) return { ok: false, diagnostics };
  return scratch(stateDir, async (dir) => {
    await writePack(dir, pack);
    const loaded = await loadChecks(packSelectors(pack, dir), { paths: [dir] });
    const shown = (file: string) => {
      if (file === "--checks") return "checks";
      const inside = relative(dir, file);
      return inside.startsWith("..") || inside === file ? file : `files/${inside.split(sep).join("/")}`;
    };
    if (loaded.diagnostics.length) return { ok: false, diagnostics: loaded.diagnostics.map((d) => ({ ...d, file: shown(d.file) })) };
    return { ok: true, deviceGroups: null, summary: { checks: loaded.checks.map((c) => c.definition.id).sort(), files: files.length } };
  });
}

/**
 * The folder of a stored pack's version, written on first use (and again after the state dir was emptied): the
 * database is where the pack lives, the folder is what the check loader reads. Versions never change, so a folder
 * that exists is complete (it is written under another name and renamed into place).
 */
export async function materializeCheckPack(stateDir: string, name: string, version: number, pack: CheckPackContent): Promise<string> {
  const dir = join(stateDir, "check-packs", name, String(version));
  if (await stat(dir).catch(() => undefined)) return dir;
  const temp = `${dir}.tmp-${randomUUID()}`;
  await mkdir(temp, { recursive: true });
  await writePack(temp, pack, { name, version });
  try {
    await rename(temp, dir);
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    // Another run wrote it meanwhile.
    if (!(await stat(dir).catch(() => undefined))) throw err;
  }
  return dir;
}
