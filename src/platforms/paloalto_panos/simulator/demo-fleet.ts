// The demo fleet: the MSSP incident in miniature. Palo Alto firewalls on 9.1/10.1, about half with only genuine
// Palo Alto optics, about a fifth with at least one third-party or unidentifiable optic (the ones that boot-loop on
// 10.2), the rest copper only, two with a port the firewall prints unreadably, one that does not answer and one
// that rejects our credentials. Deterministic: device N is the same in every fleet size, so tests, the demo and
// the benchmark can state what each device should be classified as.
//
// Optics are printed as real firewalls print them (pan-os-upgrade-assurance PR #111 captures): a genuine optic
// reports vendor `OEM` and the PAN SKU as its part number, with no serial; a QSFP+ prints its full block.
import { PANOS_PHY_COMMAND, panosDevice, type PortSpec, type SfpSpec } from "./outputs.js";
import type { Fault, SimDeviceSpec } from "../../../simulator/types.js";
import type { DemoOutcome } from "../../types.js";


interface Optic {
  vendorName: string;
  partNumber: string;
  transceiver: string;
  /** Genuine PAN optics of the capture report no serial. */
  noSerial?: boolean;
  qsfp?: boolean;
}

/** Genuine Palo Alto optics as the firewall reports them: OEM + the PAN SKU (SKUs of data/transceivers.yaml). */
export const OEM_OPTICS_10G: Optic[] = [
  { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", transceiver: "10000B-SR", noSerial: true },
  { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-LR", transceiver: "10000B-LR", noSerial: true },
];
export const OEM_OPTICS_1G: Optic[] = [
  { vendorName: "OEM", partNumber: "PAN-SFP-SX", transceiver: "1000BASE-SX", noSerial: true },
  { vendorName: "OEM", partNumber: "PAN-SFP-LX", transceiver: "1000BASE-LX", noSerial: true },
];
export const OEM_OPTICS_40G: Optic[] = [{ vendorName: "OEM", partNumber: "PAN-QSFP-40GBASE-SR4", transceiver: "S dist,SN,M5", noSerial: true, qsfp: true }];
/**
 * Optics no release on the path supports: vendor-made parts (the manufacturer's own pair, one of them the real
 * QSFP+ of the PR #111 capture), a generic optic that also says OEM, and one whose EEPROM gives no identity.
 */
export const NON_OEM_OPTICS: Optic[] = [
  { vendorName: "FS", partNumber: "SFP-10GSR-85", transceiver: "10GBASE-SR" },
  { vendorName: "OEM", partNumber: "SFP-10G-SR", transceiver: "10GBASE-SR" },
  { vendorName: "FLEXOPTIX", partNumber: "S.1312.10.D", transceiver: "10GBASE-LR" },
  { vendorName: "", partNumber: "", transceiver: "10GBASE-SR" },
];
export const NON_OEM_OPTICS_40G: Optic[] = [{ vendorName: "FINISAR CORP", partNumber: "FCBN410QB1C10", transceiver: "S dist,SN,M5", qsfp: true }];

/** Front-panel layout: copper ports, 1G SFP cages, 10G SFP+ cages and 40G QSFP+ cages (slot 1). */
interface Layout {
  copper: number[];
  sfp: number[];
  sfpPlus: number[];
  qsfp: number[];
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const LAYOUTS: Record<string, Layout> = {
  "PA-3220": { copper: range(1, 12), sfp: range(13, 16), sfpPlus: range(17, 20), qsfp: [] },
  "PA-5220": { copper: range(1, 4), sfp: [], sfpPlus: range(5, 20), qsfp: range(21, 24) },
  "PA-850": { copper: range(1, 4), sfp: range(5, 12), sfpPlus: range(13, 16), qsfp: [] },
  "PA-460": { copper: range(1, 8), sfp: [], sfpPlus: [], qsfp: [] },
};
const OPTIC_MODELS = ["PA-3220", "PA-5220", "PA-850"];
const ALL_MODELS = Object.keys(LAYOUTS);
const VERSIONS = ["9.1.14-h4", "9.1.16-h3", "9.1.17", "10.1.6-h6", "10.1.9-h1", "10.1.11-h4"];

type Kind = "oem" | "non-oem" | "copper";

/** Per ten devices: five with OEM optics only, two with a non-OEM optic, three copper only. */
function kindOf(index: number): Kind {
  const slot = index % 10;
  if (slot < 5) return "oem";
  return slot < 7 ? "non-oem" : "copper";
}

/** Devices 5, 30, 55, ...: genuine optics, and one cage whose entry the firewall prints cut (an error, not ready). */
function hasUnreadablePort(index: number): boolean {
  return index % 25 === 4;
}

/** mulberry32: a tiny seeded generator, so the fleet never depends on Math.random. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function serial(random: () => number): string {
  const letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
  const alnum = `${letters}0123456789`;
  return [0, 1, 2].map(() => pick(random, [...letters])).join("") + [0, 1, 2, 3].map(() => pick(random, [...alnum])).join("");
}

function optic(random: () => number, o: Optic): SfpSpec {
  const identity = { vendorName: o.vendorName, partNumber: o.partNumber, transceiver: o.transceiver, ...(o.qsfp ? { qsfp: true } : {}) };
  if (o.noSerial) return { ...identity, partRev: pick(random, ["B4", "A2"]) };
  return { ...identity, serial: serial(random), partRev: pick(random, ["A", "B", "C"]) };
}

/** Fills the first cages with optics; the rest of the cages stay empty. */
function ports(random: () => number, layout: Layout, kind: Kind, unreadable: boolean): PortSpec[] {
  const optics = new Map<number, SfpSpec>();
  if (kind !== "copper") {
    const tenGig = layout.sfpPlus.slice(0, 2 + Math.floor(random() * 3));
    for (const port of tenGig) optics.set(port, optic(random, pick(random, OEM_OPTICS_10G)));
    for (const port of layout.sfp.slice(0, Math.floor(random() * 3))) optics.set(port, optic(random, pick(random, OEM_OPTICS_1G)));
    for (const port of layout.qsfp.slice(0, 1 + Math.floor(random() * 2))) optics.set(port, optic(random, pick(random, OEM_OPTICS_40G)));
  }
  if (kind === "non-oem") {
    const count = 1 + Math.floor(random() * 2);
    for (const port of layout.sfpPlus.slice(-count)) optics.set(port, optic(random, pick(random, NON_OEM_OPTICS)));
    if (layout.qsfp.length) optics.set(layout.qsfp.at(-1) as number, optic(random, pick(random, NON_OEM_OPTICS_40G)));
  }
  const media = (port: number): string => (layout.qsfp.includes(port) ? "QSFP-Plus-Fiber" : layout.sfpPlus.includes(port) ? "SFP-Plus-Fiber" : "SFP-Fiber");
  const cages = [...layout.sfp, ...layout.sfpPlus, ...layout.qsfp];
  // The last cage of an unreadable device prints a cut entry.
  const broken = unreadable ? cages.at(-1) : undefined;
  return [
    ...layout.copper.map((port) => ({ slot: 1, port, media: "CAT5" })),
    ...cages.map((port) => {
      if (port === broken) return { slot: 1, port, media: media(port), unreadable: true };
      const sfp = optics.get(port);
      return sfp ? { slot: 1, port, media: media(port), sfp } : { slot: 1, port, media: media(port) };
    }),
  ];
}

/** Where the two broken devices sit: fixed, on copper-only devices at the default size, and never the same one. */
function faultFor(index: number, count: number): Fault | undefined {
  const refuse = Math.min(7, count - 1);
  const authReject = count - 2 === refuse ? count - 1 : count - 2;
  if (index === refuse) return { kind: "refuse" };
  if (index === authReject) return { kind: "auth-reject" };
  return undefined;
}

function demoDevice(index: number, count: number, credentials: { username: string; password: string }): SimDeviceSpec {
  const random = rng(0x5eed + index);
  const kind = kindOf(index);
  const picked = pick(random, kind === "copper" ? ALL_MODELS : OPTIC_MODELS);
  // Devices 6, 26, 46, ...: a PA-5220, so every fleet has a third-party QSFP+ (the real capture's FINISAR part).
  const model = kind === "non-oem" && index % 20 === 5 ? "PA-5220" : picked;
  const swVersion = pick(random, VERSIONS);
  const number = String(index + 1).padStart(3, "0");
  const site = index < Math.ceil(count / 2) ? "dc1" : "dc2";
  const fault = faultFor(index, count);
  return panosDevice({
    name: `fw-${number}`,
    hostname: `${site}-fw-${number}`,
    model,
    swVersion,
    ports: ports(random, LAYOUTS[model] as Layout, kind, hasUnreadablePort(index)),
    ...credentials,
    ...(fault ? { faults: [fault] } : {}),
    tags: [model.toLowerCase(), `panos-${swVersion.split(".").slice(0, 2).join(".")}`, site],
  });
}

export function demoFleetSpecs(
  count = 50,
  credentials: { username: string; password: string } = { username: "audit", password: "demo-password" },
): SimDeviceSpec[] {
  return Array.from({ length: count }, (_, index) => demoDevice(index, count, credentials));
}

export interface InstalledOptic {
  /** `ethernet<slot>/<port>` */
  port: string;
  vendorName: string;
  partNumber: string;
}

/** The non-OEM optics a demo device reports, read back from its phy output (padding trimmed). */
export function demoNonOemOptics(spec: SimDeviceSpec): InstalledOptic[] {
  const text = spec.outputs[PANOS_PHY_COMMAND] ?? "";
  const found: InstalledOptic[] = [];
  const nonOem = [...NON_OEM_OPTICS, ...NON_OEM_OPTICS_40G];
  for (const block of text.matchAll(/^sys\.s(\d+)\.p(\d+)\.phy: \{\n([\s\S]*?)^\}/gm)) {
    const vendorName = /'vendor-name': (.*),$/m.exec(block[3] ?? "")?.[1]?.trim();
    const partNumber = /'vendor-part-number': (.*),$/m.exec(block[3] ?? "")?.[1]?.trim();
    if (vendorName === undefined || partNumber === undefined) continue;
    if (nonOem.some((o) => o.vendorName === vendorName && o.partNumber === partNumber)) {
      found.push({ port: `ethernet${block[1]}/${block[2]}`, vendorName, partNumber });
    }
  }
  return found;
}

/** True when the device prints a port entry that is cut (it never reaches its closing brace at column 0). */
export function demoHasUnreadablePort(spec: SimDeviceSpec): boolean {
  let open = false;
  for (const line of (spec.outputs[PANOS_PHY_COMMAND] ?? "").split("\n")) {
    if (/^sys\.s\d+\.p\d+\.phy: \{$/.test(line)) {
      if (open) return true;
      open = true;
    } else if (line === "}") open = false;
  }
  return open;
}

/** What an audit of this demo device for PAN-OS 10.2 must conclude. */
export function expectedDemoOutcome(spec: SimDeviceSpec): DemoOutcome {
  if (spec.faults?.some((f) => f.kind === "refuse" || f.kind === "auth-reject")) return "unreachable";
  // An unsupported optic blocks whatever else is unknown; an unreadable port alone leaves readiness unknown.
  if (demoNonOemOptics(spec).length > 0) return "blocked";
  return demoHasUnreadablePort(spec) ? "error" : "ready";
}
