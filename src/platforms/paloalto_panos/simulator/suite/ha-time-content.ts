// Simulator outputs for the HA, time and content checks (panos-ha-peer-state, panos-ha-config-synchronised,
// panos-ha-version-compatible, panos-ntp-synchronised, panos-content-version).
//
// `healthy` is a firewall that passes all five, built from real captures (embedded below, so the simulator
// does not read test files at run time):
// - `show high-availability all` (text): ntc-templates' PA-5020 active/passive capture, as is;
// - `show ntp` (XML): pan-os-upgrade-assurance's test_get_ntp_servers response, as is;
// - `show system info` (XML): pan-os-upgrade-assurance's test_get_device_software_version response, as is
//   (app/threat content 8709-8047, above the 10.2 minimum of checks/paloalto_panos/data/content-minimums.yaml).
// Each problem changes only the lines behind one finding, as the written-by-preflight__* fixtures do.
// The content problem assumes a target on PAN-OS 10.2 (the only feature release with a known minimum);
// the HA problems assume the default `ha_expected: true`.
import type { SuiteOutputs, SuiteProblem } from "./types.js";
export const HA_ALL_COMMAND = "show high-availability all";
export const NTP_COMMAND = "show ntp";
export const SYSTEM_INFO_COMMAND = "show system info";

/** fixtures/paloalto_panos/show_high-availability_all/ntc-templates__tests__paloalto_panos__show_high-availability_all__paloalto_panos_show_high-availability_all.raw, byte for byte (the suite test compares them). */
export const HA_ALL = [
  "Group 1: ",
  "  Mode: Active-Passive",
  "  Local Information:",
  "    Version: 1",
  "    Mode: Active-Passive",
  "    State: active (last 45 days)",
  "    Device Information:",
  "      Model: PA-5020",
  "      Management IPv4 Address: 10.10.186.197/24",
  "      Management IPv6 Address: ",
  "      Jumbo-Frames disabled; MTU 1500",
  "    HA1 Control Links Joint Configuration:",
  "      Link Monitor Interval: 3000 ms",
  "      Encryption Enabled: no",
  "    HA1 Control Link Information:",
  "      IP Address: 10.1.1.1/30",
  "      MAC Address: 00:90:0b:33:3d:53",
  "      Interface: dedicated-ha1",
  "      Link State: Up; Setting: 1Gb/s-full",
  "      Key Imported : no",
  "    HA2 Data Link Information:",
  "      IP Address: 10.2.2.1/30",
  "      MAC Address: 58:49:3b:1e:69:16",
  "      Interface: dedicated-ha2",
  "      Link State: Up; Setting: 1Gb/s-full",
  "    Election Option Information:",
  "      Priority: 50",
  "      Preemptive: yes",
  "      Promotion Hold Interval: 2000 ms",
  "      Hello Message Interval: 8000 ms",
  "      Heartbeat Ping Interval: 1000 ms",
  "      Max # of Flaps: 3",
  "      Preemption Hold Interval: 1 min",
  "      Monitor Fail Hold Up Interval: 0 ms",
  "      Addon Master Hold Up Interval: 500 ms",
  "    Active-Passive Mode:",
  "      Passive Link State: auto",
  "      Monitor Fail Hold Down Interval: 1 min",
  "    Version Information:",
  "      Build Release: 6.1.10",
  "      URL Database: 4773",
  "      Application Content: 580-3287",
  "      Anti-Virus: 1858-2337",
  "      Threat Content: 580-3287",
  "      VPN Client Software: Not Installed",
  "      Global Protect Client Software: Not Installed",
  "    Version Compatibility:",
  "      Software Version: Match",
  "      Application Content Compatibility: Match",
  "      Anti-Virus Compatibility: Match",
  "      Threat Content Compatibility: Match",
  "      VPN Client Software Compatibility: Match",
  "      Global Protect Client Software Compatibility: Match",
  "    State Synchronization: Complete; type: ethernet",
  "  Peer Information:",
  "    Connection status: up",
  "    Version: 1",
  "    Mode: Active-Passive",
  "    State: passive (last 45 days)",
  "    Device Information:",
  "      Model: PA-5020",
  "      Management IPv4 Address: 10.10.186.198/24",
  "      Management IPv6 Address: ",
  "      Jumbo-Frames disabled; MTU 1500",
  "    HA1 Control Link Information:",
  "      IP Address: 10.1.1.2",
  "      MAC Address: 00:90:0b:33:44:53",
  "      Connection up; Primary HA1 link",
  "    HA2 Data Link Information:",
  "      IP Address: 10.2.2.2",
  "      MAC Address: 58:49:3b:1e:55:16",
  "    Election Option Information:",
  "      Priority: 100",
  "      Preemptive: yes",
  "    Version Information:",
  "      Build Release: 6.1.10",
  "      URL Database: 4773",
  "      Application Content: 580-3287",
  "      Anti-Virus: 1858-2337",
  "      Threat Content: 580-3287",
  "      VPN Client Software: Not Installed",
  "      Global Protect Client Software: Not Installed",
  "  Initial Monitor Hold inactive; Allow Network/Links to Settle:",
  "    Link and path monitoring failures honored",
  "  Link Monitoring Information:",
  "    Enabled: yes",
  "    Failure condition: any",
  "    Group Link:",
  "      Enabled: yes",
  "      Failure condition: any",
  "      Interface ethernet1/1: up",
  "      Interface ethernet1/2: up",
  "      Interface ethernet1/3: up",
  "      Interface ethernet1/4: up",
  "      Interface ethernet1/5: up",
  "      Interface ethernet1/6: up",
  "      Interface ethernet1/7: up",
  "      Interface ethernet1/8: up",
  "  Path Monitoring Information:",
  "    Enabled: yes",
  "    Failure condition: any",
  "    Virtual-Wire Groups:",
  "      No Virtual-Wire path monitoring groups",
  "    VLAN Groups:",
  "      No VLAN path monitoring groups",
  "    Virtual-Router Groups:",
  "      No Virtual-Router path monitoring groups",
  "  Configuration Synchronization:",
  "    Enabled: yes",
  "    Running Configuration: synchronized",
  "",
  "",
].join("\n");

