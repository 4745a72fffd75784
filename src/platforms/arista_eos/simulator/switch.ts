// A simulated EOS switch's outputs, from real captures where public ones exist, and the device spec bundling them.
//
// Real (fixtures/arista_eos/, see fixtures/README.md): `show system environment power|cooling|temperature | json`
// (NAPALM's mocked eAPI data of a DCS-7280SR: four PWR-2900AC supplies, six fan trays), the 7010T capture with a
// power supply in `powerLoss`, `show ip bgp summary vrf all | json` (NAPALM: three Established IPv6 link-local
// peers, and a capture with one peer in `Active`), `show inventory` (ntc-templates: a 7150S with Arista optics,
// a 7280DR3A with third-party ones). The `show version | json`
// object has the keys and types of NAPALM's 7010T capture with this switch's model, serial and release.
// WRITTEN BY US, in the documented layouts: `dir flash:` (ntc-templates' capture layout, with this switch's
// images and sizes), `show boot-config` (the capture's four lines), `show running-config diffs` (a unified
// diff; empty when saved), `show mlag | json` (the keys ANTA's MLAG tests and public examples show),
// `show system coredump | json` and `show reload cause | json` (the keys and values of ANTA's tests).
import { readFileSync } from "node:fs";
import type { Fault, SimDeviceSpec } from "../../../simulator/types.js";
import { packagePath } from "../../../util/package-root.js";

const fixture = (command: string, file: string): string => readFileSync(packagePath("fixtures", "arista_eos", command, file), "utf8");
const napalm = (test: string, variant: string, name: string): string => `napalm__test__eos__mocked_data__${test}__${variant}__${name}.json`;

export const EOS_COMMANDS = {
  version: "show version | json",
  hostname: "show hostname | json",
  dir: "dir flash:",
  bootConfig: "show boot-config",
  configDiffs: "show running-config diffs",
  mlag: "show mlag | json",
  power: "show system environment power | json",
  cooling: "show system environment cooling | json",
  temperature: "show system environment temperature | json",
  bgp: "show ip bgp summary vrf all | json",
  inventory: "show inventory",
  coredump: "show system coredump | json",
  reloadCause: "show reload cause | json",
} as const;

export interface EosSwitchSpec {
  name: string;
  username: string;
  password: string;
  model?: string;
  serial?: string;
  version?: string;
  /** Images on flash:, by file name; the running one is added when absent. */
  images?: string[];
  /** File name the boot-config points at (default: the running version's image). */
  bootImage?: string;
  flashTotalBytes?: number;
  flashFreeBytes?: number;
  /** Unsaved changes in the running configuration. */
  unsaved?: boolean;
  mlag?: "active" | "disabled" | "peer-link-down" | "inconsistent";
  /** Power supply 2 has lost input power (the real 7010T capture). */
  powerLoss?: boolean;
  /** One BGP peer is not established (the real capture with a peer in Active). */
  bgpPeerDown?: boolean;
  /** PROLABS, CISCO-ACACIA and WhiteBoxNetworks optics among Arista's (the real 7280DR3A capture); else Arista only. */
  thirdPartyOptics?: boolean;
  /** The Mlag agent has dumped core. */
  coreDump?: boolean;
  /** The last reload was after a crash. */
  crashReload?: boolean;
  faults?: Fault[];
  tags?: string[];
}

export const eosImage = (version: string): string => `EOS-${version}.swi`;

export function eosShowVersion(s: { model: string; serial: string; version: string; mac?: string }): string {
  const internal = /^(\d+)\.(\d+)\.(\d+)([A-Z]+)$/.exec(s.version);
  const build = internal ? `${s.version}-30201034.${internal[1]}${internal[2]}${internal[3]}${internal[4]}` : s.version;
  return `${JSON.stringify(
    {
      uptime: 5860361.78,
      modelName: s.model,
      internalVersion: build,
      systemMacAddress: s.mac ?? "28:99:3a:23:92:09",
      serialNumber: s.serial,
      memTotal: 8099732,
      bootupTimestamp: 1531344080.0,
      memFree: 5931620,
      version: s.version,
      architecture: "x86_64",
      isIntlVersion: false,
      internalBuildId: "c673df71-201a-43a3-8d66-9f28c0ac92fc",
      hardwareRevision: "12.00",
    },
    null,
    2,
  )}\n`;
}

/** `dir flash:` in the capture's layout: permissions, size, date, name; then the space line. */
export function eosDirFlash(files: { name: string; size: number; dir?: boolean }[], totalBytes: number, freeBytes: number): string {
  const rows = files.map((f) => `       ${f.dir ? "drwx" : "-rwx"}  ${String(f.size).padStart(10)}           Jan 13 09:12  ${f.name}`);
  return ["Directory of flash:/", "", ...rows, "", `${totalBytes} bytes total (${freeBytes} bytes free)`, ""].join("\n");
}

