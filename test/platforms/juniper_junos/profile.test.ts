// The Junos profile: the read-only policy (what may be sent at all, with the dangerous near-misses), the prompt,
// pager and error patterns, secret redaction, and the facts read from real `show version` / `show chassis
// hardware` captures (ntc-templates).
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  juniperJunosChassisFacts,
  juniperJunosIsReadOnly,
  juniperJunosIsSessionSetting,
  juniperJunosProfile,
  juniperJunosRedactSecrets,
  juniperJunosVersionFacts,
  REDACTED,
} from "../../../src/platforms/juniper_junos/profile.js";

const FIXTURES = new URL("../../../fixtures/juniper_junos/", import.meta.url).pathname;
const version = (name: string): string => readFileSync(`${FIXTURES}show_version/ntc-templates__tests__juniper_junos__show_version__juniper_junos_show_version${name}.raw`, "utf8");
const hardware = (name: string): string => readFileSync(`${FIXTURES}show_chassis_hardware/ntc-templates__tests__juniper_junos__show_chassis_hardware__juniper_junos_show_chassis_hardware${name}.raw`, "utf8");

describe("Junos read-only policy", () => {
  it.each([
    "show version",
    "show chassis hardware",
    "show system alarms | display xml",
    "show bgp summary | display json",
    "show configuration | compare rollback 0",
    "show configuration | display set | match ntp",
    "show log messages | last 50",
    "show interfaces terse | except down | count",
    "show system storage | no-more",
    "file list",
    "file list detail /var/tmp/",
    "set cli screen-length 0",
    "set cli screen-width 511",
  ])("allows %s", (command) => {
    expect(juniperJunosIsReadOnly(command)).toEqual({ ok: true });
  });

  it.each([
    ["show configuration | save /tmp/x", /writes the output to a file/],
    ["show configuration | tee /var/tmp/cfg", /writes the output to a file/],
    ["show log messages | save x", /writes the output to a file/],
    ["show version | display xml | save /var/tmp/v.xml", /writes the output to a file/],
    ["show version | resolve", /not a read-only output filter/],
    ["show configuration | load merge terminal", /not a read-only output filter/],
    ["show configuration > /tmp/x", /redirections/],
    ["show version; request system reboot", /redirections/],
    ["request system reboot", /"request" acts on the device/],
    ["request system software add /var/tmp/junos.tgz", /"request" acts/],
    ["request system snapshot", /"request" acts/],
    ["file copy /var/tmp/a /var/tmp/b", /not a plain file listing/],
    ["file delete /var/tmp/junos.tgz", /not a plain file listing/],
    ["file list /var/tmp; file delete x", /redirections/],
    ["configure", /"configure" enters configuration mode/],
    ["configure exclusive", /configuration mode/],
    ["edit", /configuration mode/],
    ["commit", /"commit" commits/],
    ["rollback 1", /earlier configuration/],
    ["set cli screen-length 25", /"set" changes/],
    ["set system host-name x", /"set" changes/],
    ["start shell", /Unix shell/],
    ["restart routing", /restarts a Junos process/],
    ["clear bgp neighbor all", /"clear" clears/],
    ["op upgrade.slax", /op script/],
    ["monitor traffic", /without end/],
    ["sh version", /write "show" in full/],
    ["SHOW version", /write "show" in full/],
    ["show", /incomplete/],
    ["", /empty/],
    ["show version\nrequest system reboot", /single line/],
    ["show\tversion", /printable ASCII/],
    ["frobnicate", /not a read-only Junos command/],
  ])("refuses %j", (command, reason) => {
    const verdict = juniperJunosIsReadOnly(command);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });

  it("knows its own session settings and nothing else", () => {
    expect(juniperJunosProfile.sessionSetup.every(juniperJunosIsSessionSetting)).toBe(true);
    expect(juniperJunosIsSessionSetting("set cli screen-length 25")).toBe(false);
    expect(juniperJunosIsSessionSetting("set system host-name x")).toBe(false);
  });

  it("never throws, whatever it is given (fuzzed)", () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => {
      const v = juniperJunosIsReadOnly(s);
      expect(typeof v.ok).toBe("boolean");
    }), { numRuns: 500 });
  });
});

