// The "Optics inventory" section of the HTML view: every distinct optic across the devices with its verdict, how
// many are installed and how many to replace, and where (device, ports, verdict per hop of its path). Built from
// the same inventory as report.json's `optics`, so the page and the file agree.

import type { OpticPart, OpticsInventory } from "../../model/optics.js";
import type { DeviceResult } from "../../model/result.js";
import { oneLine } from "../format.js";
import { OPTICS_TEXT } from "../strings.js";
import type { Anchors, Labelled } from "./common.js";

export interface OpticsPartView {
  verdict: Labelled;
  vendor: string;
  part: string;
  sku: string;
  list: string;
  form: string;
  count: number;
  toReplace: number;
  unknown: number;
  devices: { name: string; anchor: string; model: string; ports: string; verdict: Labelled; hops: { hop: string; verdict: Labelled }[]; message: string }[];
}

export interface OpticsView {
  totals: string;
  toReplace: number;
  optics: number;
  verdicts: (Labelled & { parts: number; meaning: string })[];
  parts: OpticsPartView[];
  hasParts: boolean;
  noOptics: string;
  notInventoriedNote: string;
  notInventoried: { name: string; anchor: string; reason: string }[];
  countTemplate: string;
}

export function opticsView(inventory: OpticsInventory | undefined, devices: readonly DeviceResult[], anchors: Anchors): OpticsView | false {
  if (!inventory) return false;
  const byName = new Map<string, string>();
  for (const d of devices) if (!byName.has(d.name)) byName.set(d.name, anchors.get(d) ?? "");
  const label = (v: string): Labelled => ({ value: v, label: OPTICS_TEXT.verdict[v] ?? v });
  return {
    totals: OPTICS_TEXT.totals(inventory.totals),
    toReplace: inventory.totals.toReplace,
    optics: inventory.totals.optics,
    verdicts: (["unsupported", "unknown", "supported"] as const).map((v) => ({ ...label(v), parts: inventory.parts.filter((p) => p.verdict === v).length, meaning: OPTICS_TEXT.verdictMeaning[v] ?? "" })),
    parts: inventory.parts.map((p) => partView(p, byName, label)),
    hasParts: inventory.parts.length > 0,
    noOptics: OPTICS_TEXT.noOptics,
    notInventoriedNote: inventory.notInventoried.length ? OPTICS_TEXT.notInventoried(inventory.notInventoried.length) : "",
    notInventoried: inventory.notInventoried.map((n) => ({ name: oneLine(n.device), anchor: byName.get(n.device) ?? "", reason: oneLine(n.reason) })),
    countTemplate: OPTICS_TEXT.filterCount,
  };
}

function partView(p: OpticPart, anchors: Map<string, string>, label: (v: string) => Labelled): OpticsPartView {
  const unreadable = p.vendor === null && p.part === null && p.unknown === p.count && p.sku === null;
  return {
    verdict: label(p.verdict),
    vendor: p.vendor === null ? (unreadable ? OPTICS_TEXT.unreadable : OPTICS_TEXT.unidentified) : oneLine(p.vendor),
    part: p.part === null ? (unreadable ? "" : OPTICS_TEXT.unidentified) : oneLine(p.part),
    sku: p.sku === null ? "" : oneLine(p.sku),
    list: p.list === null ? "" : (OPTICS_TEXT.list[p.list] ?? p.list),
    form: p.form === null ? "" : oneLine(p.form),
    count: p.count,
    toReplace: p.toReplace,
    unknown: p.unknown,
    devices: p.devices.map((c) => ({
      name: oneLine(c.device),
      anchor: anchors.get(c.device) ?? "",
      model: c.model === undefined ? "" : oneLine(c.model),
      ports: c.ports.map(oneLine).join(", "),
      verdict: label(c.verdict),
      hops: c.hops.map((h) => ({ hop: h.hop ?? "", verdict: label(h.verdict) })),
      message: c.verdict === "supported" || c.message === undefined ? "" : oneLine(c.message),
    })),
  };
}
