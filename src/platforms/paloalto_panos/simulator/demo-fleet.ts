// The demo fleet: the MSSP incident in miniature. Palo Alto firewalls on 9.1/10.1, about half with only OEM optics,
// about a fifth with at least one non-OEM optic (the ones that boot-loop on 10.2), the rest copper only, one that
// does not answer and one that rejects our credentials. Deterministic: device N is the same in every fleet size,
// so tests, the demo and the benchmark can state what each device should be classified as.
import { PANOS_PHY_COMMAND, panosDevice, type PortSpec, type SfpSpec } from "./outputs.js";
import type { Fault, SimDeviceSpec } from "../../../simulator/types.js";
import type { DemoOutcome } from "../../types.js";


interface Optic {
  vendorName: string;
  partNumber: string;
  transceiver: string;
}

/** OEM optics carried by Palo Alto SKUs (PAN-SFP-PLUS-SR, PAN-SFP-PLUS-LR, PAN-SFP-SX, PAN-SFP-LX). */
export const OEM_OPTICS_10G: Optic[] = [
  { vendorName: "FINISAR CORP.", partNumber: "FTLX8571D3BCL", transceiver: "10GBASE-SR" },
  { vendorName: "FINISAR CORP.", partNumber: "FTLX1471D3BCL", transceiver: "10GBASE-LR" },
];
export const OEM_OPTICS_1G: Optic[] = [
  { vendorName: "FINISAR CORP.", partNumber: "FTLF8519P3BNL", transceiver: "1000BASE-SX" },
  { vendorName: "FINISAR CORP.", partNumber: "FTLF1318P3BTL", transceiver: "1000BASE-LX" },
];
/** Third-party optics that the target release does not support. */
export const NON_OEM_OPTICS: Optic[] = [
  { vendorName: "FS", partNumber: "SFP-10GSR-85", transceiver: "10GBASE-SR" },
  { vendorName: "OEM", partNumber: "SFP-10G-SR", transceiver: "10GBASE-SR" },
  { vendorName: "FLEXOPTIX", partNumber: "S.1312.10.D", transceiver: "10GBASE-LR" },
];

/** Front-panel layout: copper ports, 1G SFP cages and 10G SFP+ cages (slot 1). */
interface Layout {
  copper: number[];
  sfp: number[];
  sfpPlus: number[];
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const LAYOUTS: Record<string, Layout> = {
  "PA-3220": { copper: range(1, 12), sfp: range(13, 16), sfpPlus: range(17, 20) },
  "PA-5220": { copper: range(1, 4), sfp: [], sfpPlus: range(5, 20) },
  "PA-850": { copper: range(1, 4), sfp: range(5, 12), sfpPlus: range(13, 16) },
  "PA-460": { copper: range(1, 8), sfp: [], sfpPlus: [] },
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
  return { ...o, serial: serial(random), partRev: pick(random, ["A", "B", "C"]) };
}

/** Fills the first cages with optics; the rest of the cages stay empty. */
function ports(random: () => number, layout: Layout, kind: Kind): PortSpec[] {
  const optics = new Map<number, SfpSpec>();
  if (kind !== "copper") {
    const tenGig = layout.sfpPlus.slice(0, 2 + Math.floor(random() * 3));
    for (const port of tenGig) optics.set(port, optic(random, pick(random, OEM_OPTICS_10G)));
    for (const port of layout.sfp.slice(0, Math.floor(random() * 3))) optics.set(port, optic(random, pick(random, OEM_OPTICS_1G)));
  }
  if (kind === "non-oem") {
    const count = 1 + Math.floor(random() * 2);
    for (const port of layout.sfpPlus.slice(-count)) optics.set(port, optic(random, pick(random, NON_OEM_OPTICS)));
  }
  const media = (port: number): string => (layout.sfpPlus.includes(port) ? "SFP-Plus-Fiber" : "SFP-Fiber");
  return [
    ...layout.copper.map((port) => ({ slot: 1, port, media: "CAT5" })),
    ...[...layout.sfp, ...layout.sfpPlus].map((port) => {
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
  const model = pick(random, kind === "copper" ? ALL_MODELS : OPTIC_MODELS);
  const swVersion = pick(random, VERSIONS);
  const number = String(index + 1).padStart(3, "0");
  const site = index < Math.ceil(count / 2) ? "dc1" : "dc2";
  const fault = faultFor(index, count);
  return panosDevice({
    name: `fw-${number}`,
    hostname: `${site}-fw-${number}`,
    model,
    swVersion,
    ports: ports(random, LAYOUTS[model] as Layout, kind),
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
  for (const block of text.matchAll(/^sys\.s(\d+)\.p(\d+)\.phy: \{\n([\s\S]*?)^\}/gm)) {
    const vendorName = /'vendor-name': (.*),$/m.exec(block[3] ?? "")?.[1]?.trim();
    const partNumber = /'vendor-part-number': (.*),$/m.exec(block[3] ?? "")?.[1]?.trim();
    if (NON_OEM_OPTICS.some((o) => o.vendorName === vendorName && o.partNumber === partNumber)) {
      found.push({ port: `ethernet${block[1]}/${block[2]}`, vendorName: vendorName ?? "", partNumber: partNumber ?? "" });
    }
  }
  return found;
}

/** What an audit of this demo device for PAN-OS 10.2 must conclude. */
export function expectedDemoOutcome(spec: SimDeviceSpec): DemoOutcome {
  if (spec.faults?.some((f) => f.kind === "refuse" || f.kind === "auth-reject")) return "unreachable";
  return demoNonOemOptics(spec).length > 0 ? "blocked" : "ready";
}
