// The YAML inventory: defaults, named credential sets, groups (with parent groups) and hosts, resolved into
// devices. Every problem in the file is reported in one pass, each at its file:line:col, before anything runs.
//
// Resolution (details in resolve.ts and docs/inventory.md): a host's own value wins; then its groups in the order
// listed, each group before its own parents (depth-first, first found wins, as Nornir does); then defaults.
// `vars` merge per key with that precedence, `tags` are the union, `groups` are the host's groups plus ancestors.
import { dirname, resolve } from "node:path";
import { isMap, isScalar, isSeq, type Node } from "yaml";
import type { Diagnostic } from "../util/diagnostics.js";
import { didYouMeanHint } from "../util/did-you-mean.js";
import { diagnosticAt, parseYamlSource, type KeyPath, type YamlSource } from "../util/yaml-source.js";
import { knownPlatforms } from "../platforms/registry.js";
import { builtinCredentialSet, credentialSetFromSpec, DEFAULT_CREDENTIAL_SET, type CredentialSetSpec } from "./credential-sets.js";
import { formatKeyPath } from "./key-path.js";
import { findPlainSecrets, plainSecretMessage } from "./plain-secrets.js";
import { isPlainMap, resolveHost, type Entry, type InventoryDoc } from "./resolve.js";
import { schemaDiagnostics } from "./schema-check.js";
import type { CredentialRef, InventoryParseResult } from "./types.js";

export function parseYamlInventory(text: string, file: string): InventoryParseResult {
  const src = parseYamlSource(text, file);
  const duplicates = takeDuplicateKeys(src);
  // Duplicate keys leave a usable document, so the rest of the file is still checked; other syntax errors do not.
  const syntax = src.diagnostics.filter((_, i) => src.doc.errors[i]?.code !== "DUPLICATE_KEY");
  if (syntax.length > 0) return { diagnostics: sortByPosition([...syntax, ...duplicates]) };

  const value: unknown = src.value ?? src.doc.toJS({ maxAliasCount: 100 });
  if (value === null || value === undefined) {
    return { diagnostics: [{ file, line: 0, col: 0, message: "the inventory is empty: expected a mapping with hosts" }] };
  }
  const secrets = findPlainSecrets(value);
  const secretPaths = secrets.map((s) => formatKeyPath(s.path));
  const doc = toDoc(value);
  const credentialSets = credentialSetsOf(value);
  const hosts = hostOrder(src, doc).map((name, index) => ({ name, ...resolveHost(doc, name, index, credentialSets) }));

  const diagnostics = sortByPosition([
    ...duplicates,
    ...secrets.map((s) => diagnosticAt(src, s.path, `${formatKeyPath(s.path)}: ${plainSecretMessage(s.kind)}`, "key")),
    ...schemaDiagnostics(src, value, (path) => isUnder(formatKeyPath(path), secretPaths)),
    ...referenceDiagnostics(src, doc, Object.keys(credentialSets)),
    ...cycleDiagnostics(src, doc),
    ...hosts.flatMap((h) => h.problems.map((p) => hostDiagnostic(src, h.name, p))),
  ]);
  if (diagnostics.length > 0) return { diagnostics };
  const dataDir = (value as { data_dir?: unknown }).data_dir;
  return { inventory: { file, devices: hosts.map((h) => h.device), credentialSets, ...(typeof dataDir === "string" ? { dataDir: resolve(dirname(file), dataDir) } : {}) }, diagnostics };
}

function hostDiagnostic(src: YamlSource, name: string, problem: string): Diagnostic {
  const path = ["hosts", name];
  return diagnosticAt(src, path, `${formatKeyPath(path)}: ${problem}`, "key");
}

/** A secret's own key path, or anything below it: its unknown-key error would only repeat the secret error. */
function isUnder(path: string, roots: string[]): boolean {
  return roots.some((root) => path === root || path.startsWith(`${root}.`) || path.startsWith(`${root}[`));
}

/** The document with every section present and every entry a map (wrong shapes were reported by the schema). */
function toDoc(value: unknown): InventoryDoc {
  const root = isPlainMap(value) ? value : {};
  return { defaults: entryOf(root.defaults), groups: entriesOf(root.groups), hosts: entriesOf(root.hosts) };
}

function entryOf(value: unknown): Entry {
  return isPlainMap(value) ? value : {};
}

function entriesOf(value: unknown): Record<string, Entry> {
  if (!isPlainMap(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([name, entry]) => [name, entryOf(entry)]));
}

/** The built-in `default` set, replaced or joined by the declared ones. */
function credentialSetsOf(value: unknown): Record<string, CredentialRef> {
  const sets: Record<string, CredentialRef> = { [DEFAULT_CREDENTIAL_SET]: builtinCredentialSet() };
  const declared = isPlainMap(value) && isPlainMap(value.credentials) ? value.credentials : {};
  for (const [name, spec] of Object.entries(declared)) {
    if (spec === null || isPlainMap(spec)) sets[name] = credentialSetFromSpec(name, spec as CredentialSetSpec | null);
  }
  return sets;
}

