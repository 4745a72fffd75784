// The run request's stored resources, resolved before the audit is prepared: `"inventory": {"ref": "name"}` becomes
// the stored inventory's text, `"checkPack": {"ref": "name"}` its folder and selectors in front of `checks`, and
// `"waivers": {"ref": "name"}` the waivers applied to the finished report as `preflight run --waivers` applies them.
// A reference names the current version, or one kept version (`"version": 3`); the run records which it used.
import type { RunReport } from "../../model/result.js";
import { isNetboxSource } from "../../inventory/netbox.js";
import { applyWaivers } from "../../waivers/apply.js";
import type { Waiver } from "../../waivers/load.js";
import type { Principal } from "../auth.js";
import { contentHash, type ResourceKind, type ResourceStore, type ResourceVersion, type RunInputs } from "../db/resources.js";
import { inventoryInScope } from "./scope.js";
import { materializeCheckPack, packSelectors, storedWaivers, type CheckPackContent } from "./validate.js";

export interface ResourceRef {
  ref: string;
  version?: number;
}

/** The fields of POST /api/v1/runs (and a schedule's `run`) that may name stored resources. */
export interface RunInputFields {
  inventory: string | ResourceRef;
  checks?: string[];
  checkPack?: ResourceRef;
  waivers?: ResourceRef;
}

/** JSON Schemas of those fields, for the route's body schema. */
const refSchema = {
  type: "object",
  required: ["ref"],
  additionalProperties: false,
  properties: { ref: { type: "string", minLength: 1 }, version: { type: "integer", minimum: 1 } },
} as const;
export const RUN_INPUT_SCHEMAS = {
  inventory: { description: "the inventory (YAML text), a NetBox source (netbox+https://...), or a stored inventory: {\"ref\": name, \"version\"?: n}", oneOf: [{ type: "string", minLength: 1 }, refSchema] },
  checkPack: { ...refSchema, description: "a stored check pack: its checks run (with those of `checks`)" },
  waivers: { ...refSchema, description: "a stored waiver set, applied to the report as preflight run --waivers" },
} as const;

export type Resolution =
  | {
      ok: true;
      inventory: string;
      checks: string[];
      /** The one entry of `checks` that is a folder (the stored pack's files); every other entry is an id, glob or tag. */
      checkPaths: string[];
      inputs: RunInputs;
      /** How the run's files are named in reports and messages: the stored inventory and pack by name and version. */
      inventoryLabel: string;
      displayPath(file: string): string;
      /** The report as stored and served: with the waivers applied. */
      finish(report: RunReport): RunReport;
    }
  | { ok: false; status: number; title: string; detail: string; extra?: Record<string, unknown> };

export interface ResolveDeps {
  resources: ResourceStore;
  stateDir: string;
}

const KIND_NAMES: Record<ResourceKind, string> = { inventory: "inventory", "check-pack": "check pack", waivers: "waiver set" };

/** The stored resources a request names, and what it names that is not there (or not for this token). */
async function lookUp(body: Partial<RunInputFields>, p: Principal, resources: ResourceStore) {
  const missing: string[] = [];
  const fetch = async (kind: ResourceKind, ref: ResourceRef | undefined): Promise<ResourceVersion | undefined> => {
    if (!ref) return undefined;
    const found = await resources.get(kind, ref.ref, ref.version);
    // An inventory with devices outside the token's groups is, to that token, not there.
    if (!found || (kind === "inventory" && !inventoryInScope(p.scope, found.deviceGroups))) {
      missing.push(`no stored ${KIND_NAMES[kind]} "${ref.ref}"${ref.version ? ` version ${ref.version}` : ""}`);
      return undefined;
    }
    return found;
  };
  const inventoryRef = typeof body.inventory === "object" && body.inventory !== null ? body.inventory : undefined;
  return { inventory: await fetch("inventory", inventoryRef), pack: await fetch("check-pack", body.checkPack), waiverSet: await fetch("waivers", body.waivers), missing };
}

/** For a schedule: the references of its run that do not resolve for its creator (empty: all do). */
export async function missingRefs(body: Partial<RunInputFields>, p: Principal, resources: ResourceStore): Promise<string[]> {
  return (await lookUp(body, p, resources)).missing;
}

export async function resolveRunInputs(body: RunInputFields, p: Principal, deps: ResolveDeps): Promise<Resolution> {
  const { inventory, pack, waiverSet, missing } = await lookUp(body, p, deps.resources);
  if (missing.length) return { ok: false, status: 404, title: "Not Found", detail: missing.join("\n"), extra: { errors: missing } };

  const use = (v: ResourceVersion) => ({ ref: v.name, version: v.version, sha256: v.sha256 });
  const text = typeof body.inventory === "string" ? body.inventory : String(inventory!.content.inventory);
  const inputs: RunInputs = {
    inventory: inventory ? use(inventory) : isNetboxSource(text) ? { source: text } : { inline: true, sha256: contentHash({ inventory: text }) },
    ...(pack ? { checkPack: use(pack) } : {}),
    ...(waiverSet ? { waivers: use(waiverSet) } : {}),
  };
  let packDir: string | undefined;
  let checks = body.checks ?? [];
  if (pack) {
    const content = pack.content as CheckPackContent;
    packDir = Object.keys(content.files ?? {}).length ? await materializeCheckPack(deps.stateDir, pack.name, pack.version, content) : undefined;
    checks = [...packSelectors(content, packDir), ...checks];
  }
  const waivers: Waiver[] | undefined = waiverSet ? storedWaivers(String(waiverSet.content.waivers), waiverSet.name, waiverSet.version) : undefined;
  const packLabel = pack ? `check-packs/${pack.name}@${pack.version}` : "";
  return {
    ok: true,
    inventory: text,
    checks,
    checkPaths: packDir ? [packDir] : [],
    inputs,
    inventoryLabel: inventory ? `inventories/${inventory.name}@${inventory.version}` : "inventory",
    displayPath: (file) => (packDir && file.startsWith(`${packDir}/`) ? `${packLabel}/${file.slice(packDir.length + 1)}` : file),
    finish: (report) => (waivers ? applyWaivers(report, waivers, new Date()).report : report),
  };
}
