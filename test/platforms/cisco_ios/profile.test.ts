// The cisco_ios session profile: the read-only policy on the dangerous near-misses, prompts (configuration mode is
// never a prompt), CLI errors, and facts from real show version captures (ntc-templates) through the TextFSM template.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ciscoIosIsReadOnly, ciscoIosIsSessionSetting, ciscoIosProfile, ciscoIosVersionFacts } from "../../../src/platforms/cisco_ios/profile.js";
import { ciscoXeVersionFacts } from "../../../src/platforms/cisco_xe/index.js";
import { packagePath } from "../../../src/util/package-root.js";

const version = (n: string): string => readFileSync(packagePath("fixtures", "cisco_ios", "show_version", `ntc-templates__tests__cisco_ios__show_version__cisco_ios_show_version${n}.raw`), "utf8");

describe("the IOS read-only policy", () => {
  it.each(["show version", "sh ver", "sho run", "show running-config | include hostname", "show run | i ^interface", "show run | sec bgp", "show log | begin Jan", "show ip int br | e unassigned", "show run | count interface", "dir", "dir flash:", "dir /all bootflash:/", "show archive config differences", "terminal length 0", "terminal width 511"])("allows %s", (command) => {
    expect(ciscoIosIsReadOnly(command)).toEqual({ ok: true });
  });

  it.each([
    ["show run | redirect flash:run.txt", "read-only output filter"],
    ["show run | red flash:x", "read-only output filter"],
    ["show tech | tee flash:tech.txt", "read-only output filter"],
    ["show run | append ftp://x/y", "read-only output filter"],
    ["show run | format flash:spec.odm", "read-only output filter"],
    ["show run | include", "read-only output filter"],
    ["show run | i a | redirect flash:x", "only one output modifier"],
    ["copy running-config startup-config", "(copy) writes"],
    ["copy run start", "(copy)"],
    ["write memory", "(write)"],
    ["wr", "(write)"],
    ["write erase", "(write)"],
    ["reload", "(reload) restarts"],
    ["reload in 5", "(reload)"],
    ["configure terminal", "(configure) enters configuration mode"],
    ["conf t", "(configure)"],
    ["delete /force flash:old.bin", "(delete)"],
    ["request platform software package clean", "(request)"],
    ["install add file bootflash:x.bin activate commit", "(install)"],
    ["archive download-sw /overwrite tftp://x/y.tar", "(archive)"],
    ["send *", "(send)"],
    ["clear counters", "(clear)"],
    ["debug all", "(debug)"],
    ["format flash:", "(format)"],
    ["squeeze flash:", "(squeeze)"],
    ["enable", "(enable)"],
    ["tclsh", "(tclsh)"],
    ["terminal monitor", "(terminal)"],
    ["hw-module module 1 reset", "(hw-module)"],
    ["redundancy force-switchover", "(redundancy)"],
    ["show", "incomplete"],
    ["show run\nreload", "single line"],
    ["show run\treload", "printable ASCII"],
    ["show ?", "help"],
    ["dir flash: ; delete x", "not a plain directory listing"],
    ["s run", "not a read-only IOS command"],
  ])("refuses %s", (command, reason) => {
    const verdict = ciscoIosIsReadOnly(command);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toContain(reason);
  });

  it("knows its own session settings and no others", () => {
    expect(["terminal length 0", "terminal width 511"].every(ciscoIosIsSessionSetting)).toBe(true);
    expect(ciscoIosIsSessionSetting("terminal monitor")).toBe(false);
    expect(ciscoIosProfile.sessionSetup).toEqual(["terminal length 0", "terminal width 511"]);
  });
});

describe("the IOS prompt and errors", () => {
  it("recognises exec and privileged prompts, never configuration mode", () => {
    for (const p of ["\nrouter1>", "\nrouter1#", "\ncore-sw.dc1#", "core-sw.dc1# "]) expect(ciscoIosProfile.promptPattern.test(p)).toBe(true);
    for (const p of ["\nrouter1(config)#", "\nrouter1(config-if)#", "\nrouter1(config-router)#", "\nrommon 1 >"]) expect(ciscoIosProfile.promptPattern.test(p)).toBe(false);
  });

  it("recognises IOS's error lines and not a configuration that mentions them", () => {
    for (const e of ["          ^\n% Invalid input detected at '^' marker.", "% Incomplete command.", "% Ambiguous command:  \"sh i\"", "% Authorization failed."]) expect(ciscoIosProfile.errorPatterns.some((re) => re.test(e))).toBe(true);
    expect(ciscoIosProfile.errorPatterns.some((re) => re.test("description % Invalid input detected is a joke"))).toBe(false);
  });

  it("answers the --More-- pager", () => {
    expect(ciscoIosProfile.pagerPattern.test("line\n --More-- ")).toBe(true);
  });
});

describe("facts from real show version captures", () => {
  it("reads a classic IOS Catalyst 4948E", () => {
    expect(ciscoIosVersionFacts(version(""))).toEqual({ hostname: "router1", softwareVersion: "12.2(54)SG1", model: "WS-C4948E", serial: "CAT1451S15C", uptime: "2 years, 31 weeks, 6 days, 9 hours, 55 minutes", runningImage: "cat4500e-entservicesk9-mz.122-54.SG1.bin", configRegister: "0x2102" });
  });

  it("reads IOS XE and its boot mode", () => {
    expect(ciscoXeVersionFacts(version("4"))).toMatchObject({ softwareVersion: "16.9.3", model: "C9500-40X", runningImage: "packages.conf", bootMode: "install" });
    expect(ciscoXeVersionFacts(version("2"))).toMatchObject({ softwareVersion: "15.3(2)S1", model: "ASR1001", bootMode: "bundle" });
  });

  it("refuses output that is not show version", () => {
    expect(() => ciscoIosVersionFacts("% Invalid input detected at '^' marker.\n")).toThrow(/not the output of show version/);
  });
});
