// A simulated Junos device's outputs (an MX router, or an SRX chassis-cluster firewall), from real captures where
// public ones exist, and the device spec bundling them.
//
// Real (fixtures/juniper_junos/, see fixtures/README.md): `show chassis hardware` (ntc-templates: an MX480 with
// two RE-S-1800x4 and Juniper optics; an MX104 with a NON-JNPR XFP; there is no public SRX capture, so the SRX
// prints the MX204 one), `show chassis routing-engine | display xml` (PyEZ's dual RE-S-1800x4 reply, as the CLI prints it;
// NAPALM's SRX345 cluster node reply), `show bgp summary | display xml` (NAPALM: one Established peer; three
// peers Active/Idle among six), `show chassis cluster status` (ntc-templates: node1 lost in every group),
// `show ospf neighbor` (ntc-templates: two Full neighbours; the copy with one in ExStart is written by us).
// The NAPALM replies are the RPC reply element as NETCONF returns it: the simulator prints it inside the CLI's
// `<rpc-reply>` envelope with its `<cli><banner>`, as `| display xml` does.
// MODELLED FROM A CAPTURE (one field changed, said here): the failed backup RE (RE1's status OK -> Testing, a
// status Junos prints, seen in PyEZ's vSRX reply) and the busy RE (RE0's cpu-idle 98 -> 4).
// WRITTEN BY US, in the documented layouts: `show version` (the Hostname/Model/Junos lines and package lines of
// the ntc-templates captures, with this device's name, model and release), `show system storage | display xml`
// (the filesystems and sizes of genieparser's text capture of a 21.x MX, in Junos's XML elements, 512-byte
// blocks), `show system alarms` / `show chassis alarms` and the healthy `show chassis cluster status`.
import { readFileSync } from "node:fs";
import type { Fault, SimDeviceSpec } from "../../../simulator/types.js";
import { packagePath } from "../../../util/package-root.js";

const fixture = (command: string, file: string): string => readFileSync(packagePath("fixtures", "juniper_junos", command, file), "utf8");
const ntcHardware = (name: string): string => fixture("show_chassis_hardware", `ntc-templates__tests__juniper_junos__show_chassis_hardware__juniper_junos_show_chassis_hardware${name}.raw`);

export const JUNOS_COMMANDS = {
  version: "show version",
  hardware: "show chassis hardware",
  systemAlarms: "show system alarms",
  chassisAlarms: "show chassis alarms",
  cluster: "show chassis cluster status",
  bgp: "show bgp summary | display xml",
  routingEngine: "show chassis routing-engine | display xml",
  storage: "show system storage | display xml",
  ospf: "show ospf neighbor",
} as const;

export interface JunosDeviceSpec {
  name: string;
  username: string;
  password: string;
  /** An MX480 router (dual RE, `{master:0}`), or an SRX1500 chassis cluster (`{primary:node0}`). */
  kind?: "mx" | "srx";
  version?: string;
  /** A Minor and a Major system alarm. */
  systemAlarms?: boolean;
  /** A Major PEM alarm. */
  chassisAlarms?: boolean;
  /** Three BGP peers not Established (NAPALM's capture). */
  bgpPeerDown?: boolean;
  /** A NON-JNPR optic (the MX104 capture). */
  thirdPartyOptics?: boolean;
  /** The backup RE's status is Testing. */
  backupReFailed?: boolean;
  /** RE0 is 4% idle. */
  reBusy?: boolean;
  /** Bytes available on /.mount/var (default 6.3 GiB, genieparser's capture). */
  varAvailableBytes?: number;
  /** One OSPF neighbour in ExStart (the real capture with one state changed). */
  ospfNeighborDown?: boolean;
  /** SRX only: node1 lost in every redundancy group (the real capture). */
  clusterNodeLost?: boolean;
  faults?: Fault[];
  tags?: string[];
}

const XMLNS = (version: string): string => {
  const train = /^(\d+\.\d+)/.exec(version)?.[1] ?? "21.4";
  return `http://xml.juniper.net/junos/${train}R0/junos`;
};

/** A reply element inside the CLI's `| display xml` envelope. */
export function junosRpcReply(body: string, version: string, banner: string): string {
  return `<rpc-reply xmlns:junos="${XMLNS(version)}">\n${body.trimEnd()}\n    <cli>\n        <banner>${banner}</banner>\n    </cli>\n</rpc-reply>\n`;
}

