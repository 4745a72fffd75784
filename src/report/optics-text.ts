// The optics inventory for a terminal (`preflight optics`): the totals, one line per distinct part (parts to
// replace first), then where each unsupported or unknown part is installed and on which release it fails.
// Device text is shown through visibleText, so control characters from a device cannot drive the terminal.
import type { OpticPart, OpticsInventory } from "../model/optics.js";
import { oneLine } from "./format.js";
import { OPTICS_TEXT } from "./strings.js";

export function renderOpticsText(inventory: OpticsInventory | undefined): string {
  if (!inventory) return "No selected check records optics: nothing to inventory.\n";
  const out: string[] = [`Optics inventory: ${OPTICS_TEXT.totals(inventory.totals)}`, ""];
  if (inventory.parts.length === 0) out.push(OPTICS_TEXT.noOptics, "");
  else {
    const rows = [["VERDICT", "VENDOR", "PART", "LISTED AS", "FORM", "INSTALLED", "TO REPLACE", "DEVICES"], ...inventory.parts.map(partRow)];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
    for (const r of rows) out.push(r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ").trimEnd());
    out.push("");
    const attention = inventory.parts.filter((p) => p.verdict !== "supported");
    for (const p of attention) {
      out.push(`${OPTICS_TEXT.verdict[p.verdict]}: ${name(p)}`);
      for (const c of p.devices.filter((d) => d.verdict !== "supported")) {
        const hops = c.hops.map((h) => (h.hop ? `${h.hop} ${h.verdict}` : h.verdict)).join(", ");
        out.push(`  ${oneLine(c.device)}${c.model ? ` (${oneLine(c.model)})` : ""} ${c.ports.map(oneLine).join(" ")}: ${hops}`);
      }
    }
    if (attention.length) out.push("");
  }
  if (inventory.notInventoried.length) {
    out.push(OPTICS_TEXT.notInventoried(inventory.notInventoried.length));
    for (const n of inventory.notInventoried) out.push(`  ${oneLine(n.device)} (${n.status}): ${oneLine(n.reason)}`);
    out.push("");
  }
  return `${out.join("\n")}`;
}

function name(p: OpticPart): string {
  if (p.vendor === null && p.part === null) return OPTICS_TEXT.unreadable;
  return `${p.vendor === null ? OPTICS_TEXT.unidentified : oneLine(p.vendor)} ${p.part === null ? OPTICS_TEXT.unidentified : oneLine(p.part)}`;
}

function partRow(p: OpticPart): string[] {
  const devices = p.devices.length === 1 ? oneLine(p.devices[0]!.device) : `${p.devices.length} devices`;
  return [
    OPTICS_TEXT.verdict[p.verdict] ?? p.verdict,
    p.vendor === null ? (p.part === null ? OPTICS_TEXT.unreadable : OPTICS_TEXT.unidentified) : oneLine(p.vendor),
    p.part === null ? (p.vendor === null ? "" : OPTICS_TEXT.unidentified) : oneLine(p.part),
    p.sku === null ? "-" : `${oneLine(p.sku)}${p.list === "local" ? " (local)" : ""}`,
    p.form === null ? "-" : oneLine(p.form),
    String(p.count),
    String(p.toReplace),
    devices,
  ];
}
