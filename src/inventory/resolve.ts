// Inheritance in the YAML inventory, in one place (docs/inventory.md "Resolution"):
//
//   1. the host's own value wins;
//   2. then its groups, in the order the host lists them, each group before its own parents (depth-first, the
//      first group that has the key wins; a group reached twice counts once, at its first position);
//   3. then `defaults`.
//
// `vars` are merged key by key with that same precedence (one level: a nested map is replaced, not merged);
// `tags` are the union of all levels; a device's `groups` are the host's groups plus all their ancestors, in
// resolution order. `host` defaults to the host's name, `port` to 22, `credentials` to "default".
// Values of the wrong type are skipped here: the schema has already reported them, and resolution must still run
// so that problems only visible on the resolved host (a missing platform) are reported in the same pass.
import type { CredentialRef, Device } from "./types.js";
import { DEFAULT_CREDENTIAL_SET } from "./credential-sets.js";
import { parseHop } from "../transport/ssh-config.js";
import { defaultLists, withLegacy } from "../transport/algorithms.js";

/** The fields a host, a group or `defaults` may set (as written in YAML, types not yet trusted). */
export type Entry = Record<string, unknown>;

export interface InventoryDoc {
  defaults: Entry;
  groups: Record<string, Entry>;
  hosts: Record<string, Entry>;
}

export interface ResolvedHost {
  device: Device;
  /** Problems only visible after resolution, as sentences about the host. */
  problems: string[];
}

const DEFAULT_PORT = 22;

export function resolveHost(
  doc: InventoryDoc,
  name: string,
  index: number,
  credentialSets: Record<string, CredentialRef>,
): ResolvedHost {
  const own = doc.hosts[name] ?? {};
  const groups = ancestry(doc, stringList(own.groups));
  const layers: Entry[] = [own, ...groups.map((g) => doc.groups[g] ?? {}), doc.defaults];
  const problems: string[] = [];

  const platform = first(layers, "platform", isString);
  if (platform === undefined) {
    problems.push("no platform: set platform on the host, on one of its groups or in defaults");
  }
  const upgradePath = first(layers, "upgrade_path", isStringList);
  // The more specific layer wins: a host's own upgrade_path implies its target over a group's or the defaults'
  // target_version, and a host's own target_version over an inherited path.
  const pathLayer = layers.findIndex((l) => isStringList(l.upgrade_path));
  const targetLayer = layers.findIndex((l) => isString(l.target_version));
  const pathTarget = upgradePath?.[upgradePath.length - 1];
  const targetVersion = pathLayer >= 0 && (targetLayer < 0 || pathLayer < targetLayer) ? pathTarget : (first(layers, "target_version", isString) ?? pathTarget);
  const lastHop = upgradePath?.[upgradePath.length - 1];
  if (lastHop !== undefined && lastHop !== targetVersion) {
    problems.push(`upgrade_path ends at ${lastHop} but target_version is ${targetVersion}: the path must end at the target`);
  }
  const credentialName = first(layers, "credentials", isString) ?? DEFAULT_CREDENTIAL_SET;

  const device: Device = {
    index,
    name,
    host: isString(own.host) ? own.host : name,
    port: first(layers, "port", isPort) ?? DEFAULT_PORT,
    platform: platform ?? "",
    groups,
    tags: unique(layers.flatMap((layer) => stringList(layer.tags))),
    // An unknown set is reported by the reference checks; the fallback only keeps the device well-formed.
    credentials: Object.hasOwn(credentialSets, credentialName)
      ? credentialSets[credentialName]!
      : credentialSets[DEFAULT_CREDENTIAL_SET]!,
    vars: mergeVars(layers),
  };
  if (first(layers, "port", isPort) !== undefined) device.portGiven = true;
  const jump = first(layers, "jump", isString);
  if (jump !== undefined && jump.toLowerCase() !== "none") {
    const hops = [];
    for (const spec of jump.split(",").map((h) => h.trim())) {
      const hop = parseHop(spec);
      if (hop === undefined) problems.push(`jump: "${spec}" is not [user@]host[:port] (hops separated by commas, outermost first)`);
      else hops.push({ host: hop.host, port: hop.port ?? DEFAULT_PORT, ...(hop.user !== undefined ? { username: hop.user } : {}) });
    }
    device.jumps = hops;
  } else if (jump !== undefined) {
    device.jumps = [];
  }
  const legacy = first(layers, "legacy_algorithms", isStringList);
  if (legacy !== undefined) {
    for (const name of legacy) {
      try {
        withLegacy(defaultLists(), [name]);
      } catch (err) {
        problems.push(`legacy_algorithms: ${(err as Error).message}`);
      }
    }
    device.legacyAlgorithms = [...legacy];
  }
  const site = first(layers, "site", isString);
  if (site !== undefined) device.site = site;
  if (targetVersion !== undefined) device.targetVersion = targetVersion;
  if (upgradePath !== undefined) device.upgradePath = [...upgradePath];
  return { device, problems };
}

/**
 * The groups `start` reaches, in resolution order: each group, then its parents depth-first. Unknown groups and
 * cycles are reported elsewhere; here they are skipped so resolution always terminates.
 */
export function ancestry(doc: Pick<InventoryDoc, "groups">, start: string[]): string[] {
  const order: string[] = [];
  const visit = (group: string): void => {
    if (order.includes(group) || !Object.hasOwn(doc.groups, group)) return;
    order.push(group);
    for (const parent of stringList(doc.groups[group]?.groups)) visit(parent);
  };
  for (const group of start) visit(group);
  return order;
}

function first<T>(layers: Entry[], key: string, guard: (v: unknown) => v is T): T | undefined {
  for (const layer of layers) {
    const value = layer[key];
    if (guard(value)) return value;
  }
  return undefined;
}

/** Lowest precedence first, so that each later assignment is the one that wins. Cloned: devices share nothing. */
function mergeVars(layers: Entry[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const layer of [...layers].reverse()) {
    if (isPlainMap(layer.vars)) Object.assign(merged, layer.vars);
  }
  return structuredClone(merged);
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter(isString) : [];
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function isString(v: unknown): v is string {
  return typeof v === "string" && v.length > 0;
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.length > 0 && v.every(isString);
}

function isPort(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 65535;
}

export function isPlainMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