/** fixtures/paloalto_panos/show_ntp/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_ntp_servers__L1290-1308.xml, byte for byte (the suite test compares them). */
export const NTP = [
  "<response status=\"success\">",
  "    <result>",
  "        <ntp-server-1>",
  "            <authentication-type>none</authentication-type>",
  "            <name>0.pool.ntp.org</name>",
  "            <reachable>no</reachable>",
  "            <status>available</status>",
  "        </ntp-server-1>",
  "        <ntp-server-2>",
  "            <authentication-type>none</authentication-type>",
  "            <name>1.pool.ntp.org</name>",
  "            <reachable>no</reachable>",
  "            <status>available</status>",
  "        </ntp-server-2>",
  "        <synched>1.pool.ntp.org</synched>",
  "    </result>",
  "</response>",
  "",
].join("\n");

/** fixtures/paloalto_panos/show_system_info/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_device_software_version__L2268-2315.xml, byte for byte (the suite test compares them). */
export const SYSTEM_INFO = [
  "<response status=\"success\">",
  "    <result>",
  "        <system>",
  "            <hostname>testfw</hostname>",
  "            <ip-address>1.1.1.1</ip-address>",
  "            <public-ip-address>unknown</public-ip-address>",
  "            <netmask>255.255.254.0</netmask>",
  "            <default-gateway>1.1.1.1</default-gateway>",
  "            <is-dhcp>no</is-dhcp>",
  "            <mac-address>ab:cd:ef:11:22:33</mac-address>",
  "            <time>Sun Dec  3 18:27:29 2023",
  "</time>",
  "            <uptime>179 days, 5:07:34</uptime>",
  "            <devicename>testfw</devicename>",
  "            <family>7000</family>",
  "            <model>PA-7050</model>",
  "            <serial>11111111111</serial>",
  "            <cloud-mode>non-cloud</cloud-mode>",
  "            <sw-version>9.1.12-h3</sw-version>",
  "            <global-protect-client-package-version>0.0.0</global-protect-client-package-version>",
  "            <app-version>8709-8047</app-version>",
  "            <app-release-date></app-release-date>",
  "            <av-version>4455-4972</av-version>",
  "            <av-release-date>2023/05/18 14:50:34 PDT</av-release-date>",
  "            <threat-version>8709-8047</threat-version>",
  "            <threat-release-date></threat-release-date>",
  "            <wf-private-version>0</wf-private-version>",
  "            <wf-private-release-date>unknown</wf-private-release-date>",
  "            <url-db>paloaltonetworks</url-db>",
  "            <wildfire-version>0</wildfire-version>",
  "            <wildfire-release-date></wildfire-release-date>",
  "            <url-filtering-version>20231204.20037</url-filtering-version>",
  "            <global-protect-datafile-version>1684375262</global-protect-datafile-version>",
  "            <global-protect-datafile-release-date>2023/05/17 19:01:02</global-protect-datafile-release-date>",
  "            <global-protect-clientless-vpn-version>97-245</global-protect-clientless-vpn-version>",
  "            <global-protect-clientless-vpn-release-date>2023/01/27 14:38:39 PST</global-protect-clientless-vpn-release-date>",
  "            <logdb-version>9.1.22</logdb-version>",
  "            <platform-family>7000</platform-family>",
  "            <high-speed-log-forwarding-mode>off</high-speed-log-forwarding-mode>",
  "            <vpn-disable-mode>off</vpn-disable-mode>",
  "            <multi-vsys>on</multi-vsys>",
  "            <operational-mode>normal</operational-mode>",
  "            <device-certificate-status>Valid</device-certificate-status>",
  "        </system>",
  "    </result>",
  "</response>",
  "",
].join("\n");

