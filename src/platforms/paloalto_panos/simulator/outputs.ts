// Builders for the PAN-OS CLI outputs the simulated firewalls print, and the device spec that bundles them.
//
// `show system info` follows the real capture in fixtures/real/paloalto_panos/show_system_info (ntc-templates):
// same keys, same order, same `key: value` lines.
//
// `show system state filter-pretty sys.s*.p*.phy` is MODELLED on the only public captures of ports with an optic
// (pan-os-upgrade-assurance PR #111, one-line form; fixtures/paloalto_panos/show_system_state): same keys, and a
// QSFP+ (`qsfp: true`) prints the capture's whole block (per-lane `ch1`..`ch4`, diagnostics with units, the
// comma-holding `transceiver` code). The pretty layout and the SFP+ fields beyond the capture's are written by us.
// The EEPROM strings are space-padded to their SFF-8472 field widths (16 bytes for vendor name, part number and
// serial, 4 for the revision). A genuine Palo Alto optic reports `OEM` and the PAN SKU, and may report no serial
// (leave `serial` out). A cage without an optic is printed with its media but no `sfp` block: our assumption. A
// port marked `unreadable` prints an entry cut after its first lines, as a garbled reading would.
import type { Fault, SimDeviceSpec } from "../../../simulator/types.js";

export const PANOS_SYSTEM_INFO_COMMAND = "show system info";
export const PANOS_PHY_COMMAND = "show system state filter-pretty sys.s*.p*.phy";
export const PANOS_HA_STATE_COMMAND = "show high-availability state";
/** What a standalone firewall prints for `show high-availability state` (written by us from documentation). */
export const PANOS_HA_NOT_ENABLED = "HA not enabled\n";

export interface SystemInfoSpec {
  hostname: string;
  model: string;
  serial: string;
  swVersion: string;
  ipAddress?: string;
  macAddress?: string;
  uptime?: string;
  time?: string;
  appVersion?: string;
  threatVersion?: string;
}

/** Hardware family as `show system info` reports it: the model with its last two digits zeroed (PA-3220 -> 3200). */
function family(model: string): string {
  const digits = /^PA-(\d{3,})/.exec(model)?.[1];
  return digits ? `${digits.slice(0, -2)}00` : "vm";
}

export function panosSystemInfo(info: SystemInfoSpec): string {
  const fam = family(info.model);
  const [major, minor] = info.swVersion.split(".");
  const pairs: [string, string][] = [
    ["hostname", info.hostname],
    ["ip-address", info.ipAddress ?? "10.0.0.90"],
    ["netmask", "255.255.255.0"],
    ["default-gateway", "10.0.0.2"],
    ["ipv6-address", "unknown"],
    ["ipv6-link-local-address", "fe80::20c:29ff:fe6d:c67e/64"],
    ["ipv6-default-gateway", ""],
    ["mac-address", info.macAddress ?? "00:0c:29:6d:c6:7e"],
    ["time", info.time ?? "Mon Jan 13 09:30:00 2025"],
    ["uptime", info.uptime ?? "41 days, 2:38:49"],
    ["family", fam],
    ["model", info.model],
    ["serial", info.serial],
    // The vm-* keys exist only on VM-Series; a hardware firewall does not print them.
    ...(fam === "vm" ? vmKeys() : []),
    ["sw-version", info.swVersion],
    ["global-protect-client-package-version", "0.0.0"],
    ["app-version", info.appVersion ?? "8750-8224"],
    ["app-release-date", "2023/09/12 18:41:23 PDT"],
    ["av-version", "4587-5105"],
    ["av-release-date", "2023/09/13 10:01:27 PDT"],
    ["threat-version", info.threatVersion ?? "8750-8224"],
    ["threat-release-date", "2023/09/12 18:41:23 PDT"],
    ["wf-private-version", "0"],
    ["wf-private-release-date", "unknown"],
    ["url-db", "paloaltonetworks"],
    ["wildfire-version", "0"],
    ["wildfire-release-date", "unknown"],
    ["url-filtering-version", "20230913.20145"],
    ["global-protect-datafile-version", "0"],
    ["global-protect-datafile-release-date", "unknown"],
    ["logdb-version", `${major}.${minor}.0`],
    ["platform-family", fam],
    ["vpn-disable-mode", "off"],
    ["multi-vsys", "off"],
    ["operational-mode", "normal"],
  ];
  return pairs.map(([key, value]) => `${key}: ${value}\n`).join("");
}

function vmKeys(): [string, string][] {
  return [
    ["vm-mac-base", "BA:DB:EE:FB:AD:00"],
    ["vm-mac-count", "255"],
    ["vm-uuid", "564D8B6D-7BDB-75AF-400F-B062016DC67E"],
    ["vm-cpuid", "FB060000FDFB8B07"],
    ["vm-license", "none"],
    ["vm-mode", "VMWare ESXi"],
  ];
}

export interface SfpSpec {
  vendorName: string;
  partNumber: string;
  partRev?: string;
  /** Absent: the EEPROM reports none (the real PAN-SFP-PLUS-SR capture has no serial line). */
  serial?: string;
  /** Print the QSFP+ block of the real capture: lanes, diagnostics, link lengths. */
  qsfp?: boolean;
  connector?: string;
  /** Compliance code such as 10GBASE-SR or 1000BASE-LX. */
  transceiver?: string;
  encoding?: string;
  identifier?: string;
}

export interface PortSpec {
  slot: number;
  port: number;
  /** CAT5 for copper; SFP-Plus-Fiber / SFP-Fiber for cages. Defaults from whether an optic is present. */
  media?: string;
  sfp?: SfpSpec;
  /** The entry is cut after its first lines: a port the parser cannot read. */
  unreadable?: boolean;
}