/**
 * Hosts in file order, read from the YAML map itself: a JS object would list integer-like names ("101")
 * first, and device order is a contract (reports keep inventory order).
 */
function hostOrder(src: YamlSource, doc: InventoryDoc): string[] {
  const node = src.doc.get("hosts");
  const names = isMap(node) ? node.items.map((pair) => keyText(pair.key)) : Object.keys(doc.hosts);
  return [...new Set(names)].filter((name) => Object.hasOwn(doc.hosts, name));
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

const DUPLICATE_NOUN: Record<string, string> = { hosts: "host", groups: "group", credentials: "credential set" };

/**
 * Reports duplicate keys with the line of the first definition (the YAML parser's own message names neither), and
 * drops the later copies from the document, so that the first definition is the one checked and positioned.
 */
function takeDuplicateKeys(src: YamlSource): Diagnostic[] {
  const out: Diagnostic[] = [];
  const walk = (node: unknown, path: KeyPath): void => {
    if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]));
    if (!isMap(node)) return;
    const firstLine = new Map<string, number>();
    node.items = node.items.filter((pair) => {
      const key = keyText(pair.key);
      const pos = src.lineCounter.linePos((pair.key as Node | null)?.range?.[0] ?? 0);
      const seen = firstLine.get(key);
      if (seen === undefined) {
        firstLine.set(key, pos.line);
        walk(pair.value, [...path, key]);
        return true;
      }
      const noun = (path.length === 1 && DUPLICATE_NOUN[String(path[0])]) || "key";
      const where = path.length === 0 ? "" : `${formatKeyPath(path)}: `;
      out.push({ file: src.file, ...pos, message: `${where}duplicate ${noun} "${key}" (first defined at line ${seen})` });
      return false;
    });
  };
  walk(src.doc.contents, []);
  return out;
}

/** Every entry that may reference groups, credential sets and platforms, with its key path. */
function entriesWithPaths(doc: InventoryDoc): Array<[KeyPath, Entry]> {
  return [
    [["defaults"], doc.defaults],
    ...Object.entries(doc.groups).map(([name, e]): [KeyPath, Entry] => [["groups", name], e]),
    ...Object.entries(doc.hosts).map(([name, e]): [KeyPath, Entry] => [["hosts", name], e]),
  ];
}

function referenceDiagnostics(src: YamlSource, doc: InventoryDoc, credentialNames: string[]): Diagnostic[] {
  const groupNames = Object.keys(doc.groups);
  const platforms = knownPlatforms();
  const out: Diagnostic[] = [];
  const report = (path: KeyPath, message: string): void => {
    out.push(diagnosticAt(src, path, `${formatKeyPath(path)}: ${message}`));
  };
  for (const [path, entry] of entriesWithPaths(doc)) {
    (Array.isArray(entry.groups) ? entry.groups : []).forEach((group: unknown, i) => {
      if (typeof group === "string" && !Object.hasOwn(doc.groups, group)) {
        report([...path, "groups", i], `unknown group "${group}"${didYouMeanHint(group, groupNames)}`);
      }
    });
    const credentials = entry.credentials;
    if (typeof credentials === "string" && credentials !== "" && !credentialNames.includes(credentials)) {
      const hint = didYouMeanHint(credentials, credentialNames);
      report([...path, "credentials"], `unknown credential set "${credentials}"${hint}; defined: ${credentialNames.join(", ")}`);
    }
    const platform = entry.platform;
    if (typeof platform === "string" && platform !== "" && !platforms.includes(platform)) {
      const hint = didYouMeanHint(platform, platforms);
      report([...path, "platform"], `unknown platform "${platform}"${hint}; supported: ${platforms.join(", ")}`);
    }
  }
  return out;
}

/** Each cycle among parent groups, once, at the reference that closes it. */
function cycleDiagnostics(src: YamlSource, doc: InventoryDoc): Diagnostic[] {
  const out: Diagnostic[] = [];
  const state = new Map<string, "active" | "done">();
  const stack: string[] = [];
  const visit = (group: string): void => {
    state.set(group, "active");
    stack.push(group);
    const parents = doc.groups[group]?.groups;
    (Array.isArray(parents) ? parents : []).forEach((parent: unknown, i) => {
      if (typeof parent !== "string" || !Object.hasOwn(doc.groups, parent)) return;
      if (state.get(parent) === "active") {
        const cycle = [...stack.slice(stack.indexOf(parent)), parent].join(" -> ");
        const path = ["groups", group, "groups", i];
        out.push(diagnosticAt(src, path, `${formatKeyPath(path)}: group cycle ${cycle}: a group cannot be its own parent`));
      } else if (!state.has(parent)) {
        visit(parent);
      }
    });
    stack.pop();
    state.set(group, "done");
  };
  for (const group of Object.keys(doc.groups)) if (!state.has(group)) visit(group);
  return out;
}

function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.line - b.line || a.col - b.col);
}
