// Version strings reported by real devices, from the captures in ../shared/fixtures/real/ (see its
// MANIFEST.tsv): each must parse with its platform's ordering, and each platform's strings sort as expected.
// Sources (repository, commit, path; "ntc" = networktocode/ntc-templates d0bc5a48, "napalm" =
// napalm-automation/napalm ee70e634, "jc" = kellyjonbrazil/jc ac8120e1):
//   cisco_ios   ntc tests/cisco_ios/show_version/: cisco_ios_show_version.yml 12.2(54)SG1; ..._version1.yml
//               03.06.05E; ..._version2.yml 15.3(2)S1 and its .raw "IOS XE Version: 03.09.01.S"; ..._version3.yml
//               15.8(3)M2; ..._version4.yml 16.9.3 and its .raw "Cisco IOS XE Software, Version 16.09.03";
//               ..._version5.yml 16.12.4 and its .raw 16.12.04; ..._version6.yml 15.2(4.0.55)E; ..._version_01.yml
//               12.4(6)T2; ..._version_special_build.yml 16.9.5 (its .raw also prints the special build name
//               V169_5_SR689355441_2, which is not a version);
//               napalm test/ios/mocked_data/test_get_facts/{normal,old-2950}/expected_result.json os_version
//               "... Version 15.0(2)SE4, RELEASE SOFTWARE (fc1)" and "... Version 12.1(22)EA13, ..."
//   cisco_nxos  ntc tests/cisco_nxos/show_version/cisco_nxos_show_version{,1..7}.yml os: 6.1(2)I3(1),
//               14.0(1h) [build 14.0(1h)], 7.1(4)N1(1), 5.2(1)N1(4), 7.0(3)I4(3), 10.4(5) [Maintenance Release],
//               10.3(6) [Maintenance Release], 9.3(15); napalm test/nxos_ssh/mocked_data/test_get_facts/
//               {7009_6_2_14,N93180,issue2151,missing_domain,newer_version}/expected_result.json os_version:
//               6.2(14), 7.0(3)I7(2), 10.3(5), 7.3(1)D1(1), 7.0(3)I4(7)
//   juniper_junos ntc tests/juniper_junos/show_version/juniper_junos_show_version{,_ex,_qfx5100,_srx_cluster}.raw
//               "Junos:" 13.3R1.4, 13.2X51-D35.3 (package lines), 21.4R3-S3.4, 19.4R3-S1.3; ..._vmhost.raw
//               "JUNOS na telemetry [21.1X3.3]" and package builds such as 20220825.064945_builder_junos_211_x3
//               (not a version)
//   arista_eos  ntc tests/arista_eos/show_version/arista_eos_show_version{,2,3,_ceos,_clab}.raw "Software image
//               version:" 4.14.7M, 4.27.6M, 4.28.9M, 4.31.6M-39953990.4316M (engineering build),
//               4.32.1F-37265360.4321F (engineering build), "Internal build version:" 4.14.7M-2384414.4147M;
//               napalm test/eos/mocked_data/test_get_environment/{ceos430,normal,issue810_7010t}/show_version.json
//               4.30.0F-31408673.4300F (engineering build), 4.15.5M, 4.20.7M; test_get_facts/normal/
//               expected_result.json 4.15.5M-3054042.4155M
//   fortinet    ntc tests/fortinet/get_system_status/fortinet_get_system_status{,_6.2,_7.0,_7.0_1801f,_7.0_40f,
//               _7.0_eval,_7.4.8,_7.4}.yml version: "FortiGate-1500D v6.0.7,build0302,191112 (GA)" and the 7 below
//   linux       jc tests/fixtures/{centos-7.7,debian10,generic,ubuntu-18.04}/uname-a*.json kernel_release:
//               3.10.0-1062.1.2.el7.x86_64, 5.7.0-2-amd64, 2.6.18-194.e15PAE, 4.19.0-17-amd64, 4.15.0-65-generic,
//               and the Debian package versions in their kernel_version 5.7.10-1, 4.19.194-3; ntc
//               tests/arista_eos/show_version/arista_eos_show_version_{ceos,clab}.raw "Kernel version:"
//               6.8.0-60-generic, 6.6.87.2-microsoft-standard-WSL2; ntc tests/linux/pveversion/linux_pveversion.raw
//               "running kernel: 1.1.11-11-pve"
//   frr         no capture of FRR exists in the fixtures.
import { describe, expect, it } from "vitest";
import { VersionParseError } from "../../src/versions/errors.js";
import { versionOrdering } from "./orderings.js";