describe("Junos prompt, pager and errors", () => {
  it.each([
    "admin@mx1> ",
    "admin@mx1>",
    "lab@srx-a.example.net# ",
    "{master:0}\nadmin@ex4650> ",
    "{primary:node0}\nroot@srx1> ",
    "{backup}\nadmin@mx1> ",
    "[edit]\nadmin@mx1# ",
    "show version\nHostname: lab\n\nadmin@lab> ",
  ])("sees the prompt in %j", (buffer) => {
    expect(juniperJunosProfile.promptPattern.test(buffer)).toBe(true);
  });

  it.each(["Hostname: lab", "Model: mx240 >", "admin@ >", "---(more)---"])("sees no prompt in %j", (buffer) => {
    expect(juniperJunosProfile.promptPattern.test(buffer)).toBe(false);
  });

  it.each(["line\n---(more)---", "line\n---(more 42%)---", "---(more 100%)--- "])("sees the pager in %j", (buffer) => {
    expect(juniperJunosProfile.pagerPattern.test(buffer)).toBe(true);
  });

  it.each([
    "                  ^\nsyntax error, expecting <command>.",
    "                      ^\nunknown command.",
    "error: the routing subsystem is not running",
    "error: command is not valid on the ex4650-48y-8c",
    "'sh' is ambiguous.",
    '<rpc-reply><xnm:error xmlns="http://xml.juniper.net/xnm/1.1/xnm"><message>syntax error</message></xnm:error></rpc-reply>',
  ])("recognises the CLI error in %j", (output) => {
    expect(juniperJunosProfile.errorPatterns.some((re) => re.test(output))).toBe(true);
  });

  it("does not take a normal output for an error", () => {
    const out = version("_qfx5100");
    expect(juniperJunosProfile.errorPatterns.some((re) => re.test(out))).toBe(false);
    expect(juniperJunosProfile.errorPatterns.some((re) => re.test(hardware("")))).toBe(false);
  });
});

describe("Junos secrets", () => {
  it("redacts password hashes, $9$ secrets and communities in both configuration forms", () => {
    const config = [
      'system { root-authentication { encrypted-password "$6$abc$def"; } }',
      'set system login user ops authentication encrypted-password "$6$xyz"',
      'set protocols bgp group ebgp authentication-key "$9$kP5Qn6Ap0Ic"',
      "set snmp community s3cr3t authorization read-only",
      'set security ike policy p pre-shared-key ascii-text "$9$AbCd"',
      "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----",
    ].join("\n");
    const out = juniperJunosRedactSecrets(config);
    for (const secret of ["$6$abc$def", "$6$xyz", "$9$kP5Qn6Ap0Ic", "s3cr3t", "$9$AbCd", "MIIB"]) expect(out).not.toContain(secret);
    expect(out).toContain(`encrypted-password ${REDACTED};`);
    expect(out).toContain(`pre-shared-key ascii-text ${REDACTED}`);
    expect(out.split("\n")).toHaveLength(6);
  });

  it("leaves a show version alone", () => {
    expect(juniperJunosRedactSecrets(version("_qfx5100"))).toBe(version("_qfx5100"));
  });
});

describe("Junos facts on real captures", () => {
  it.each([
    ["", { softwareVersion: "13.3R1.4", hostname: "lab", model: "mx240" }],
    ["_qfx5100", { softwareVersion: "21.4R3-S3.4", hostname: "asxx.xx.xx", model: "qfx5100-48t-6q" }],
    ["_ex", { softwareVersion: "13.2X51-D35.3", hostname: "lab", model: "ex4550-32f" }],
    ["_srx_cluster", { softwareVersion: "19.4R3-S1.3", hostname: "lab" }],
  ])("show version%s", (name, expected) => {
    expect(juniperJunosVersionFacts(version(name))).toMatchObject(expected);
  });

  it("a show version without any release is an error", () => {
    expect(() => juniperJunosVersionFacts("Hostname: lab\nModel: mx240\n")).toThrow(/no Junos release/);
    expect(() => juniperJunosVersionFacts("")).toThrow(/no Junos release/);
  });

  it("the chassis serial from show chassis hardware", () => {
    expect(juniperJunosChassisFacts(hardware(""))).toEqual({ serial: "A1111" });
    expect(juniperJunosChassisFacts(hardware("_dac_no_revision"))).toEqual({ serial: "XH3123120000" });
    expect(() => juniperJunosChassisFacts("garbage")).toThrow(/no Chassis line/);
  });

  it("facts parsers throw only errors on hostile output (fuzzed)", () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => {
      for (const parse of [juniperJunosVersionFacts, juniperJunosChassisFacts]) {
        try {
          parse(s);
        } catch (e) {
          expect(e).toBeInstanceOf(Error);
        }
      }
    }), { numRuns: 300 });
  });
});
