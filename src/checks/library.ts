// Finds and selects checks. Sources are the built-in library (checks/ in the package) and any files or
// folders given; selectors pick from them by id, glob (linux-*), tag (tag:optics) and exclusion (!id,
// !tag:slow). Ids are unique across everything loaded; depends_on must name a selected check.
import { readFile, readdir, stat } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import type { Diagnostic } from "../util/diagnostics.js";
import { didYouMeanHint } from "../util/did-you-mean.js";
import { packagePath } from "../util/package-root.js";
import { diagnosticAt, parseYamlSource } from "../util/yaml-source.js";
import { loadCheckFile, type LoadOptions } from "./load.js";
import type { LoadedCheck } from "./types.js";
import { globToRegExp } from "../util/glob.js";

/** Folders inside a check tree that hold something other than checks. */
const NON_CHECK_DIRS = new Set(["data", "schema", "tests", "node_modules"]);
/** A check pack's manifest: name, version, description of the folder's checks. */
export const PACK_MANIFEST = "pack.yaml";

export interface CheckPack {
  name: string;
  version: string;
  description?: string;
  dir: string;
}

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
    } else if ([".yaml", ".yml"].includes(extname(entry.name)) && !entry.name.startsWith(".") && entry.name !== PACK_MANIFEST) {
      out.push(full);
    }
  }
  return out.sort();
}

/** The pack a check file belongs to: the nearest pack.yaml above it. */
export async function packOf(file: string): Promise<CheckPack | undefined> {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const text = await readFile(join(dir, PACK_MANIFEST), "utf8").catch(() => undefined);
    if (text === undefined) continue;
    const value = parseYamlSource(text, join(dir, PACK_MANIFEST)).value as Partial<CheckPack> | undefined;
    if (value && typeof value.name === "string" && value.version !== undefined) {
      return { name: value.name, version: String(value.version), ...(typeof value.description === "string" ? { description: value.description } : {}), dir };
    }
    return undefined;
  }
  return undefined;
}

interface Selector {
  raw: string;
  exclude: boolean;
  matches(check: LoadedCheck): boolean;
  /** Names to suggest from when nothing matches. */
  kind: "id" | "tag" | "glob";
  value: string;
}

function parseSelector(raw: string): Selector {
  const exclude = raw.startsWith("!");
  const body = exclude ? raw.slice(1) : raw;
  if (body.startsWith("tag:")) {
    const tag = body.slice(4);
    return { raw, exclude, kind: "tag", value: tag, matches: (c) => (c.definition.tags ?? []).includes(tag) };
  }
  if (/[*?]/.test(body)) {
    const re = globToRegExp(body, { ignoreCase: true });
    return { raw, exclude, kind: "glob", value: body, matches: (c) => re.test(c.definition.id) };
  }
  return { raw, exclude, kind: "id", value: body, matches: (c) => c.definition.id === body };
}

/**
 * Loads the checks that `--checks` selects. Paths (files, folders) add their checks, replacing built-in checks
 * with the same id; ids, globs and tags select from everything known (built-in library plus the paths); `!`
 * excludes. No selector: the built-ins.
 */
export interface SelectOptions extends LoadOptions {
  /**
   * Which specs may be paths on this machine's disk. Unset (the CLI): any spec that names a file or folder is one.
   * Set (the server): only these; every other spec is an id, glob or tag, never looked up on disk, so that an API
   * request cannot make the server read its own files as checks.
   */
  paths?: readonly string[];
}

