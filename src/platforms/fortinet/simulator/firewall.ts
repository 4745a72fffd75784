// A simulated FortiGate's outputs, from real captures where public ones exist, and the device spec bundling them.
//
// Real (fixtures/fortinet/, see fixtures/README.md): `get system status` (ntc-templates' FortiGate-40F 7.0.15 HA
// primary, with this device's hostname) and `get system ha status` (ntc-templates: a 6.4 A-P pair in sync, and a
// 7.0 FortiGate-40F pair with a heartbeat interface down). WRITTEN BY US from Fortinet's documented layouts:
// `get system performance status`, `diagnose hardware sysinfo conserve`, `get router info bgp summary`,
// `get system interface transceiver` (fixtures/fortinet/*/written-by-preflight__*).
import { readFileSync } from "node:fs";
import type { Fault, SimDeviceSpec } from "../../../simulator/types.js";
import { packagePath } from "../../../util/package-root.js";

const fixture = (command: string, file: string): string => readFileSync(packagePath("fixtures", "fortinet", command, file), "utf8");
const ntc = (command: string, variant: string): string => fixture(command, `ntc-templates__tests__fortinet__${command}__fortinet_${command}_${variant}.raw`);
const ours = (command: string, name: string): string => fixture(command, `written-by-preflight__${name}.txt`);

export const FORTIOS_COMMANDS = {
  status: "get system status",
  performance: "get system performance status",
  ha: "get system ha status",
  conserve: "diagnose hardware sysinfo conserve",
  bgp: "get router info bgp summary",
  transceivers: "get system interface transceiver",
} as const;

export interface FortigateSpec {
  name: string;
  username: string;
  password: string;
  /** FortiOS version printed by get system status (default 7.0.15, the real capture's). */
  version?: string;
  /** The HA pair has a heartbeat interface down (the real 7.0 capture). */
  haDegraded?: boolean;
  /** The unit is in memory conserve mode. */
  conserveMode?: boolean;
  /** Memory use at 91% (above the default 80% headroom). */
  highMemory?: boolean;
  /** One BGP neighbour is in Active. */
  bgpPeerDown?: boolean;
  /** A third-party optic in port26. */
  thirdPartyOptics?: boolean;
  /** The log disk needs formatting. */
  logDiskNeedsFormat?: boolean;
  faults?: Fault[];
  tags?: string[];
}

export function fortigateStatus(hostname: string, version: string, logDisk: string): string {
  return ntc("get_system_status", "7.0_40f")
    .replace(/^Hostname: .*$/m, `Hostname: ${hostname}`)
    .replace(/^Version: FortiGate-40F v[\d.]+/m, `Version: FortiGate-40F v${version}`)
    .replace(/^Log hard disk: .*$/m, `Log hard disk: ${logDisk}`);
}

export function fortigate(s: FortigateSpec): SimDeviceSpec {
  return {
    name: s.name,
    hostname: s.name,
    platform: "fortinet",
    username: s.username,
    password: s.password,
    outputs: {
      [FORTIOS_COMMANDS.status]: fortigateStatus(s.name, s.version ?? "7.0.15", s.logDiskNeedsFormat ? "Need format" : "Available"),
      [FORTIOS_COMMANDS.performance]: ours("get_system_performance_status", s.highMemory ? "memory-91" : "healthy"),
      [FORTIOS_COMMANDS.ha]: s.haDegraded ? ntc("get_system_ha_status", "7.0_hbdev") : ntc("get_system_ha_status", "6.4"),
      [FORTIOS_COMMANDS.conserve]: ours("diagnose_hardware_sysinfo_conserve", s.conserveMode ? "on" : "off"),
      [FORTIOS_COMMANDS.bgp]: ours("get_router_info_bgp_summary", s.bgpPeerDown ? "one-active" : "established"),
      [FORTIOS_COMMANDS.transceivers]: ours("get_system_interface_transceiver", s.thirdPartyOptics ? "third-party" : "fortinet"),
    },
    ...(s.faults ? { faults: s.faults } : {}),
    ...(s.tags ? { tags: s.tags } : {}),
  };
}
