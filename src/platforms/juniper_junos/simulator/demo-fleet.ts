// The Junos demo fleet: MX480 routers and SRX1500 chassis clusters on 21.4R3-S5, most of them healthy, the rest
// each with one planted pre-upgrade problem (BGP peers down from NAPALM's capture, a NON-JNPR optic from the real
// MX104 capture, system alarms, the backup RE in Testing, /var short of space, a cluster node lost from the real
// capture), and one router that refuses connections. Deterministic: device N is the same in every fleet size.
import type { SimDeviceSpec } from "../../../simulator/types.js";
import type { DemoOutcome } from "../../types.js";
import { junosDevice, type JunosDeviceSpec } from "./router.js";

export const JUNOS_DEMO_TARGET = "23.4R2-S3";
const RUNNING = "21.4R3-S5.4";

type Planted = Partial<JunosDeviceSpec>;

/** Per ten devices: four healthy (two of them clusters), then one problem each. */
const CYCLE: Planted[] = [
  {},
  { kind: "srx" },
  { bgpPeerDown: true },
  {},
  { thirdPartyOptics: true },
  { systemAlarms: true },
  { backupReFailed: true },
  { kind: "srx" },
  { varAvailableBytes: 900 * 1024 ** 2 },
  { kind: "srx", clusterNodeLost: true },
];

const isProblem = (planted: Planted): boolean => Object.keys(planted).some((k) => k !== "kind");

/** The refused device: the fourth one (a healthy slot of the cycle), or the last of a smaller fleet. */
const refusedIndex = (count: number): number => Math.min(3, count - 1);

const nameOf = (index: number): string => `${CYCLE[index % CYCLE.length]?.kind === "srx" ? "srx" : "mx"}-${String(index + 1).padStart(3, "0")}`;

export function junosDemoFleetSpecs(count: number, credentials: { username: string; password: string }): SimDeviceSpec[] {
  return Array.from({ length: count }, (_, index) => {
    const planted = CYCLE[index % CYCLE.length] ?? {};
    return junosDevice({
      name: nameOf(index),
      ...credentials,
      version: RUNNING,
      ...planted,
      ...(index === refusedIndex(count) ? { faults: [{ kind: "refuse" as const }] } : {}),
      tags: [planted.kind === "srx" ? "firewall" : "router", index % 2 === 0 ? "dc1" : "dc2"],
    });
  });
}

/** What an audit of this demo device for the target must conclude. */
export function expectedJunosDemoOutcome(spec: SimDeviceSpec): DemoOutcome {
  if (spec.faults?.some((f) => f.kind === "refuse")) return "unreachable";
  const index = Number(/^(?:mx|srx)-(\d+)$/.exec(spec.name)?.[1]) - 1;
  return isProblem(CYCLE[index % CYCLE.length] ?? {}) ? "blocked" : "ready";
}
