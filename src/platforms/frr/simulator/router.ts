// A simulated FRR router's outputs, from the real FRR 8.4.4 captures in fixtures/frr/ (see fixtures/README.md), and
// the device spec bundling them.
//
// Real, as captured: `show bgp vrf all summary json` (one peer Established; the capture with a peer Idle and one
// Active), `show ip ospf neighbor json` (all Full; one stuck in Exchange by an MTU mismatch), `show bfd peers json`
// (all up; one down), `show ip route summary json` (connected and OSPF routes, all in the FIB), `show daemons` (and
// the same after zebra was stopped).
// Real with this router's name and release put in: `show version` (the capture's hostname `r1` and release 8.4.4
// replaced). WRITTEN BY US from the real captures: `show ip route summary json` with routes not in the FIB
// (routesTotalFib 0), and the BGP-only router's `show daemons` (` zebra bgpd`). Daemons that do not run answer as vtysh does, with the real
// "<daemon> is not running" line.
import { readFileSync } from "node:fs";
import type { Fault, SimDeviceSpec } from "../../../simulator/types.js";
import { packagePath } from "../../../util/package-root.js";

const fixture = (command: string, file: string): string => readFileSync(packagePath("fixtures", "frr", command, file), "utf8");

export const FRR_COMMANDS = {
  version: "show version",
  bgp: "show bgp vrf all summary json",
  ospf: "show ip ospf neighbor json",
  bfd: "show bfd peers json",
  rib: "show ip route summary json",
  daemons: "show daemons",
} as const;

export interface FrrRouterSpec {
  name: string;
  username: string;
  password: string;
  /** FRR release `show version` prints (default 8.4.4, the captured one). */
  version?: string;
  /** A BGP peer Idle and one Active (the real capture). */
  bgpPeerDown?: boolean;
  /** An OSPF adjacency stuck in Exchange (the real capture of an MTU mismatch). */
  ospfStuck?: boolean;
  /** A BFD peer down (the real capture). */
  bfdDown?: boolean;
  /** zebra holds routes but installs none in the kernel (modelled). */
  fibEmpty?: boolean;
  /** zebra is not running (the real `show daemons` after zebra was stopped). */
  zebraDown?: boolean;
  /** The router runs neither ospfd nor bfdd: vtysh says so (the real lines). */
  bgpOnly?: boolean;
  faults?: Fault[];
  tags?: string[];
}

/** vtysh's greeting on an interactive login (FRR 8.4.4, seen on a pty), then the `host# ` prompt. */
export const frrGreeting = (version: string): string => `\nHello, this is FRRouting (version ${version}).\nCopyright 1996-2005 Kunihiro Ishiguro, et al.\n\n`;

export function frrShowVersion(hostname: string, version: string): string {
  return fixture("show_version", "real-frr-8.4.4__r1-netns.txt").replace(/^FRRouting 8\.4\.4 \(r1\)/, `FRRouting ${version} (${hostname})`);
}

const notRunning = (daemon: string): string => `${daemon} is not running\n`;

export function frrRouter(s: FrrRouterSpec): SimDeviceSpec {
  const version = s.version ?? "8.4.4";
  const rib = fixture("show_ip_route_summary_json", "real-frr-8.4.4__ospf-and-connected.json");
  const daemons = s.bgpOnly ? " zebra bgpd\n" : fixture("show_daemons", "real-frr-8.4.4__zebra-ospfd-bgpd-bfdd.txt");
  return {
    name: s.name,
    hostname: s.name,
    platform: "frr",
    username: s.username,
    password: s.password,
    outputs: {
      [FRR_COMMANDS.version]: frrShowVersion(s.name, version),
      [FRR_COMMANDS.bgp]: fixture("show_bgp_vrf_all_summary_json", s.bgpPeerDown ? "real-frr-8.4.4__two-peers-not-established.json" : "real-frr-8.4.4__all-established.json"),
      [FRR_COMMANDS.ospf]: s.bgpOnly ? notRunning("ospfd") : fixture("show_ip_ospf_neighbor_json", s.ospfStuck ? "real-frr-8.4.4__one-full-one-exchange.json" : "real-frr-8.4.4__all-full.json"),
      [FRR_COMMANDS.bfd]: s.bgpOnly ? notRunning("bfdd") : fixture("show_bfd_peers_json", s.bfdDown ? "real-frr-8.4.4__one-up-one-down.json" : "real-frr-8.4.4__all-up.json"),
      [FRR_COMMANDS.rib]: s.fibEmpty ? fixture("show_ip_route_summary_json", "written-by-preflight__nothing-in-fib.json") : rib,
      [FRR_COMMANDS.daemons]: s.zebraDown ? fixture("show_daemons", "real-frr-8.4.4__zebra-stopped.txt") : daemons,
    },
    ...(s.faults ? { faults: s.faults } : {}),
    ...(s.tags ? { tags: s.tags } : {}),
  };
}