/** Replaces exactly one occurrence of `from` (the nth, 1-based); throws if it is not there, so a fixture change cannot go unnoticed. */
function replaceNth(text: string, from: string, to: string, nth = 1): string {
  let index = -1;
  for (let i = 0; i < nth; i++) {
    index = text.indexOf(from, index + 1);
    if (index < 0) throw new Error(`simulator suite: "${from.trim()}" (occurrence ${nth}) not found in the fixture`);
  }
  return text.slice(0, index) + to + text.slice(index + from.length);
}



export const healthy: SuiteOutputs = {
  outputs: { [HA_ALL_COMMAND]: HA_ALL },
  xmlOutputs: { [NTP_COMMAND]: NTP, [SYSTEM_INFO_COMMAND]: SYSTEM_INFO },
};

export const problems: Record<string, SuiteProblem> = {
  // The peer is connected but suspended: only the peer's State line changes (the second "    State:").
  "ha-peer-suspended": {
    outputs: { [HA_ALL_COMMAND]: replaceNth(HA_ALL, "    State: passive (last 45 days)\n", "    State: suspended (last 2 hours)\n") },
    expect: { check: "panos-ha-peer-state", status: "fail" },
  },
  // The incident-class "HA out of sync": peers up, versions match, running configuration not synchronised.
  "ha-out-of-sync": {
    outputs: { [HA_ALL_COMMAND]: replaceNth(HA_ALL, "    Running Configuration: synchronized\n", "    Running Configuration: not synchronized\n") },
    expect: { check: "panos-ha-config-synchronised", status: "fail" },
  },
  // The peer runs older application content: its version line and the two compatibility lines change.
  "ha-content-mismatch": {
    outputs: {
      [HA_ALL_COMMAND]: [
        ["      Application Content Compatibility: Match\n", "      Application Content Compatibility: Mismatch\n", 1],
        ["      Threat Content Compatibility: Match\n", "      Threat Content Compatibility: Mismatch\n", 1],
        ["      Application Content: 580-3287\n", "      Application Content: 577-3270\n", 2],
      ].reduce((text, [from, to, nth]) => replaceNth(text, from as string, to as string, nth as number), HA_ALL),
    },
    expect: { check: "panos-ha-version-compatible", status: "fail" },
  },
  // No usable NTP server: the firewall runs on its local clock.
  "ntp-local-clock": {
    xmlOutputs: { [NTP_COMMAND]: replaceNth(NTP, "<synched>1.pool.ntp.org</synched>", "<synched>LOCAL</synched>") },
    expect: { check: "panos-ntp-synchronised", status: "fail" },
  },
  // Content far below the 10.2 minimum (8520): app and threat 8409-7900.
  "content-too-old": {
    xmlOutputs: {
      [SYSTEM_INFO_COMMAND]: replaceNth(
        replaceNth(SYSTEM_INFO, "<app-version>8709-8047</app-version>", "<app-version>8409-7900</app-version>"),
        "<threat-version>8709-8047</threat-version>",
        "<threat-version>8409-7900</threat-version>",
      ),
    },
    expect: { check: "panos-content-version", status: "fail" },
  },
};

export type { SuiteOutputs, SuiteProblem };
