// A simulated NX-OS switch's outputs, from real captures where public ones exist, and the device spec bundling them.
//
// Real (fixtures/cisco_nxos/, see fixtures/README.md): `show bgp all summary vrf all | json` (NAPALM's mocked NX-API
// data: fourteen Established peers over seven VRFs, and the issue_870 capture with a peer in Admin (Shut)).
// WRITTEN BY US, with the keys and layouts of the real captures and of NX-OS's documented JSON: `show version | json`
// (the keys of NAPALM's N9000 capture plus nxos_ver_str, as 9.x and later print it), `show hostname | json`,
// `show system redundancy status | json`, `dir bootflash:` (ntc-templates' capture layout), `show boot`,
// `show running-config diff` (empty when saved), `show vpc | json`, `show module | json`,
// `show system resources | json` and `show interface transceiver | json`.
import { readFileSync } from "node:fs";
import type { Fault, SimDeviceSpec } from "../../../simulator/types.js";
import { packagePath } from "../../../util/package-root.js";

const fixture = (command: string, file: string): string => readFileSync(packagePath("fixtures", "cisco_nxos", command, file), "utf8");
const json = (v: unknown): string => `${JSON.stringify(v, null, 2)}\n`;

export const NXOS_COMMANDS = {
  version: "show version | json",
  hostname: "show hostname | json",
  redundancy: "show system redundancy status | json",
  dir: "dir bootflash:",
  boot: "show boot",
  configDiff: "show running-config diff",
  vpc: "show vpc | json",
  module: "show module | json",
  bgp: "show bgp all summary vrf all | json",
  resources: "show system resources | json",
  transceivers: "show interface transceiver | json",
} as const;

export interface NxosSwitchSpec {
  name: string;
  username: string;
  password: string;
  model?: string;
  serial?: string;
  version?: string;
  /** Images on bootflash:, by file name; the running one is added when absent. */
  images?: string[];
  /** The NXOS boot variable ("" = not set); default: the running image. */
  bootImage?: string;
  bootflashFreeBytes?: number;
  unsaved?: boolean;
  vpc?: "healthy" | "not-configured" | "keepalive-down" | "inconsistent";
  /** A line card powered down. */
  moduleDown?: boolean;
  /** One BGP peer is not Established (the real issue_870 capture: a peer in Admin (Shut)). */
  bgpPeerDown?: boolean;
  /** CPU 3 % idle. */
  cpuBusy?: boolean;
  /** A third-party optic in Ethernet1/49. */
  thirdPartyOptics?: boolean;
  faults?: Fault[];
  tags?: string[];
}

/** nxos64-cs.10.3.4a.M.bin style: "10.3(4a)" -> "nxos64-cs.10.3.4a.M.bin". */
export const nxosImage = (version: string): string => `nxos64-cs.${version.replace(/\((\w+)\)/, ".$1")}.M.bin`;

export function nxosShowVersion(s: { model: string; serial: string; version: string; hostname: string }): string {
  return json({
    header_str: "Cisco Nexus Operating System (NX-OS) Software\nTAC support: http://www.cisco.com/tac\n",
    bios_ver_str: "07.69",
    nxos_ver_str: `${s.version} [Maintenance Release]`,
    nxos_file_name: `bootflash:///${nxosImage(s.version)}`,
    chassis_id: `Nexus9000 ${s.model} Chassis`,
    module_id: "24x40/100G QSFP28 Ethernet Module",
    cpu_name: "Intel(R) Xeon(R) CPU D-1528 @ 1.90GHz",
    memory: 32746520,
    mem_type: "kB",
    proc_board_id: s.serial,
    host_name: s.hostname,
    bootflash_size: 115805708,
    kern_uptm_days: 67,
    kern_uptm_hrs: 19,
    kern_uptm_mins: 52,
    kern_uptm_secs: 41,
    manufacturer: "Cisco Systems, Inc.",
  });
}

/** `dir bootflash:` in ntc-templates' capture layout: size, date, name; then the usage block. */
export function nxosDirBootflash(files: { name: string; size: number; dir?: boolean }[], totalBytes: number, freeBytes: number): string {
  const rows = files.map((f) => `${String(f.size).padStart(11)}    Jan 13 09:12:44 2025  ${f.name}${f.dir ? "/" : ""}`);
  return [...rows, "", "Usage for bootflash://", ` ${totalBytes - freeBytes} bytes used`, ` ${freeBytes} bytes free`, ` ${totalBytes} bytes total`, ""].join("\n");
}

export function nxosShowBoot(image: string): string {
  const variable = image === "" ? "NXOS variable =" : `NXOS variable = bootflash:/${image}`;
  return ["", "Current Boot Variables:", "", "sup-1", variable, "Boot POAP Disabled", "", "Boot Variables on next reload:", "", "sup-1", variable, "Boot POAP Disabled", ""].join("\n");
}

export const NXOS_UNSAVED_DIFF = ["*** Startup-config", "--- Running-config", "***************", "*** 41,46 ****", "--- 41,47 ----", "  interface Ethernet1/1", "+   description uplink to spine1", "    no switchport", ""].join("\n");

