// The `junos-chassis-hardware` parser: `show chassis hardware` -> every inventory item with its place in the
// tree, and the optics (Xcvr items) on their own, which the transceiver check iterates over.
//
// Junos prints one fixed-width table under the heading "Item  Version  Part number  Serial number  Description";
// the column offsets are read from that heading (the real captures in fixtures/juniper_junos/show_chassis_hardware
// keep them), and indentation gives the tree (FPC 1 > MIC 0 > PIC 2 > Xcvr 0). A chassis cluster prints one
// block per node (`node0:`), which becomes the first part of each path. Values are kept as text. Output without
// the heading is an error, not an empty inventory.
import { ParseError, type Parser } from "../../../parse/types.js";

export interface JunosHardwareItem {
  /** "FPC 1/MIC 0/PIC 2/Xcvr 0", prefixed "node0/" in a cluster. */
  path: string;
  item: string;
  version: string;
  part: string;
  serial: string;
  description: string;
}

export interface JunosChassisHardware {
  items: JunosHardwareItem[];
  /** The Xcvr items; `juniper` is false for NON-JNPR parts and parts not numbered 740-... by Juniper. */
  transceivers: (JunosHardwareItem & { juniper: boolean })[];
}

const HEADING = /^Item[ \t]+Version[ \t]+Part number[ \t]+Serial number[ \t]+Description[ \t]*$/;

export const parseJunosChassisHardware: Parser = (raw) => {
  const lines = raw.replace(/\r\n/g, "\n").split("\n");
  const items: JunosHardwareItem[] = [];
  let columns: [number, number, number, number] | undefined;
  let node = "";
  let stack: { indent: number; name: string }[] = [];
  let sawHeading = false;
  lines.forEach((text) => {
    const nodeLine = /^(node\d+|fpc\d+|member\d+):\s*$/.exec(text);
    if (nodeLine) {
      node = nodeLine[1] as string;
      stack = [];
      return;
    }
    if (HEADING.test(text)) {
      sawHeading = true;
      columns = [text.indexOf("Version"), text.indexOf("Part number"), text.indexOf("Serial number"), text.indexOf("Description")];
      stack = [];
      return;
    }
    // `{master:0}` / `{primary:node0}`: the line the CLI prints before its prompt, kept by captures made over SSH.
    if (!columns || text.trim() === "" || /^-+$/.test(text.trim()) || /^Hardware inventory:/.test(text) || /^\{[\w:. -]{1,40}\}$/.test(text.trim())) return;
    const [v, p, s, d] = columns;
    const indent = /^ */.exec(text)?.[0].length ?? 0;
    const item = text.slice(0, v).trim();
    if (item === "") return;
    while (stack.length > 0 && (stack[stack.length - 1] as { indent: number }).indent >= indent) stack.pop();
    stack.push({ indent, name: item });
    const path = [...(node === "" ? [] : [node]), ...stack.map((e) => e.name)].join("/");
    items.push({
      path,
      item,
      version: text.slice(v, p).trim(),
      part: text.slice(p, s).trim(),
      serial: text.slice(s, d).trim(),
      description: text.slice(d).trim(),
    });
  });
  if (!sawHeading) throw new ParseError('no "Item Version Part number Serial number Description" heading: not show chassis hardware output');
  const transceivers = items.filter((i) => /^Xcvr \d+$/.test(i.item)).map((i) => ({ ...i, juniper: /^740-\d{6}$/.test(i.part) }));
  return { items, transceivers } satisfies JunosChassisHardware;
};