/** EEPROM strings are fixed-width fields padded with spaces. */
function eeprom(value: string, width: number): string {
  return value.padEnd(width, " ");
}

function sfpLines(sfp: SfpSpec): string[] {
  if (sfp.qsfp) return qsfpLines(sfp);
  const transceiver = sfp.transceiver ?? "10GBASE-SR";
  const fields: [string, string][] = [
    ["connector", sfp.connector ?? "LC"],
    ["encoding", sfp.encoding ?? (transceiver.startsWith("10G") ? "64B66B" : "8B10B")],
    ["identifier", sfp.identifier ?? "SFP"],
    ["transceiver", transceiver],
    ["vendor-name", eeprom(sfp.vendorName, 16)],
    ["vendor-part-number", eeprom(sfp.partNumber, 16)],
    ["vendor-part-rev", eeprom(sfp.partRev ?? "A", 4)],
    ...(sfp.serial !== undefined ? ([["vendor-serial-number", eeprom(sfp.serial, 16)]] as [string, string][]) : []),
  ];
  return ["  'sfp': {", ...fields.map(([key, value]) => `    '${key}': ${value},`), "  },"];
}

/** The QSFP+ `sfp` block as the real PR #111 capture prints it, with this optic's identity. */
function qsfpLines(sfp: SfpSpec): string[] {
  const lanes = [1, 2, 3, 4].flatMap((n) => [`    'ch${n}': {`, "      'rx-power': 0.00 mW,", "    },"]);
  const fields: [string, string][] = [
    ["connector", sfp.connector ?? "Reserved"],
    ["diagnostic-monitor", "Yes"],
    ["encoding", sfp.encoding ?? "64B66B"],
    ["ex-spec-compliance-code", "0x0"],
    ["identifier", sfp.identifier ?? "QSFPP"],
    ["link-len-km", "0 km"],
    ["link-len-om1", "0 m"],
    ["link-len-om2", "10 m"],
    ["link-len-om3", "10 m"],
    ["link-len-om4", "20 m"],
    ["rx-power-alarm-hi", "0.00 mW"],
    ["rx-power-alarm-lo", "0.00 mW"],
    ["rx-power-warn-hi", "0.00 mW"],
    ["rx-power-warn-lo", "0.00 mW"],
    ["transceiver", sfp.transceiver ?? "S dist,SN,M5"],
    ["vendor-name", eeprom(sfp.vendorName, 16)],
    ["vendor-part-number", eeprom(sfp.partNumber, 16)],
    ["vendor-part-rev", eeprom(sfp.partRev ?? "B", 2)],
    ...(sfp.serial !== undefined ? ([["vendor-serial-number", eeprom(sfp.serial, 16)]] as [string, string][]) : []),
  ];
  return ["  'sfp': {", ...lanes, ...fields.map(([key, value]) => `    '${key}': ${value},`), "  },"];
}

function phyBlock(port: PortSpec): string {
  const media = port.media ?? (port.sfp ? (port.sfp.qsfp ? "QSFP-Plus-Fiber" : "SFP-Plus-Fiber") : "CAT5");
  if (port.unreadable) return [`sys.s${port.slot}.p${port.port}.phy: {`, "  'link-partner': { },", `  'media': ${media},`, "  'sfp': {", "    'connector': LC,", ""].join("\n");
  const lines = [
    `sys.s${port.slot}.p${port.port}.phy: {`,
    "  'link-partner': { },",
    `  'media': ${media},`,
    ...(port.sfp ? sfpLines(port.sfp) : []),
    "  'type': Ethernet,",
    "}",
  ];
  return lines.map((line) => `${line}\n`).join("");
}

/** Output of `show system state filter-pretty sys.s*.p*.phy`: one pretty-printed block per port. */
export function panosPhyState(ports: PortSpec[]): string {
  return ports.map(phyBlock).join("");
}

export interface PanosDeviceOptions {
  name: string;
  hostname?: string;
  model: string;
  swVersion: string;
  ports: PortSpec[];
  username: string;
  password: string;
  serial?: string;
  faults?: Fault[];
  loginBanner?: string;
  authorizedKeys?: string[];
  tags?: string[];
}

/** A stable 12-digit serial derived from the device name, so a fleet prints the same facts on every run. */
function serialFor(name: string): string {
  let hash = 2166136261;
  for (const ch of name) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
  return `0${String(hash).padStart(11, "0")}`.slice(0, 12);
}

export function panosDevice(options: PanosDeviceOptions): SimDeviceSpec {
  const hostname = options.hostname ?? options.name;
  const spec: SimDeviceSpec = {
    name: options.name,
    hostname,
    platform: "paloalto_panos",
    username: options.username,
    password: options.password,
    outputs: {
      [PANOS_SYSTEM_INFO_COMMAND]: panosSystemInfo({
        hostname,
        model: options.model,
        serial: options.serial ?? serialFor(options.name),
        swVersion: options.swVersion,
      }),
      [PANOS_PHY_COMMAND]: panosPhyState(options.ports),
      [PANOS_HA_STATE_COMMAND]: PANOS_HA_NOT_ENABLED,
    },
  };
  if (options.faults) spec.faults = options.faults;
  if (options.loginBanner !== undefined) spec.loginBanner = options.loginBanner;
  if (options.authorizedKeys) spec.authorizedKeys = options.authorizedKeys;
  if (options.tags) spec.tags = options.tags;
  return spec;
}