export function nxosShowVpc(state: NonNullable<NxosSwitchSpec["vpc"]>): string {
  if (state === "not-configured") return json({ "vpc-domain-id": "not configured" });
  return json({
    "vpc-domain-id": "10",
    "vpc-peer-status": "peer-ok",
    "vpc-peer-status-reason": "SUCCESS",
    "vpc-peer-keepalive-status": state === "keepalive-down" ? "peer-not-alive" : "peer-alive",
    "vpc-peer-consistency": "consistent",
    "vpc-per-vlan-peer-consistency": "consistent",
    "vpc-peer-consistency-status": "SUCCESS",
    "vpc-type-2-consistency": state === "inconsistent" ? "inconsistent" : "consistent",
    "vpc-type-2-consistency-status": state === "inconsistent" ? "QoSMgr Network QoS configuration incompatible" : "SUCCESS",
    "vpc-role": "primary",
    "num-of-vpcs": "12",
  });
}

export function nxosShowModule(moduleDown: boolean): string {
  const rows = [
    { modinf: 1, ports: 54, modtype: "48x10/25G + 6x40/100G Ethernet Module", model: "N9K-C93180YC-FX", status: "active *" },
    { modinf: 2, ports: 36, modtype: "36x40/100G Ethernet Module", model: "N9K-X9736C-FX", status: moduleDown ? "powered-dn" : "ok" },
  ];
  return json({ TABLE_modinfo: { ROW_modinfo: rows } });
}

export function nxosShowSystemResources(cpuBusy: boolean): string {
  return json({
    load_avg_1min: cpuBusy ? "7.90" : "0.52",
    processes_total: "612",
    processes_running: "2",
    cpu_state_user: cpuBusy ? "80.00" : "4.10",
    cpu_state_kernel: cpuBusy ? "17.00" : "2.40",
    cpu_state_idle: cpuBusy ? "3.00" : "93.50",
    memory_usage_total: "32746520",
    memory_usage_used: "9321440",
    memory_usage_free: "23425080",
    current_memory_status: "OK",
  });
}

export function nxosShowTransceivers(thirdParty: boolean): string {
  const optic = (n: number, vendor: string, part: string, serial: string) => ({ interface: `Ethernet1/${n}`, sfp: "present", type: "QSFP-100G-SR4", name: vendor, partnum: part, rev: "A", serialnum: serial, nom_bitrate: 25500 });
  const rows = [
    optic(49, thirdParty ? "FS" : "CISCO-FINISAR", thirdParty ? "QSFP28-SR4-100G" : "FTLC9551REPM-C2", "FNS21350ABC"),
    optic(50, "CISCO-FINISAR", "FTLC9551REPM-C2", "FNS21350ABD"),
    { interface: "Ethernet1/51", sfp: "not present" },
  ];
  return json({ TABLE_interface: { ROW_interface: rows } });
}

export function nxosSwitch(s: NxosSwitchSpec): SimDeviceSpec {
  const version = s.version ?? "9.3(10)";
  const running = nxosImage(version);
  const images = [...(s.images ?? [running])];
  if (!images.includes(running)) images.unshift(running);
  const files = [...images.map((name) => ({ name, size: 1_978_369_024 })), { name: ".rpmstore", size: 4096, dir: true }, { name: "scripts", size: 4096, dir: true }];
  const total = 53_298_008_064;
  const free = s.bootflashFreeBytes ?? 45_011_000_000;
  const bgp = s.bgpPeerDown ? "issue_870" : "normal";
  return {
    name: s.name,
    hostname: s.name,
    platform: "cisco_nxos",
    username: s.username,
    password: s.password,
    outputs: {
      [NXOS_COMMANDS.version]: nxosShowVersion({ model: s.model ?? "C93180YC-FX", serial: s.serial ?? `FDO${(s.name.length * 7919).toString().padStart(8, "0")}`, version, hostname: s.name }),
      [NXOS_COMMANDS.hostname]: json({ hostname: `${s.name}.example.net` }),
      [NXOS_COMMANDS.redundancy]: json({ rdn_mode_admin: "HA", rdn_mode_oper: "None", this_sup: "(Active)", other_sup: "(Not present)" }),
      [NXOS_COMMANDS.dir]: nxosDirBootflash(files, total, free),
      [NXOS_COMMANDS.boot]: nxosShowBoot(s.bootImage ?? running),
      [NXOS_COMMANDS.configDiff]: s.unsaved ? NXOS_UNSAVED_DIFF : "",
      [NXOS_COMMANDS.vpc]: nxosShowVpc(s.vpc ?? "healthy"),
      [NXOS_COMMANDS.module]: nxosShowModule(s.moduleDown ?? false),
      [NXOS_COMMANDS.bgp]: fixture("show_bgp_all_summary_vrf_all_json", `napalm__test__nxos__mocked_data__test_get_bgp_neighbors__${bgp}__show_bgp_all_summary_vrf_all.json`),
      [NXOS_COMMANDS.resources]: nxosShowSystemResources(s.cpuBusy ?? false),
      [NXOS_COMMANDS.transceivers]: nxosShowTransceivers(s.thirdPartyOptics ?? false),
    },
    ...(s.faults ? { faults: s.faults } : {}),
    ...(s.tags ? { tags: s.tags } : {}),
  };
}