export function eosBootConfig(image: string): string {
  return `Software image: flash:/${image}\nConsole speed: (not set)\nAboot password (encrypted): (not set)\nMemory test iterations: (not set)\n`;
}

export const EOS_UNSAVED_DIFF = [
  "--- flash:/startup-config",
  "+++ system:/running-config",
  "@@ -41,6 +41,7 @@",
  " interface Ethernet1",
  "+   description uplink to spine1",
  "    no switchport",
  "    ip address 10.0.0.1/31",
  "",
].join("\n");

export function eosShowMlag(state: NonNullable<EosSwitchSpec["mlag"]>): string {
  if (state === "disabled") return `${JSON.stringify({ state: "disabled" }, null, 2)}\n`;
  const down = state === "peer-link-down";
  const mlag = {
    localInterface: "Vlan4094",
    systemId: "2a:99:3a:23:92:09",
    domainId: "MLAG-DC1",
    peerLink: "Port-Channel1000",
    localIntfStatus: "up",
    peerLinkStatus: down ? "down" : "up",
    peerAddress: "10.255.255.2",
    configSanity: state === "inconsistent" ? "inconsistent" : "consistent",
    portsErrdisabled: false,
    state: down ? "inactive" : "active",
    reloadDelay: 300,
    reloadDelayNonMlag: 330,
    negStatus: down ? "connecting" : "connected",
    mlagPorts: { Disabled: 0, "Active-partial": 0, Inactive: 0, Configured: 0, "Active-full": down ? 0 : 12 },
  };
  return `${JSON.stringify(mlag, null, 2)}\n`;
}

export function eosSwitch(s: EosSwitchSpec): SimDeviceSpec {
  const version = s.version ?? "4.28.3M";
  const running = eosImage(version);
  const images = [...(s.images ?? [running])];
  if (!images.includes(running)) images.unshift(running);
  const imageSize = 1_086_357_504;
  const files = [
    ...images.map((name) => ({ name, size: imageSize })),
    { name: "boot-config", size: 29 },
    { name: "debug", size: 4096, dir: true },
    { name: "persist", size: 4096, dir: true },
    { name: "startup-config", size: 20530 },
    { name: "zerotouch-config", size: 13 },
  ];
  const total = s.flashTotalBytes ?? 7_772_938_240;
  const free = s.flashFreeBytes ?? total - files.reduce((sum, f) => sum + f.size, 0) - 800_000_000;
  const env = (kind: string, variant = "normal"): string => fixture(`show_system_environment_${kind}_json`, napalm("test_get_environment", variant, `show_system_environment_${kind}`));
  const bgp = s.bgpPeerDown ? "normal" : "issue1759";
  return {
    name: s.name,
    hostname: s.name,
    platform: "arista_eos",
    username: s.username,
    password: s.password,
    outputs: {
      [EOS_COMMANDS.version]: eosShowVersion({ model: s.model ?? "DCS-7280SR-48C6-M-R", serial: s.serial ?? `JPE${(s.name.length * 7919).toString().padStart(8, "0")}`, version }),
      [EOS_COMMANDS.hostname]: `${JSON.stringify({ fqdn: `${s.name}.example.net`, hostname: s.name }, null, 2)}\n`,
      [EOS_COMMANDS.dir]: eosDirFlash(files, total, free),
      [EOS_COMMANDS.bootConfig]: eosBootConfig(s.bootImage ?? running),
      [EOS_COMMANDS.configDiffs]: s.unsaved ? EOS_UNSAVED_DIFF : "",
      [EOS_COMMANDS.mlag]: eosShowMlag(s.mlag ?? "active"),
      [EOS_COMMANDS.power]: s.powerLoss ? env("power", "issue810_7010t") : env("power"),
      [EOS_COMMANDS.cooling]: env("cooling"),
      [EOS_COMMANDS.temperature]: env("temperature"),
      [EOS_COMMANDS.bgp]: fixture("show_ip_bgp_summary_vrf_all_json", napalm("test_get_bgp_neighbors", bgp, "show_ip_bgp_summary_vrf_all")),
      [EOS_COMMANDS.inventory]: fixture("show_inventory", `ntc-templates__tests__arista_eos__show_inventory__arista_eos_show_inventory${s.thirdPartyOptics ? 2 : 1}.raw`),
      [EOS_COMMANDS.coredump]: fixture("show_system_coredump_json", `written-by-preflight__${s.coreDump ? "mlag-core" : "minidump-only"}.json`),
      [EOS_COMMANDS.reloadCause]: fixture("show_reload_cause_json", `written-by-preflight__${s.crashReload ? "crash" : "user"}.json`),
    },
    ...(s.faults ? { faults: s.faults } : {}),
    ...(s.tags ? { tags: s.tags } : {}),
  };
}
