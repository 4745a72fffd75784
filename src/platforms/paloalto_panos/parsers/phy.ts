// The `panos-phy` parser: `show system state filter-pretty sys.s*.p*.phy` (or the one-line `show system state
// filter ...` form, or either wrapped in an XML API response) -> one record per physical port, with the optic's
// EEPROM fields when one is plugged in. This is what the transceiver checks iterate over.
//
// Each `sys.sN.pM.phy` entry is port M of slot N, i.e. `ethernetN/M`. A copper port carries only
// `media`/`type`; a port with an optic also has an `sfp` map (`vendor-name`, `vendor-part-number`, ...; a
// QSFP+ adds per-lane `ch1`..`ch4` blocks and diagnostics with units). EEPROM strings are space-padded on the
// device; they are trimmed here and kept as text, never as numbers.
//
// Every entry is read on its own: a port whose entry cannot be read (cut output, a block we do not
// understand) becomes a port record with `error` and the raw text, and the other ports are read as usual. Only
// an output with no port at all is a parse error of the whole command.
import { parseSystemStateText, splitSystemStateEntries, type StateMap, type StateValue, type SystemState } from "./system-state.js";
import { ParseError, type Parser } from "../../../parse/types.js";

export type SfpValue = string | null | SfpValue[] | { [key: string]: SfpValue };

export interface PhyPort {
  port: string;
  slot: number;
  index: number;
  // null when the device did not report it: "unknown" must stay visible, never become a default.
  media: string | null;
  type: string | null;
  sfp?: Record<string, SfpValue>;
  /** Why this port's entry could not be read. Checks treat the port as an item they could not evaluate. */
  error?: string;
  /** With `error`: the entry as printed (cut to {@link RAW_LIMIT} characters). Device text: untrusted. */
  raw?: string;
}

const PHY_KEY = /^sys\.s(\d+)\.p(\d+)\.phy$/;
/** Enough of an unreadable entry to see what went wrong, without one broken port bloating the report. */
export const RAW_LIMIT = 2_000;

export function phyPortsFromState(state: SystemState): PhyPort[] {
  const ports: PhyPort[] = [];
  for (const [key, value] of Object.entries(state)) {
    const match = PHY_KEY.exec(key);
    if (!match) continue;
    ports.push(toPortOrError(key, Number(match[1]), Number(match[2]), value, () => ""));
  }
  if (ports.length === 0) throw noPorts();
  return sortPorts(ports);
}

export const parsePanosPhy: Parser = (raw) => {
  const text = unwrapXml(raw);
  if (text.trim() === "") throw new ParseError("output is empty: expected sys.sN.pM.phy entries");
  const { entries, leading } = splitSystemStateEntries(text);
  const ports: PhyPort[] = [];
  const seen = new Map<string, number>();
  for (const entry of entries) {
    const match = PHY_KEY.exec(entry.key);
    if (!match) {
      // Another kind of entry is ignored; a `.phy` key we cannot number is likely a port with a cut key.
      if (entry.key.endsWith(".phy")) ports.push(strayText(entry.line, `"${entry.key}" is not a port key of the form sys.sN.pM.phy`, entry.text));
      continue;
    }
    const slot = Number(match[1]);
    const index = Number(match[2]);
    let port: PhyPort;
    try {
      const value = parseSystemStateText(entry.text, { convertNumbers: false })[entry.key] as StateValue;
      port = toPortOrError(entry.key, slot, index, value, () => entry.text);
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      const at = err.line !== undefined ? ` (line ${entry.line + err.line - 1})` : "";
      port = errorPort(slot, index, `${entry.key}${at}: ${err.message.replace(/^line \d+: /, "")}`, entry.text);
    }
    const earlier = seen.get(port.port);
    if (earlier !== undefined) {
      // Two answers for one port: neither can be trusted to be the optic that is plugged in.
      const first = ports[earlier] as PhyPort;
      ports[earlier] = errorPort(slot, index, `${entry.key} is printed twice (lines ${lineOf(entries, first)} and ${entry.line}): the output is not one consistent reading`, entry.text);
      continue;
    }
    seen.set(port.port, ports.length);
    ports.push(port);
  }
  if (ports.length === 0) throw noPorts();
  if (leading) {
    // Text before the first entry may be a port whose first line was cut: it must not vanish silently.
    ports.push(strayText(leading.line, `text before the first port entry is not a system-state entry: "${leading.text.split("\n")[0]?.slice(0, 80)}"`, leading.text));
  }
  return sortPorts(ports);
};

