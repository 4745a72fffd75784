// The estate-wide optics inventory: every distinct optic (vendor, part) across the audited devices, where it is
// installed, and whether each device's upgrade path supports it. Derived from the `optics` inventories of the
// check results (src/report/optics.ts builds it), and written into report.json as `optics` for its readers.
// This file imports nothing but the result model.
import type { DeviceStatus } from "./result.js";

/** supported: passes on every hop; unsupported: fails on some hop; unknown: could not be read or identified. */
export type OpticVerdict = "supported" | "unsupported" | "unknown";
export const OPTIC_VERDICTS: readonly OpticVerdict[] = ["unsupported", "unknown", "supported"];

export interface OpticHopVerdict {
  hop?: string;
  verdict: OpticVerdict;
}

/** The optics of one part on one device. */
export interface OpticCarrier {
  device: string;
  model?: string;
  softwareVersion?: string;
  /** The device's upgrade path, the target last. */
  upgradePath: string[];
  ports: string[];
  /** Worst over the hops. */
  verdict: OpticVerdict;
  hops: OpticHopVerdict[];
  /** Why, for an unsupported or unknown verdict: the first finding's message. Device text: untrusted. */
  message?: string;
}

export interface OpticPart {
  /** As the EEPROM reports it, trimmed; null when it does not (an unidentified optic) or the port was unreadable. */
  vendor: string | null;
  part: string | null;
  /** The supported-list SKU the pair is listed under, and which list: vendor (Palo Alto's) or local. */
  sku: string | null;
  list: "vendor" | "local" | null;
  /** Form factor as the EEPROM reports it (`SFP`, `QSFPP`). */
  form: string | null;
  verdict: OpticVerdict;
  /** Optics (ports) carrying this part. */
  count: number;
  /** Of those, how many are unsupported on at least one hop of their device's path. */
  toReplace: number;
  /** Of those, how many could not be read or identified. */
  unknown: number;
  devices: OpticCarrier[];
}

export interface OpticsInventory {
  totals: {
    /** Optics (ports with a transceiver, or unreadable ports) listed. */
    optics: number;
    /** Distinct parts. */
    parts: number;
    toReplace: number;
    unknown: number;
    supported: number;
    /** Devices whose optics are listed. */
    devices: number;
    /** Devices that should have been listed but could not be (unreachable, error, check could not read). */
    notInventoried: number;
  };
  /** Unsupported parts first, then unknown, then supported; most optics to replace first. */
  parts: OpticPart[];
  notInventoried: { device: string; status: DeviceStatus; reason: string }[];
}