// Each platform's real versions, listed in the order the platform's comparator must put them.
const REAL: Record<string, string[]> = {
  cisco_ios: [
    "03.06.05E",
    "03.09.01.S",
    "12.1(22)EA13",
    "12.2(54)SG1",
    "12.4(6)T2",
    "15.0(2)SE4",
    "15.2(4.0.55)E",
    "15.3(2)S1",
    "15.8(3)M2",
    "16.9.3",
    "16.09.03",
    "16.9.5",
    "16.12.4",
    "16.12.04",
  ],
  cisco_xe: ["03.06.05E", "03.09.01.S", "16.9.3", "16.09.03", "16.9.5", "16.12.4", "16.12.04"],
  cisco_nxos: [
    "5.2(1)N1(4)",
    "6.1(2)I3(1)",
    "6.2(14)",
    "7.0(3)I4(3)",
    "7.0(3)I4(7)",
    "7.0(3)I7(2)",
    "7.1(4)N1(1)",
    "7.3(1)D1(1)",
    "9.3(15)",
    "10.3(5)",
    "10.3(6) [Maintenance Release]",
    "10.4(5) [Maintenance Release]",
    "14.0(1h) [build 14.0(1h)]",
  ],
  juniper_junos: ["13.2X51-D35.3", "13.3R1.4", "19.4R3-S1.3", "21.1X3.3", "21.4R3-S3.4"],
  arista_eos: [
    "4.14.7M",
    "4.14.7M-2384414.4147M",
    "4.15.5M",
    "4.15.5M-3054042.4155M",
    "4.20.7M",
    "4.27.6M",
    "4.28.9M",
    "4.30.0F-31408673.4300F (engineering build)",
    "4.31.6M-39953990.4316M (engineering build)",
    "4.32.1F-37265360.4321F (engineering build)",
  ],
  fortinet: [
    "FortiGate-1500D v6.0.7,build0302,191112 (GA)",
    "FortiGate-600E v6.2.6,build1175,201110 (GA)",
    "FortiGate-VM64-KVM v7.0.3,build0237,211207 (GA)",
    "FortiGate-60F v7.0.7,build0367,221005 (GA.F)",
    "FortiGate-1801F v7.0.13,build0566,231024 (GA.M)",
    "FortiGate-40F v7.0.15,build0632,240401 (GA.M)",
    "FortiGate-60E-POE v7.4.1,build2463,230830 (GA.F)",
    "FortiGate-60F v7.4.8,build2795,250523 (GA.M)",
  ],
  linux: [
    "1.1.11-11-pve",
    "2.6.18-194.e15PAE",
    "3.10.0-1062.1.2.el7.x86_64",
    "4.15.0-65-generic",
    "4.19.0-17-amd64",
    "4.19.194-3",
    "5.7.0-2-amd64",
    "5.7.10-1",
    "6.6.87.2-microsoft-standard-WSL2",
    "6.8.0-60-generic",
  ],
};

// Strings that sit next to versions in the same captures but are build names, not versions.
const NOT_VERSIONS: [platform: string, text: string][] = [
  ["cisco_ios", "V169_5_SR689355441_2"],
  ["cisco_xe", "V169_5_SR689355441_2"],
  ["juniper_junos", "20220825.064945_builder_junos_211_x3"],
];

// Pairs that are the same release written two ways in the captures.
const SAME: [platform: string, a: string, b: string][] = [
  ["cisco_ios", "16.9.3", "16.09.03"],
  ["cisco_xe", "16.12.4", "16.12.04"],
  ["arista_eos", "4.14.7M", "4.14.7M-2384414.4147M"],
];

describe.each(Object.entries(REAL))("real %s versions", (platform, versions) => {
  const ordering = versionOrdering(platform);

  it.each(versions)("parses %s", (version) => {
    expect(() => ordering?.parse(version)).not.toThrow();
    expect(ordering?.featureRelease?.(version)).toMatch(/^\d+\.\d+/);
  });

  it("sorts them in release order", () => {
    for (let i = 1; i < versions.length; i++) {
      expect(ordering?.compare(versions[i - 1] as string, versions[i] as string), `${versions[i - 1]} <= ${versions[i]}`).toBeLessThanOrEqual(0);
    }
  });
});

describe("real strings that are not versions", () => {
  it.each(NOT_VERSIONS)("%s refuses %s, naming it", (platform, text) => {
    expect(() => versionOrdering(platform)?.parse(text)).toThrow(VersionParseError);
    expect(() => versionOrdering(platform)?.parse(text)).toThrow(`"${text}"`);
  });
});

describe("one release written two ways", () => {
  it.each(SAME)("%s: %s = %s", (platform, a, b) => {
    expect(versionOrdering(platform)?.compare(a, b)).toBe(0);
  });
});
