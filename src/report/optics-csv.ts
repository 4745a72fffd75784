// The optics inventory as CSV (optics.csv): one row per part and device, so a spreadsheet can total the parts to
// replace per site, per model or per part. RFC 4180, CRLF line ends, formula-like cells neutralised (device text).
import type { OpticsInventory } from "../model/optics.js";
import type { RunReport } from "../model/result.js";
import { csvField, neutraliseFormula } from "./csv.js";
import { opticsInventory } from "./optics.js";
import { OPTICS_TEXT } from "./strings.js";

export const OPTICS_CSV_COLUMNS = [
  "verdict",
  "vendor",
  "part",
  "sku",
  "list",
  "form",
  "installed (part, all devices)",
  "to replace (part, all devices)",
  "device",
  "model",
  "software",
  "upgrade path",
  "ports",
  "installed (device)",
  "device verdict",
  "verdict per release",
  "message",
] as const;

export function renderOpticsCsv(report: RunReport): string {
  return opticsCsv(opticsInventory(report));
}

export function opticsCsv(inventory: OpticsInventory | undefined): string {
  const rows: string[][] = [[...OPTICS_CSV_COLUMNS]];
  for (const p of inventory?.parts ?? []) {
    for (const c of p.devices) {
      rows.push([
        p.verdict,
        p.vendor ?? (p.part === null && p.sku === null && p.unknown === p.count ? OPTICS_TEXT.unreadable : OPTICS_TEXT.unidentified),
        p.part ?? "",
        p.sku ?? "",
        p.list ?? "",
        p.form ?? "",
        String(p.count),
        String(p.toReplace),
        c.device,
        c.model ?? "",
        c.softwareVersion ?? "",
        c.upgradePath.join(" > "),
        c.ports.join(" "),
        String(c.ports.length),
        c.verdict,
        c.hops.map((h) => (h.hop ? `${h.hop}: ${h.verdict}` : h.verdict)).join("; "),
        c.message ?? "",
      ]);
    }
  }
  for (const n of inventory?.notInventoried ?? []) rows.push(["unknown", OPTICS_TEXT.unreadable, "", "", "", "", "", "", n.device, "", "", "", "", "", "unknown", "", `not inventoried (${n.status}): ${n.reason}`]);
  return rows.map((r) => r.map((cell) => csvField(neutraliseFormula(cell))).join(",")).join("\r\n") + "\r\n";
}
