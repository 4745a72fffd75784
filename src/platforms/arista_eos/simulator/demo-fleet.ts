// The Arista EOS demo fleet: leaf switches on EOS 4.28 with the target image staged on flash:, most of them
// healthy, the rest each with one planted pre-upgrade problem (unsaved configuration, third-party optics from the
// real 7280DR3A capture, a BGP peer in Active from the real capture, the MLAG peer link down, the target image not
// yet copied), and one switch that refuses connections. Deterministic: switch N is the same in every fleet size.
import type { SimDeviceSpec } from "../../../simulator/types.js";
import type { DemoOutcome } from "../../types.js";
import { eosImage, eosSwitch, type EosSwitchSpec } from "./switch.js";

export const EOS_DEMO_TARGET = "4.30.2F";
const RUNNING = "4.28.3M";

type Planted = Partial<EosSwitchSpec>;

/** Per ten switches: five healthy, one MLAG-less healthy, then one problem each. */
const CYCLE: Planted[] = [
  {},
  {},
  { unsaved: true },
  {},
  { thirdPartyOptics: true },
  { mlag: "disabled" },
  { bgpPeerDown: true },
  {},
  { mlag: "peer-link-down" },
  { images: [eosImage(RUNNING)] },
];

const isProblem = (planted: Planted): boolean => Object.keys(planted).length > 0 && planted.mlag !== "disabled";

/** The refused switch: the fourth one (a healthy slot of the cycle), or the last of a smaller fleet. */
const refusedIndex = (count: number): number => Math.min(3, count - 1);

export function eosDemoFleetSpecs(count: number, credentials: { username: string; password: string }): SimDeviceSpec[] {
  return Array.from({ length: count }, (_, index) => {
    const number = String(index + 1).padStart(3, "0");
    const planted = CYCLE[index % CYCLE.length] ?? {};
    const refused = index === refusedIndex(count);
    return eosSwitch({
      name: `leaf-${number}`,
      ...credentials,
      version: RUNNING,
      images: [eosImage(RUNNING), eosImage(EOS_DEMO_TARGET)],
      ...planted,
      ...(refused ? { faults: [{ kind: "refuse" as const }] } : {}),
      tags: ["leaf", index % 2 === 0 ? "dc1" : "dc2"],
    });
  });
}

/** What an audit of this demo switch for the target must conclude. */
export function expectedEosDemoOutcome(spec: SimDeviceSpec): DemoOutcome {
  if (spec.faults?.some((f) => f.kind === "refuse")) return "unreachable";
  const index = Number(/^leaf-(\d+)$/.exec(spec.name)?.[1]) - 1;
  return isProblem(CYCLE[index % CYCLE.length] ?? {}) ? "blocked" : "ready";
}