export async function loadChecks(specs: readonly string[], options: SelectOptions = {}): Promise<{ checks: LoadedCheck[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const pathFiles: string[] = [];
  const selectors: Selector[] = [];
  for (const spec of specs) {
    const mayBePath = !spec.startsWith("!") && (options.paths === undefined || options.paths.includes(spec));
    const info = mayBePath ? await stat(spec).catch(() => undefined) : undefined;
    if (info?.isDirectory()) pathFiles.push(...(await checkFilesUnder(spec)));
    else if (info?.isFile()) pathFiles.push(resolve(spec));
    else selectors.push(parseSelector(spec));
  }
  const builtin = await checkFilesUnder(builtinChecksDir());
  const files = [...new Set([...pathFiles, ...builtin])];
  if (options.dataDir) {
    const info = await stat(options.dataDir).catch(() => undefined);
    if (!info?.isDirectory()) diagnostics.push({ file: "--data-dir", line: 0, col: 0, message: `"${options.dataDir}" is not a folder` });
  }
  // With a selection, a built-in check is only read (id and tags, to select by) until it is chosen; the chosen ones
  // are then validated and loaded in full below. Validating the whole library (its schema, expressions, parsers'
  // options and TextFSM templates, data files) was most of every run's start-up. Checks given by path are always
  // validated in full: they are the user's own. Without a selection every built-in is chosen anyway.
  const lazy = selectors.some((s) => !s.exclude) || pathFiles.length > 0;
  const given = new Set(pathFiles);
  const readTags = selectors.some((s) => s.kind === "tag");
  const results = await Promise.all(files.map((f) => (lazy && !given.has(f) ? skimCheckFile(f, options, readTags) : loadCheckFile(f, options))));

  // A check given by path replaces the built-in check with the same id (a site's edited copy); two given
  // checks with one id are an error.
  const all: LoadedCheck[] = [];
  const seen = new Map<string, string>();
  const givenIds = new Set(results.filter((r) => r.check && pathFiles.includes(r.check.file)).map((r) => r.check!.definition.id));
  for (const r of results) {
    if (r.check && givenIds.has(r.check.definition.id) && !pathFiles.includes(r.check.file)) continue;
    diagnostics.push(...r.diagnostics);
    if (!r.check) continue;
    const id = r.check.definition.id;
    const first = seen.get(id);
    if (first) {
      diagnostics.push({ file: r.check.file, line: 1, col: 1, message: `duplicate check id "${id}" (also in ${first})` });
      continue;
    }
    seen.set(id, r.check.file);
    all.push(r.check);
  }

  const includes = selectors.filter((s) => !s.exclude);
  const excludes = selectors.filter((s) => s.exclude);
  for (const s of selectors) {
    if (!all.some((c) => s.matches(c))) diagnostics.push({ file: "--checks", line: 0, col: 0, message: noMatch(s, all, options.paths === undefined) });
  }
  const fromPaths = new Set(pathFiles);
  const chosen = all.filter((c) => {
    const included = includes.length || pathFiles.length ? fromPaths.has(c.file) || includes.some((s) => s.matches(c)) : builtin.includes(c.file);
    return included && !excludes.some((s) => s.matches(c));
  });
  const loaded: LoadedCheck[] = [];
  for (const check of chosen) {
    if (!skimmed.has(check)) {
      loaded.push(check);
      continue;
    }
    const full = await loadCheckFile(check.file, options);
    diagnostics.push(...full.diagnostics);
    if (full.check) loaded.push(full.check);
  }
  diagnostics.push(...(await dependencyProblems(loaded, all)));
  return { checks: loaded, diagnostics };
}

/** Checks only read by skimCheckFile: their definition is the file's raw value, not validated yet. */
const skimmed = new WeakSet<LoadedCheck>();

/**
 * A built-in check read only for selecting. Its id is its file name (a check whose id differs is invalid, and
 * reported so once chosen); its tags are read from its YAML only when a tag selects. A file whose tags cannot be
 * read that way is loaded in full at once, so that its problems are reported as before.
 */
async function skimCheckFile(file: string, options: LoadOptions, readTags: boolean): Promise<{ check?: LoadedCheck; diagnostics: Diagnostic[] }> {
  const id = basename(file, extname(file));
  let tags: unknown;
  if (readTags) {
    const text = await readFile(file, "utf8").catch(() => undefined);
    const value = text === undefined ? undefined : parseYamlSource(text, file).value;
    if (value === null || typeof value !== "object") return loadCheckFile(file, options);
    tags = (value as { tags?: unknown }).tags;
    if (tags !== undefined && !(Array.isArray(tags) && tags.every((t) => typeof t === "string"))) return loadCheckFile(file, options);
  }
  const definition = { id, ...(Array.isArray(tags) ? { tags: tags as string[] } : {}) } as LoadedCheck["definition"];
  const check = { definition, file: resolve(file), sha256: "", data: {} };
  skimmed.add(check);
  return { check, diagnostics: [] };
}

function noMatch(s: Selector, all: LoadedCheck[], pathsRead: boolean): string {
  if (s.kind === "tag") {
    const tags = [...new Set(all.flatMap((c) => c.definition.tags ?? []))];
    return `no check has the tag "${s.value}"${didYouMeanHint(s.value, tags)}`;
  }
  if (s.kind === "glob") return `no check id matches "${s.value}"`;
  const hint = didYouMeanHint(s.value, all.map((c) => c.definition.id));
  if (!pathsRead) return `"${s.value}" is not a known check id${hint}${/[/\\]|\.ya?ml$/i.test(s.value) ? " (paths are not read here: give check files as a stored check pack)" : ""}`;
  return `"${s.value}" is neither a file, a folder nor a known check id${hint}`;
}

/** depends_on must name selected checks, without cycles; positions come from the check's own file. */
async function dependencyProblems(chosen: LoadedCheck[], all: LoadedCheck[]): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const ids = new Set(chosen.map((c) => c.definition.id));
  for (const check of chosen) {
    const deps = check.definition.depends_on ?? [];
    for (const [i, dep] of deps.entries()) {
      if (ids.has(dep)) continue;
      const known = all.some((c) => c.definition.id === dep);
      const message = known ? `depends on "${dep}", which is not selected: add it to --checks` : `depends on unknown check "${dep}"${didYouMeanHint(dep, all.map((c) => c.definition.id))}`;
      out.push(await at(check, ["depends_on", i], message));
    }
  }
  const byId = new Map(chosen.map((c) => [c.definition.id, c]));
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = async (id: string, trail: string[]): Promise<void> => {
    if (done.has(id)) return;
    if (visiting.has(id)) {
      out.push(await at(byId.get(id)!, ["depends_on"], `dependency cycle: ${[...trail, id].join(" -> ")}`));
      return;
    }
    visiting.add(id);
    for (const dep of byId.get(id)?.definition.depends_on ?? []) if (byId.has(dep)) await visit(dep, [...trail, id]);
    visiting.delete(id);
    done.add(id);
  };
  for (const id of byId.keys()) await visit(id, []);
  return out;
}

