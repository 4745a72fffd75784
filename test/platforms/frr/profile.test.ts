// The FRR profile: the read-only policy (with the dangerous near-misses), the vtysh prompt and error patterns,
// secret redaction, and the facts read from a `show version` captured from real FRR 8.4.4.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { frrIsReadOnly, frrProfile, frrRedactSecrets, frrVersionFacts, REDACTED } from "../../../src/platforms/frr/profile.js";
import { platformPlugin } from "../../../src/platforms/registry.js";

const FIXTURES = new URL("../../../fixtures/frr/", import.meta.url).pathname;

describe("FRR read-only policy", () => {
  it.each([
    "show version",
    "show bgp vrf all summary json",
    "show ip ospf neighbor json",
    "show interface json",
    "show ip route summary json",
    "show daemons",
    "show running-config",
    "terminal length 0",
  ])("allows %s", (command) => {
    expect(frrIsReadOnly(command)).toEqual({ ok: true });
  });

  it.each([
    ["write memory", /"write" saves/],
    ["write terminal", /"write" saves/],
    ["wr", /not a read-only FRR command/],
    ["copy running-config startup-config", /"copy" writes/],
    ["configure terminal", /"configure" enters configuration mode/],
    ["conf t", /not a read-only FRR command/],
    ["clear bgp *", /"clear" clears BGP sessions/],
    ["clear ip ospf process", /"clear"/],
    ["debug bgp updates", /"debug" turns on debugging/],
    ["no debug all", /"no" negates/],
    ["terminal length 24", /preflight sets the pager/],
    ["terminal monitor", /preflight sets the pager/],
    ["start-shell", /shell/],
    ["ping 127.0.0.1", /sends packets/],
    ["show running-config | include bgp", /vtysh has no output pipes/],
    ["show running-config | tee /tmp/x", /vtysh has no output pipes/],
    ["show running-config > /tmp/x", /redirections/],
    ["show running-config >> /tmp/x", /redirections/],
    ["show version; write memory", /redirections .* shell characters/],
    ["show version && write", /shell characters/],
    ["show $(reboot)", /shell characters/],
    ["show ?", /asks vtysh for help/],
    ["sh version", /write "show" in full/],
    ["SHOW version", /write "show" in full/],
    ["show", /incomplete/],
    ["", /empty/],
    ["show version\nwrite memory", /single line/],
    ["show version\twrite", /printable ASCII/],
  ])("refuses %j", (command, reason) => {
    const verdict = frrIsReadOnly(command);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });

  it("is the registered frr plugin's policy, and the pager setting is the session's own", () => {
    const plugin = platformPlugin("frr")!;
    expect(plugin.isReadOnly).toBe(frrIsReadOnly);
    expect(plugin.sessionSetup).toEqual(["terminal length 0"]);
    expect(plugin.isSessionSetting("terminal length 0")).toBe(true);
    expect(plugin.isSessionSetting("show version")).toBe(false);
  });
});

describe("FRR prompts and errors", () => {
  it.each(["r1# ", "\nr1#", "out\nedge-rtr.lab>", "r1(config)# ", "r1(config-router)#"])("matches the prompt %j", (buffer) => {
    expect(frrProfile.promptPattern.test(buffer)).toBe(true);
  });

  it.each(["r1", "the # sign", "line\n# comment", "[root@host ~]$ "])("does not match %j", (buffer) => {
    expect(frrProfile.promptPattern.test(buffer)).toBe(false);
  });

  // Printed by real FRR 8.4.4's vtysh for `show bogus` and `show ip`.
  it.each(["% Unknown command: show bogus", "% Command incomplete: show ip", "% Ambiguous command: show i"])("reads %j as a CLI error", (out) => {
    expect(frrProfile.errorPatterns.some((re) => re.test(out))).toBe(true);
  });

  it("does not read a normal output as an error", () => {
    const out = readFileSync(`${FIXTURES}show_version/real-frr-8.4.4__r1.txt`, "utf8");
    expect(frrProfile.errorPatterns.some((re) => re.test(out))).toBe(false);
  });
});

describe("FRR secrets", () => {
  it("redacts passwords and keys, keeping the keywords", () => {
    const config = [
      "password zebra",
      "enable password 8 abcdEFGH",
      " neighbor 10.0.0.1 password s3cr3t",
      " ip ospf authentication-key k3y",
      " ip ospf message-digest-key 1 md5 d1g3st",
      "  key-string chainkey",
      "router bgp 65001",
    ].join("\n");
    expect(frrRedactSecrets(config)).toBe(
      [
        `password ${REDACTED}`,
        `enable password 8 ${REDACTED}`,
        ` neighbor 10.0.0.1 password ${REDACTED}`,
        ` ip ospf authentication-key ${REDACTED}`,
        ` ip ospf message-digest-key 1 md5 ${REDACTED}`,
        `  key-string ${REDACTED}`,
        "router bgp 65001",
      ].join("\n"),
    );
    for (const secret of ["zebra", "abcdEFGH", "s3cr3t", "k3y", "d1g3st", "chainkey"]) expect(frrRedactSecrets(config)).not.toContain(secret);
  });
});

describe("FRR facts", () => {
  it("reads version, hostname and kernel from real FRR 8.4.4's show version", () => {
    const out = readFileSync(`${FIXTURES}show_version/real-frr-8.4.4__r1.txt`, "utf8");
    expect(frrVersionFacts(out)).toEqual({ softwareVersion: "8.4.4", hostname: "vm", os: "Linux(6.18.44-fc-v1252)" });
    expect(frrProfile.facts.map((f) => f.command)).toEqual(["show version"]);
  });

  it("throws on anything that is not FRR's show version", () => {
    expect(() => frrVersionFacts("% Unknown command: show version")).toThrow(/not the output of FRR's show version/);
    expect(() => frrVersionFacts("Cisco IOS Software, Version 15.2")).toThrow();
  });
});
