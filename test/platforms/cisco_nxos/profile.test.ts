// The NX-OS session profile: the read-only policy with its near-misses, prompts, CLI errors, redaction, and facts on
// NAPALM's real show version / show hostname | json captures.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ciscoNxosHostnameFacts,
  ciscoNxosIsReadOnly,
  ciscoNxosProfile,
  ciscoNxosRedactSecrets,
  ciscoNxosRedundancyFacts,
  ciscoNxosVersionFacts,
} from "../../../src/platforms/cisco_nxos/profile.js";
import { platformPlugin } from "../../../src/platforms/registry.js";

const fixture = (p: string) => readFileSync(new URL(`../../../fixtures/cisco_nxos/${p}`, import.meta.url), "utf8");

describe("NX-OS read-only policy", () => {
  it.each([
    "show version | json",
    "show interface transceiver | json",
    "show running-config diff",
    "show vpc | json",
    "show module",
    "show boot",
    "show incompatibility-all nxos bootflash:nxos64-cs.10.3.4a.M.bin",
    "show logging | include MODULE",
    "show ip bgp summary vrf all | json",
    "dir bootflash:",
    "dir",
    "terminal length 0",
    "terminal width 511",
  ])("allows %j", (cmd) => {
    expect(ciscoNxosIsReadOnly(cmd)).toEqual({ ok: true });
  });

  it.each([
    ["show running-config > bootflash:run.cfg", /redirections/],
    ["show running-config >> bootflash:run.cfg", /redirections/],
    ["show tech-support | redirect bootflash:tech.txt", /not a read-only output filter/],
    ["show running-config | tee bootflash:x", /not a read-only output filter/],
    ["show version | append bootflash:x", /not a read-only output filter/],
    ["show version | email to a@b", /not a read-only output filter/],
    ["show version ; reload", /command separators/],
    ["copy running-config startup-config", /"copy" writes/],
    ["write erase", /"write"/],
    ["reload", /"reload" restarts/],
    ["install all nxos bootflash:nxos.bin", /"install"/],
    ["configure terminal", /configuration mode/],
    ["conf t", /not a read-only/],
    ["delete bootflash:nxos.9.3.8.bin", /"delete"/],
    ["run bash", /"run" starts a shell/],
    ["guestshell", /guest shell/],
    ["python", /Python/],
    ["tclsh", /Tcl/],
    ["sh ver", /write "show" in full/],
    ["SHOW version", /write "show" in full/],
    ["show", /incomplete/],
    ["show version\nreload", /single line/],
    ["show version\t", /printable ASCII/],
    ["clear counters", /"clear"/],
    ["terminal monitor", /"terminal" changes the session/],
    ["dir bootflash: ; delete x", /command separators/],
    ["dir ../etc", /not a plain directory listing/],
    ["system switchover", /"system"/],
    ["", /empty/],
  ])("refuses %j", (cmd, reason) => {
    const verdict = ciscoNxosIsReadOnly(cmd);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });
});

describe("NX-OS prompts, errors and pager", () => {
  it.each(["n9k-leaf1# ", "n9k-leaf1#", "\nswitch(config)# ", "\nswitch(config-if)#", "\nn7k-vdc2# ", "switch> "])("recognises prompt %j", (p) => {
    expect(ciscoNxosProfile.promptPattern.test(p)).toBe(true);
  });
  it.each(["Nexus 9000 is up 3 days", "sys_ver_str: 9.3(8)", "--More--"])("does not take %j for a prompt", (p) => {
    expect(ciscoNxosProfile.promptPattern.test(p)).toBe(false);
  });
  it.each(["                    ^\n% Invalid command at '^' marker.", "Syntax error while parsing 'show foo'", "% Incomplete command at '^' marker.", "% Permission denied for the role"])(
    "treats %j as a CLI error",
    (out) => {
      expect(ciscoNxosProfile.errorPatterns.some((re) => re.test(out))).toBe(true);
    },
  );
  it("does not treat a description mentioning an error as a CLI error", () => {
    expect(ciscoNxosProfile.errorPatterns.some((re) => re.test("  description link to % Invalid DC"))).toBe(false);
  });
  it("sets the pager and the width as netmiko does", () => {
    expect(ciscoNxosProfile.sessionSetup).toEqual(["terminal length 0", "terminal width 511"]);
    expect(ciscoNxosProfile.pagerPattern.test("line\n --More-- ")).toBe(true);
    expect(ciscoNxosProfile.pagerPattern.test("line\n\x1b[7m--More--\x1b[m")).toBe(true);
  });
  it("is registered under netmiko's name", () => {
    expect(platformPlugin("cisco_nxos")?.label).toBe("Cisco NX-OS");
  });
});

describe("NX-OS secrets", () => {
  it("redacts passwords, keys and SNMP user keys, keeps the rest", () => {
    const cfg = [
      "username admin password 5 $5$KJHG$abcdefghijkl  role network-admin",
      'tacacs-server key 7 "fewhg123"',
      "snmp-server user ops network-operator auth md5 0x1234abcd priv 0x5678ef00 localizedkey",
      "snmp-server community s3cr3t group network-operator",
      "  neighbor 192.0.2.1 password 3 9125d59c18a9b015",
      "hostname n9k-leaf1",
    ].join("\n");
    const out = ciscoNxosRedactSecrets(cfg);
    for (const secret of ["$5$KJHG$abcdefghijkl", "fewhg123", "0x1234abcd", "0x5678ef00", "s3cr3t", "9125d59c18a9b015"]) expect(out).not.toContain(secret);
    expect(out).toContain("hostname n9k-leaf1");
    expect(out).toContain("role network-admin");
  });
});

describe("NX-OS facts", () => {
  it("reads NAPALM's real N9000 show version | json", () => {
    expect(ciscoNxosVersionFacts(fixture("show_version_json/napalm__test__nxos__mocked_data__test_get_facts__N9000__show_version.json"))).toEqual({
      softwareVersion: "7.3(1)D1(1)",
      hostname: "nxos-spine1",
      model: "NX-OSv",
      serial: "TM6017D760B",
      uptime: "47 days, 1:37:11",
    });
  });
  it("reads the 9.x nxos_ver_str and parses it as an NX-OS version", () => {
    const f = ciscoNxosVersionFacts('{"nxos_ver_str": "10.3(4a) [Maintenance Release]", "chassis_id": "Nexus9000 C93180YC-FX Chassis", "proc_board_id": "FDO1"}');
    expect(f).toMatchObject({ softwareVersion: "10.3(4a)", model: "Nexus9000 C93180YC-FX", serial: "FDO1" });
    expect(() => platformPlugin("cisco_nxos")!.versions.parse(f.softwareVersion!)).not.toThrow();
  });
  it("reads NAPALM's real show hostname | json", () => {
    expect(ciscoNxosHostnameFacts(fixture("show_hostname_json/napalm__test__nxos__mocked_data__test_get_facts__N9000__show_hostname.json"))).toEqual({
      hostname: "nxos-spine1",
      fqdn: "nxos-spine1.domain.com",
    });
  });
  it("reads the redundancy role", () => {
    expect(ciscoNxosRedundancyFacts('{"rdn_mode_admin": "HA", "this_sup": "(Active)", "other_sup": "(HA standby)"}')).toEqual({ haRole: "(Active)", haPeerState: "(HA standby)" });
  });
  it.each(["", "% Invalid command at '^' marker.", "[]", '{"header_str": "x"}'])("refuses %j", (out) => {
    expect(() => ciscoNxosVersionFacts(out)).toThrow();
  });
});