async function at(check: LoadedCheck, path: (string | number)[], message: string): Promise<Diagnostic> {
  const src = parseYamlSource(await readFile(check.file, "utf8"), check.file);
  return diagnosticAt(src, path, message);
}

/** Check ids in dependency order (a check after the checks it depends on), stable otherwise. */
export function dependencyOrder(checks: readonly LoadedCheck[]): LoadedCheck[] {
  const byId = new Map(checks.map((c) => [c.definition.id, c]));
  const out: LoadedCheck[] = [];
  const placed = new Set<string>();
  const place = (c: LoadedCheck, depth: number): void => {
    if (placed.has(c.definition.id) || depth > checks.length) return;
    for (const dep of c.definition.depends_on ?? []) {
      const d = byId.get(dep);
      if (d) place(d, depth + 1);
    }
    placed.add(c.definition.id);
    out.push(c);
  };
  for (const c of checks) place(c, 0);
  return out;
}


/** The files of the checks `--checks` selects (for tools that work on files, such as `preflight test`). */
export async function resolveCheckFiles(specs: readonly string[]): Promise<{ files: string[]; diagnostics: Diagnostic[] }> {
  const { checks, diagnostics } = await loadChecks(specs);
  return { files: checks.map((c) => c.file), diagnostics };
}
