// The `panos-phy` parser: `show system state filter-pretty sys.s*.p*.phy` -> one record per physical port,
// with the optic's EEPROM fields when one is plugged in. This is what the transceiver checks iterate over.
//
// Each `sys.sN.pM.phy` entry is port M of slot N, i.e. `ethernetN/M`. A copper port carries only
// `media`/`type`; a port with an optic also has an `sfp` map (`vendor-name`, `vendor-part-number`, ...).
// EEPROM strings are space-padded on the device; they are trimmed here and kept as text, never as numbers.
import { parseSystemStateText, type StateMap, type StateValue, type SystemState } from "./system-state.js";
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
}

const PHY_KEY = /^sys\.s(\d+)\.p(\d+)\.phy$/;

export function phyPortsFromState(state: SystemState): PhyPort[] {
  const ports: PhyPort[] = [];
  for (const [key, value] of Object.entries(state)) {
    const match = PHY_KEY.exec(key);
    if (!match) continue;
    ports.push(toPort(key, Number(match[1]), Number(match[2]), value));
  }
  if (ports.length === 0) {
    throw new ParseError('no "sys.sN.pM.phy" entry in the output: expected the port list of "show system state filter-pretty sys.s*.p*.phy"');
  }
  return ports.sort((a, b) => a.slot - b.slot || a.index - b.index);
}

export const parsePanosPhy: Parser = (raw) => {
  if (raw.trim() === "") throw new ParseError("output is empty: expected sys.sN.pM.phy entries");
  return phyPortsFromState(parseSystemStateText(raw, { convertNumbers: false }));
};

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

function describe(value: StateValue): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "None";
  return typeof value === "object" ? "a map" : `"${String(value)}"`;
}
