// The `eos-inventory` parser: `show inventory` -> the chassis, power supplies, fan modules and the optics
// inventory (vendor, part, serial, revision per port), which the transceiver checks iterate over.
//
// EOS prints sections, each a title line ("System information", "System has 52 transceiver slots") and one or
// more tables (a heading line, a dashed line, the rows). Rows are read from the right, because the
// manufacturer may hold spaces ("Arista Networks") and the last columns never do; the real captures
// (fixtures/arista_eos/show_inventory, ntc-templates) are single-spaced, so column positions cannot be used.
// EEPROM strings are kept as text, never numbers ("0002" stays "0002"). A transceiver row with fewer than
// five fields cannot be assigned to columns and is an error, not a guess.
import { ParseError, type Parser } from "../../../parse/types.js";

export interface EosTransceiver {
  port: string;
  vendor: string;
  part: string;
  serial: string;
  rev: string;
}

export interface EosInventory {
  system: { model?: string; description?: string; hardware_version?: string; serial?: string };
  power_supplies: { slot: string; model: string; serial: string }[];
  fans: { module: string; model: string; serial: string }[];
  transceivers: EosTransceiver[];
}

interface Section {
  title: string;
  line: number;
  /** Data rows (after each dashed line), with their line numbers. */
  rows: { text: string; line: number }[];
}

function sections(raw: string): Section[] {
  const out: Section[] = [];
  let current: Section | undefined;
  let inTable = false;
  raw.replace(/\r\n/g, "\n").split("\n").forEach((text, i) => {
    if (text.trim() === "") return;
    if (!/^\s/.test(text)) {
      current = { title: text.trim(), line: i + 1, rows: [] };
      out.push(current);
      inTable = false;
      return;
    }
    if (current === undefined) throw new ParseError(`expected a section title such as "System information", found "${text.trim().slice(0, 80)}"`, i + 1);
    if (/^\s*-+( +-+)*\s*$/.test(text)) {
      inTable = true;
      return;
    }
    // A heading is the line before a dashed line; rows follow the dashes until the next heading.
    if (inTable && !/^\s*(Model|Slot|Module|Port|Type|HW Version)\s/.test(text)) current.rows.push({ text: text.trim(), line: i + 1 });
    else inTable = false;
  });
  return out;
}

const fields = (row: string): string[] => row.split(/\s+/).filter((f) => f !== "");

export const parseEosInventory: Parser = (raw) => {
  if (raw.trim() === "") throw new ParseError("output is empty: expected the output of show inventory");
  const found = sections(raw);
  if (!found.some((s) => /^System (information|has \d+ )/.test(s.title))) throw new ParseError('no "System information" or "System has N ..." section: not the output of show inventory');
  const inventory: EosInventory = { system: {}, power_supplies: [], fans: [], transceivers: [] };
  for (const section of found) {
    if (section.title === "System information") {
      for (const { text } of section.rows) {
        const f = fields(text);
        const dateAt = f.findIndex((x) => /^\d{4}-\d{2}-\d{2}$/.test(x));
        if (dateAt >= 1) {
          inventory.system.serial = f[dateAt - 1];
          if (dateAt >= 2) inventory.system.hardware_version = f[dateAt - 2];
        } else if (inventory.system.model === undefined) {
          inventory.system.model = f[0];
          const description = text.slice((f[0] as string).length).trim();
          if (description !== "") inventory.system.description = description;
        }
      }
    } else if (/power supply slots|power-supply slots/.test(section.title)) {
      for (const { text, line } of section.rows) {
        const f = fields(text);
        if (f.length < 3) throw new ParseError(`power supply row "${text}" has fewer than 3 fields`, line);
        inventory.power_supplies.push({ slot: f[0] as string, model: f[1] as string, serial: f[f.length - 1] as string });
      }
    } else if (/fan modules/.test(section.title)) {
      for (const { text, line } of section.rows) {
        const f = fields(text);
        if (f.length < 4) throw new ParseError(`fan module row "${text}" has fewer than 4 fields`, line);
        inventory.fans.push({ module: f[0] as string, model: f[f.length - 2] as string, serial: f[f.length - 1] as string });
      }
    } else if (/transceiver slots/.test(section.title)) {
      for (const { text, line } of section.rows) {
        const f = fields(text);
        if (f.length < 5) throw new ParseError(`transceiver row "${text}" has fewer than 5 fields (port, manufacturer, model, serial, revision)`, line);
        inventory.transceivers.push({
          port: f[0] as string,
          vendor: f.slice(1, -3).join(" "),
          part: f[f.length - 3] as string,
          serial: f[f.length - 2] as string,
          rev: f[f.length - 1] as string,
        });
      }
    }
  }
  return inventory;
};