/** `show version` in the layout of the ntc-templates captures; a cluster prints one block per node. */
export function junosShowVersion(s: { hostname: string; model: string; version: string; nodes?: string[] }): string {
  const block = [
    `Hostname: ${s.hostname}`,
    `Model: ${s.model}`,
    `Junos: ${s.version}`,
    "JUNOS OS Kernel 64-bit  [20230810.5c3b5b0_builder_stable_12]",
    "JUNOS OS libs [20230810.5c3b5b0_builder_stable_12]",
    "JUNOS OS runtime [20230810.5c3b5b0_builder_stable_12]",
    "JUNOS OS time zone information [20230810.5c3b5b0_builder_stable_12]",
    "JUNOS OS libs compat32 [20230810.5c3b5b0_builder_stable_12]",
    "JUNOS OS 32-bit compatibility [20230810.5c3b5b0_builder_stable_12]",
    "JUNOS py extensions [20230915.112324_builder_junos_214_r3_s5]",
    "JUNOS py base [20230915.112324_builder_junos_214_r3_s5]",
    "JUNOS OS vmguest [20230810.5c3b5b0_builder_stable_12]",
    "JUNOS OS crypto [20230810.5c3b5b0_builder_stable_12]",
    "JUNOS network stack and utilities [20230915.112324_builder_junos_214_r3_s5]",
    "JUNOS libs [20230915.112324_builder_junos_214_r3_s5]",
    "JUNOS libs compat32 [20230915.112324_builder_junos_214_r3_s5]",
    "JUNOS runtime [20230915.112324_builder_junos_214_r3_s5]",
    `JUNOS na telemetry [${s.version}]`,
    "JUNOS Web Management Platform Package [20230915.112324_builder_junos_214_r3_s5]",
    "JUNOS common platform support [20230915.112324_builder_junos_214_r3_s5]",
    `JUNOS Openconfig [${s.version}]`,
    "JUNOS mtx network modules [20230915.112324_builder_junos_214_r3_s5]",
    "JUNOS modules [20230915.112324_builder_junos_214_r3_s5]",
    "JUNOS daemons [20230915.112324_builder_junos_214_r3_s5]",
    "JUNOS Extension Toolkit [20230915.112324_builder_junos_214_r3_s5]",
    "JUNOS Phone-home [20230915.112324_builder_junos_214_r3_s5]",
    "JUNOS Online Documentation [20230915.112324_builder_junos_214_r3_s5]",
    "JUNOS jail runtime [20230810.5c3b5b0_builder_stable_12]",
  ].join("\n");
  if (!s.nodes) return `${block}\n`;
  return `${s.nodes.map((n) => `${n}:\n${"-".repeat(74)}\n${block}\n`).join("\n")}`;
}