/** Text that may hide a port but names none: an error record keyed by its line, sorted before the ports. */
function strayText(line: number, error: string, raw: string): PhyPort {
  return { port: `output line ${line}`, slot: 0, index: line, media: null, type: null, error, raw: cut(raw) };
}

function lineOf(entries: { key: string; line: number }[], port: PhyPort): number {
  return entries.find((e) => e.key === `sys.s${port.slot}.p${port.index}.phy`)?.line ?? 0;
}

function noPorts(): ParseError {
  return new ParseError('no "sys.sN.pM.phy" entry in the output: expected the port list of "show system state filter-pretty sys.s*.p*.phy"');
}

function sortPorts(ports: PhyPort[]): PhyPort[] {
  return ports.sort((a, b) => a.slot - b.slot || a.index - b.index);
}

// The XML API (and `set cli op-command-xml-output on`) wraps the same text in a CDATA section.
function unwrapXml(raw: string): string {
  const trimmed = raw.trimStart();
  if (!trimmed.startsWith("<")) return raw;
  const status = /<response\s+status\s*=\s*["']([^"']*)["']/.exec(trimmed)?.[1];
  if (status !== undefined && status !== "success") throw new ParseError(`the XML response has status "${status}", not "success"`);
  const sections = [...trimmed.matchAll(/<!\[CDATA\[([\s\S]*?)\]\]>/g)].map((m) => m[1] ?? "");
  if (sections.length === 0) throw new ParseError("XML output without a CDATA section: expected the system-state text inside <result><![CDATA[ ... ]]>");
  return sections.join("\n");
}

function toPortOrError(key: string, slot: number, index: number, value: StateValue, rawText: () => string): PhyPort {
  try {
    return toPort(key, slot, index, value);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    return errorPort(slot, index, err.message, rawText());
  }
}

function errorPort(slot: number, index: number, error: string, raw: string): PhyPort {
  return { port: `ethernet${slot}/${index}`, slot, index, media: null, type: null, error, raw: cut(raw) };
}

function cut(text: string): string {
  return text.length <= RAW_LIMIT ? text : `${text.slice(0, RAW_LIMIT)}…`;
}

function toPort(key: string, slot: number, index: number, value: StateValue): PhyPort {
  if (!isMap(value)) throw new ParseError(`${key}: expected a "{ ... }" map, found ${describe(value)}`);
  const port: PhyPort = {
    port: `ethernet${slot}/${index}`,
    slot,
    index,
    media: optionalText(key, "media", value.media),
    type: optionalText(key, "type", value.type),
  };
  if (value.sfp !== undefined) {
    if (!isMap(value.sfp)) throw new ParseError(`${key}: "sfp" should be a map, found ${describe(value.sfp)}`);
    port.sfp = (containsNumber(value.sfp) ? toText(value.sfp) : value.sfp) as Record<string, SfpValue>;
  }
  return port;
}

function optionalText(key: string, field: string, value: StateValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "object") throw new ParseError(`${key}: "${field}" should be a scalar, found ${describe(value)}`);
  return String(value).trim();
}

// State parsed with number conversion may hold numbers; matching compares text, so those become
// strings. The raw-text path parses without conversion, and its maps are used as they are (no copy).
function containsNumber(value: StateValue): boolean {
  if (typeof value === "number") return true;
  if (value === null || typeof value === "string") return false;
  return (Array.isArray(value) ? value : Object.values(value)).some(containsNumber);
}

function toText(value: StateValue): SfpValue {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map(toText);
  // fromEntries defines own properties, so even a "__proto__" key stays plain data.
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toText(v)]));
  return String(value).trim();
}

function isMap(value: StateValue | undefined): value is StateMap {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: StateValue | undefined): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (value === null) return "None";
  return typeof value === "object" ? "a map" : `"${String(value)}"`;
}
