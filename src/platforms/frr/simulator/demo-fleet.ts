// The FRR demo fleet: routers on FRR 8.4.4 to be upgraded to 9.1, most of them healthy (the real captures), the
// rest each with one planted pre-upgrade problem (a BGP peer down, an OSPF adjacency stuck in Exchange and a BFD
// peer down, all three real captures; an empty FIB, modelled), one BGP-only router without ospfd and bfdd (healthy),
// and one router that refuses connections. Deterministic: router N is the same in every fleet size.
import type { SimDeviceSpec } from "../../../simulator/types.js";
import type { DemoOutcome } from "../../types.js";
import { frrRouter, type FrrRouterSpec } from "./router.js";

export const FRR_DEMO_TARGET = "9.1";

type Planted = Partial<FrrRouterSpec>;

/** Per eight routers: four healthy (one of them BGP-only), then one problem each. */
const CYCLE: Planted[] = [{}, { bgpPeerDown: true }, {}, { ospfStuck: true }, { bgpOnly: true }, { bfdDown: true }, {}, { fibEmpty: true }];

const isProblem = (planted: Planted): boolean => Object.keys(planted).length > 0 && planted.bgpOnly !== true;

/** The refused router: the third one (a healthy slot of the cycle), or the last of a smaller fleet. */
const refusedIndex = (count: number): number => Math.min(2, count - 1);

export function frrDemoFleetSpecs(count: number, credentials: { username: string; password: string }): SimDeviceSpec[] {
  return Array.from({ length: count }, (_, index) => {
    const number = String(index + 1).padStart(3, "0");
    const planted = CYCLE[index % CYCLE.length] ?? {};
    const refused = index === refusedIndex(count);
    return frrRouter({
      name: `frr-${number}`,
      ...credentials,
      ...planted,
      ...(refused ? { faults: [{ kind: "refuse" as const }] } : {}),
      tags: ["router", index % 2 === 0 ? "dc1" : "dc2"],
    });
  });
}

/** What an audit of this demo router for the target must conclude. */
export function expectedFrrDemoOutcome(spec: SimDeviceSpec): DemoOutcome {
  if (spec.faults?.some((f) => f.kind === "refuse")) return "unreachable";
  const index = Number(/^frr-(\d+)$/.exec(spec.name)?.[1]) - 1;
  return isProblem(CYCLE[index % CYCLE.length] ?? {}) ? "blocked" : "ready";
}
