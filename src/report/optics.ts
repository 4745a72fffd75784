// Builds the estate-wide optics inventory (src/model/optics.ts) from a RunReport: the `optics` inventories that
// checks such as panos-transceivers-supported record for every optic they evaluate. A pure function of the
// report, so report.json, the HTML section, the CSV and `preflight optics` always agree.
import type { DeviceResult, InventoryItem, RunReport } from "../model/result.js";
import type { OpticHopVerdict, OpticPart, OpticsInventory, OpticVerdict } from "../model/optics.js";
import { OPTIC_VERDICTS } from "../model/optics.js";

export const OPTICS_INVENTORY = "optics";

/** The inventory, or undefined when no selected check records optics (nothing to say, not "no optics"). */
export function opticsInventory(report: RunReport): OpticsInventory | undefined {
  const producers = new Set<string>();
  for (const device of report.devices) for (const check of device.checks) if (check.inventory?.name === OPTICS_INVENTORY) producers.add(check.id);
  const platforms = new Set(report.devices.filter((d) => d.checks.some((c) => producers.has(c.id) && c.inventory)).map((d) => d.platform));
  if (producers.size === 0) return undefined;

  const parts = new Map<string, OpticPart>();
  const notInventoried: OpticsInventory["notInventoried"] = [];
  let listedDevices = 0;
  for (const device of report.devices) {
    const inventories = device.checks.filter((c) => producers.has(c.id) && c.inventory).map((c) => c.inventory!);
    if (inventories.length === 0) {
      const missing = missingReason(device, producers, platforms);
      if (missing) notInventoried.push({ device: device.name, status: device.status, reason: missing });
      continue;
    }
    listedDevices++;
    // One check's view per port: when two checks list the same port, the first one listed wins.
    const seen = new Set<string>();
    for (const item of inventories.flatMap((i) => i.items)) {
      if (seen.has(item.key)) continue;
      seen.add(item.key);
      addItem(parts, device, item);
    }
  }
  const list = [...parts.values()].sort(
    (a, b) =>
      OPTIC_VERDICTS.indexOf(a.verdict) - OPTIC_VERDICTS.indexOf(b.verdict) ||
      b.toReplace - a.toReplace ||
      b.count - a.count ||
      (a.vendor ?? "").localeCompare(b.vendor ?? "") ||
      (a.part ?? "").localeCompare(b.part ?? ""),
  );
  const sum = (f: (p: OpticPart) => number) => list.reduce((n, p) => n + f(p), 0);
  const optics = sum((p) => p.count);
  const toReplace = sum((p) => p.toReplace);
  const unknown = sum((p) => p.unknown);
  return {
    totals: { optics, parts: list.length, toReplace, unknown, supported: optics - toReplace - unknown, devices: listedDevices, notInventoried: notInventoried.length },
    parts: list,
    notInventoried,
  };
}

function missingReason(device: DeviceResult, producers: ReadonlySet<string>, platforms: ReadonlySet<string>): string | undefined {
  const result = device.checks.find((c) => producers.has(c.id) && c.status !== "not-applicable");
  if (result) return result.reason ?? `${result.id}: ${result.status}`;
  if (device.checks.length === 0 && platforms.has(device.platform) && ["unreachable", "error", "not-run"].includes(device.status)) return device.reason ?? device.status;
  return undefined;
}

const norm = (s: string | null): string => (s ?? "").trim().toLowerCase();

function itemVerdict(item: InventoryItem, status: "pass" | "fail" | "error"): OpticVerdict {
  if (status === "error" || item.fields.error) return "unknown";
  // A failing optic that does not say what it is cannot be called unsupported: nobody knows which part it is.
  if (!item.fields.vendor || !item.fields.part) return "unknown";
  return status === "pass" ? "supported" : "unsupported";
}

function worst(verdicts: OpticVerdict[]): OpticVerdict {
  if (verdicts.includes("unsupported")) return "unsupported";
  if (verdicts.includes("unknown") || verdicts.length === 0) return "unknown";
  return "supported";
}

function addItem(parts: Map<string, OpticPart>, device: DeviceResult, item: InventoryItem): void {
  const unreadable = Boolean(item.fields.error);
  const vendor = unreadable ? null : item.fields.vendor || null;
  const part = unreadable ? null : item.fields.part || null;
  const key = unreadable ? "\u0000unreadable" : `${norm(vendor)}\u0000${norm(part)}`;
  let entry = parts.get(key);
  if (!entry) {
    entry = { vendor, part, sku: item.fields.sku ?? null, list: listOf(item.fields.list), form: item.fields.form ?? null, verdict: "supported", count: 0, toReplace: 0, unknown: 0, devices: [] };
    parts.set(key, entry);
  }
  const hops: OpticHopVerdict[] = item.verdicts.map((v) => ({ ...(v.hop !== undefined ? { hop: v.hop } : {}), verdict: itemVerdict(item, v.status) }));
  const verdict = worst(hops.map((h) => h.verdict));
  const message = item.verdicts.find((v) => v.status !== "pass" && v.message)?.message;
  entry.count++;
  if (verdict === "unsupported") entry.toReplace++;
  if (verdict === "unknown") entry.unknown++;
  let carrier = entry.devices.find((c) => c.device === device.name);
  if (!carrier) {
    carrier = {
      device: device.name,
      ...(device.facts.model ? { model: device.facts.model } : {}),
      ...(device.facts.softwareVersion ? { softwareVersion: device.facts.softwareVersion } : {}),
      upgradePath: device.upgradePath,
      ports: [],
      verdict,
      hops,
      ...(message ? { message } : {}),
    };
    entry.devices.push(carrier);
  } else {
    carrier.hops = mergeHops(carrier.hops, hops);
    carrier.verdict = worst([carrier.verdict, verdict]);
    if (!carrier.message && message) carrier.message = message;
  }
  carrier.ports.push(item.key);
  entry.verdict = worst(entry.devices.map((c) => c.verdict));
}

/** Per hop, the worst verdict of the ports of one part on one device. */
function mergeHops(a: OpticHopVerdict[], b: OpticHopVerdict[]): OpticHopVerdict[] {
  const out = a.map((h) => ({ ...h }));
  for (const h of b) {
    const same = out.find((o) => o.hop === h.hop);
    if (same) same.verdict = worst([same.verdict, h.verdict]);
    else out.push({ ...h });
  }
  return out;
}

function listOf(value: string | null | undefined): OpticPart["list"] {
  return value === "vendor" || value === "local" ? value : null;
}

/** The report as report.json holds it: the RunReport plus its derived optics inventory, when there is one. */
export function withOptics(report: RunReport): RunReport & { optics?: OpticsInventory } {
  const optics = opticsInventory(report);
  return optics ? { ...report, optics } : report;
}
