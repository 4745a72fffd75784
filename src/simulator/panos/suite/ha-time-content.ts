// Simulator outputs for the HA, time and content checks (panos-ha-peer-state, panos-ha-config-synchronised,
// panos-ha-version-compatible, panos-ntp-synchronised, panos-content-version).
//
// `healthy` is a firewall that passes all five, built from real captures:
// - `show high-availability all` (text): ntc-templates' PA-5020 active/passive capture, as is;
// - `show ntp` (XML): pan-os-upgrade-assurance's test_get_ntp_servers response, as is;
// - `show system info` (XML): pan-os-upgrade-assurance's test_get_device_software_version response, as is
//   (app/threat content 8709-8047, above the 10.2 minimum of checks/data/panos/content-minimums.yaml).
// Each problem changes only the lines behind one finding, as the written-by-preflight__* fixtures do.
// The content problem assumes a target on PAN-OS 10.2 (the only feature release with a known minimum);
// the HA problems assume the default `ha_expected: true`.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const HA_ALL_COMMAND = "show high-availability all";
export const NTP_COMMAND = "show ntp";
export const SYSTEM_INFO_COMMAND = "show system info";

const FIXTURES = fileURLToPath(new URL("../../../../test/fixtures/paloalto_panos/", import.meta.url));

function fixture(path: string): string {
  return readFileSync(`${FIXTURES}${path}`, "utf8");
}

const HA_ALL = fixture(
  "show_high-availability_all/ntc-templates__tests__paloalto_panos__show_high-availability_all__paloalto_panos_show_high-availability_all.raw",
);
const NTP = fixture("show_ntp/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_ntp_servers__L1290-1308.xml");
const SYSTEM_INFO = fixture(
  "show_system_info/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_device_software_version__L2268-2315.xml",
);

/** Replaces exactly one occurrence of `from` (the nth, 1-based); throws if it is not there, so a fixture change cannot go unnoticed. */
function replaceNth(text: string, from: string, to: string, nth = 1): string {
  let index = -1;
  for (let i = 0; i < nth; i++) {
    index = text.indexOf(from, index + 1);
    if (index < 0) throw new Error(`simulator suite: "${from.trim()}" (occurrence ${nth}) not found in the fixture`);
  }
  return text.slice(0, index) + to + text.slice(index + from.length);
}

export interface SuiteOutputs {
  outputs: Record<string, string>;
  xmlOutputs: Record<string, string>;
}

export interface SuiteProblem {
  outputs?: Record<string, string>;
  xmlOutputs?: Record<string, string>;
  expect: { check: string; status: "fail" | "warn" };
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