/** Junos's human sizes (`6.3G`, `117M`, `748K`). */
function human(bytes: number): string {
  const units = ["B", "K", "M", "G", "T"];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 10 || u === 0 ? Math.round(v) : v.toFixed(1)}${units[u]}`;
}

/** `show system storage | display xml`: the filesystems of genieparser's 21.x capture; one block per RE name given. */
export function junosSystemStorage(s: { version: string; banner: string; res?: string[]; varAvailableBytes: number }): string {
  const G = 1024 ** 3;
  const M = 1024 ** 2;
  const fs = (name: string, mounted: string, total: number, used: number, avail: number): string => {
    const b = (n: number): number => Math.round(n / 512);
    const pct = Math.round((100 * used) / total);
    return [
      "        <filesystem>",
      `            <filesystem-name>${name}</filesystem-name>`,
      `            <total-blocks junos:format="${human(total)}">${b(total)}</total-blocks>`,
      `            <used-blocks junos:format="${human(used)}">${b(used)}</used-blocks>`,
      `            <available-blocks junos:format="${human(avail)}">${b(avail)}</available-blocks>`,
      `            <used-percent>${String(pct).padStart(3)}</used-percent>`,
      `            <mounted-on>${mounted}</mounted-on>`,
      "        </filesystem>",
    ].join("\n");
  };
  const varTotal = 7 * G;
  const varAvail = Math.min(s.varAvailableBytes, varTotal);
  const info = [
    '    <system-storage-information junos:style="brief">',
    fs("/dev/gpt/junos", "/.mount", 20 * G, 1.2 * G, 17 * G),
    fs("/dev/gpt/config", "/.mount/config", 793 * M, 60 * 1024, 730 * M),
    fs("/dev/gpt/var", "/.mount/var", varTotal, varTotal - varAvail - 0.58 * G, varAvail),
    fs("tmpfs", "/.mount/tmp", 3.2 * G, 196 * 1024, 3.2 * G),
    fs("tmpfs", "/.mount/mfs", 334 * M, 748 * 1024, 333 * M),
    "    </system-storage-information>",
  ].join("\n");
  if (!s.res) return junosRpcReply(info, s.version, s.banner);
  const items = s.res.map((re) => `    <multi-routing-engine-item>\n    <re-name>${re}</re-name>\n${info}\n    </multi-routing-engine-item>`);
  return junosRpcReply(`<multi-routing-engine-results>\n${items.join("\n")}\n</multi-routing-engine-results>`, s.version, s.banner);
}

const DUAL_RE = "py-junos-eznc__tests__unit__facts__rpc-reply__re_info_dual_get-route-engine-information.xml";

/** The dual-RE reply, with the planted changes (each replaces one element of the real capture). */
function mxRoutingEngines(s: JunosDeviceSpec): string {
  let xml = fixture("show_chassis_routing_engine_display_xml", DUAL_RE);
  if (s.reBusy) xml = xml.replace("<cpu-idle>98</cpu-idle>", "<cpu-idle>4</cpu-idle>");
  if (s.backupReFailed) {
    const at = xml.indexOf("<status>OK</status>", xml.indexOf("<slot>1</slot>"));
    xml = `${xml.slice(0, at)}<status>Testing</status>${xml.slice(at + "<status>OK</status>".length)}`;
  }
  return xml;
}

/** A capture made over SSH ends with the banner line; the simulated CLI prints its own after every output. */
const withoutBanner = (text: string): string => `${text.replace(/\r\n/g, "\n").replace(/\n*\{[\w:. -]+\}\n*$/, "").trimEnd()}\n`;

const napalm = (test: string, variant: string, name: string): string => `napalm__test__junos__mocked_data__${test}__${variant}__${name}`;

export function junosDevice(s: JunosDeviceSpec): SimDeviceSpec {
  const kind = s.kind ?? "mx";
  const version = s.version ?? "21.4R3-S5.4";
  const srx = kind === "srx";
  const banner = srx ? "{primary:node0}" : "{master:0}";
  const model = srx ? "srx1500" : s.thirdPartyOptics ? "mx104" : "mx480";
  const bgp = fixture("show_bgp_summary_display_xml", s.bgpPeerDown ? napalm("test_get_bgp_neighbors", "normal", "get-bgp-summary-informationfrontend.xml") : napalm("test_get_bgp_neighbors", "pr_581", "get-bgp-summary-informationmaster.xml"));
  const outputs: Record<string, string> = {
    [JUNOS_COMMANDS.version]: junosShowVersion({ hostname: s.name, model, version, ...(srx ? { nodes: ["node0", "node1"] } : {}) }),
    [JUNOS_COMMANDS.hardware]: ntcHardware(s.thirdPartyOptics ? "2" : srx ? "3" : "4"),
    [JUNOS_COMMANDS.systemAlarms]: fixture("show_system_alarms", `written-by-preflight__${s.systemAlarms ? "two" : "none"}.txt`),
    [JUNOS_COMMANDS.chassisAlarms]: fixture("show_chassis_alarms", `written-by-preflight__${s.chassisAlarms ? "pem" : "none"}.txt`),
    [JUNOS_COMMANDS.bgp]: junosRpcReply(bgp, version, banner),
    [JUNOS_COMMANDS.routingEngine]: srx
      ? junosRpcReply(fixture("show_chassis_routing_engine_display_xml", napalm("test_get_environment", "issue1183_srx_multi_node", "get-route-engine-information.xml")), version, banner)
      : mxRoutingEngines(s),
    [JUNOS_COMMANDS.ospf]: withoutBanner(
      s.ospfNeighborDown ? fixture("show_ospf_neighbor", "written-by-preflight__exstart.txt") : fixture("show_ospf_neighbor", "ntc-templates__tests__juniper_junos__show_ospf_neighbor__juniper_junos_show_ospf_neighbor.raw"),
    ),
    [JUNOS_COMMANDS.storage]: junosSystemStorage({ version, banner, varAvailableBytes: s.varAvailableBytes ?? 6.3 * 1024 ** 3, ...(srx ? { res: ["node0", "node1"] } : {}) }),
  };
  if (srx) {
    outputs[JUNOS_COMMANDS.cluster] = s.clusterNodeLost
      ? fixture("show_chassis_cluster_status", "ntc-templates__tests__juniper_junos__show_chassis_cluster_status__juniper_junos_show_chassis_cluster_status.raw")
      : fixture("show_chassis_cluster_status", "written-by-preflight__healthy.txt");
  }
  return {
    name: s.name,
    hostname: s.name,
    platform: "juniper_junos",
    username: s.username,
    password: s.password,
    outputs,
    ...(s.faults ? { faults: s.faults } : {}),
    ...(s.tags ? { tags: s.tags } : {}),
  };
}

