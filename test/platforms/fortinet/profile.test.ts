// The FortiOS profile: the read-only policy (what may be sent, with the dangerous near-misses), the prompt, pager
// and error patterns, secret redaction, and the facts read from real `get system status` captures.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fortinetIsReadOnly, fortinetProfile, fortinetRedactSecrets, REDACTED } from "../../../src/platforms/fortinet/profile.js";
import { matchingLine } from "../../../src/transport/cli-output.js";

const FIXTURES = new URL("../../../fixtures/fortinet/", import.meta.url).pathname;
const fixture = (path: string): string => readFileSync(`${FIXTURES}${path}`, "utf8");

describe("FortiOS read-only policy", () => {
  it.each([
    "get system status",
    "get system ha status",
    "get system performance status",
    "get router info bgp summary",
    "get system interface transceiver",
    "get sys stat",
    "show full-configuration system interface",
    "show system console",
    "get system status | grep Version",
    "get system ha status | grep -i -v sync",
    "diagnose sys ha status",
    "diagnose sys ha checksum cluster",
    "diagnose sys ha checksum show root",
    "diagnose sys flash list",
    "diagnose hardware sysinfo conserve",
    "diagnose autoupdate versions",
    "diagnose debug crashlog read",
    "execute date",
    "execute time",
    "execute disk list",
  ])("allows %s", (command) => {
    expect(fortinetIsReadOnly(command)).toEqual({ ok: true });
  });

  it.each([
    ["config system console", /"config" enters a configuration context/],
    ["config global", /configuration context/],
    ["set output standard", /"set" changes a setting/],
    ["unset output", /resets/],
    ["edit port1", /creates or opens/],
    ["delete 1", /deletes/],
    ["purge", /every entry/],
    ["end", /saves/],
    ["next", /saves/],
    ["execute reboot", /restarts/],
    ["execute shutdown", /powers off/],
    ["execute restore image tftp FGT_40F-v7-build0632.out 10.0.0.1", /writes the configuration or an image/],
    ["execute backup config tftp fgt.conf 10.0.0.1", /copies it off/],
    ["execute factoryreset", /erases/],
    ["execute factoryreset2", /erases/],
    ["execute update-now", /FortiGuard update/],
    ["execute date 2024-01-01", /sets the system clock/],
    ["execute time 12:00:00", /sets the system clock/],
    ["execute disk format 1", /formats/],
    ["execute formatlogdisk", /formats the log disk/],
    ["execute ha manage 1 admin", /HA cluster/],
    ["execute ha failover set 1", /HA cluster/],
    ["execute ping 10.0.0.1", /not one of the execute forms/],
    ["diagnose sys kill 11 1234", /kills a process/],
    ["diagnose debug enable", /changes debug state/],
    ["diagnose debug application ike -1", /changes debug state/],
    ["diagnose debug reset", /changes debug state/],
    ["diagnose debug crashlog clear", /changes debug state/],
    ["diagnose sys ha checksum recalculate", /recalculates/],
    ["diagnose sys session clear", /clears sessions/],
    ["diagnose sys ha status extra", /not one of the diagnose forms/],
    ["diagnose hardware deviceinfo disk", /not one of the diagnose forms/],
    ["dia sys ha status", /write "diagnose" in full/],
    ["diag sys ha status", /write "diagnose" in full/],
    ["exe reboot", /write "execute" in full/],
    ["exec date", /write "execute" in full/],
    ["GET system status", /write "get" in full/],
    ["sh full-configuration", /write "show" in full/],
    ["get", /incomplete/],
    ["show", /incomplete/],
    ["sudo global get system status", /another scope/],
    ["get system status | tee x", /not a read-only output filter/],
    ["get system status | grep", /not a read-only output filter/],
    ["get system status > x", /redirections/],
    ["get system status; execute reboot", /shell characters/],
    ["get system status\nexecute reboot", /single line/],
    ["get system\tstatus", /printable ASCII/],
    ["get sys \b\b\b\b\bexecute reboot", /printable ASCII/],
    ["", /empty/],
  ])("refuses %j", (command, reason) => {
    const verdict = fortinetIsReadOnly(command);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok === false && verdict.reason).toMatch(reason);
  });

  it("sends no session set-up at all (set output standard would change the configuration)", () => {
    expect(fortinetProfile.sessionSetup).toEqual([]);
    expect(fortinetProfile.isSessionSetting("config system console")).toBe(false);
  });
});

describe("FortiOS prompt, pager and CLI errors", () => {
  const prompt = (tail: string): string | undefined => fortinetProfile.promptPattern.exec(tail)?.[0].replace(/^\n/, "");
  it.each([
    ["\nFGT-fw-a # ", "FGT-fw-a # "],
    ["\nFGT-fw-a $ ", "FGT-fw-a $ "],
    ["\nFGT60F (root) # ", "FGT60F (root) # "],
    ["\nFGT60F (global) # ", "FGT60F (global) # "],
    ["\nFGT60F (console) # ", "FGT60F (console) # "],
    ["fw1 #", "fw1 #"],
  ])("matches the prompt at the end of %j", (tail, expected) => {
    expect(prompt(tail)).toBe(expected);
  });

  it.each(["\nFGT-fw-a # get system status", "\n--More-- ", "\nPassword: ", "\nfw1#"])("does not take %j for a FortiOS prompt", (tail) => {
    expect(prompt(tail)).toBeUndefined();
  });

  it.each([
    ["Unknown action 0\nCommand fail. Return code -1", "Unknown action 0"],
    ["command parse error before 'statu'\nCommand fail. Return code -61", "command parse error before 'statu'"],
    ["Command fail. Return code -160", "Command fail. Return code -160"],
  ])("recognises the CLI error in %j", (output, line) => {
    expect(matchingLine(output, fortinetProfile.errorPatterns)).toBe(line);
  });

  it("takes no real capture for a CLI error", () => {
    for (const command of ["get_system_status", "get_system_ha_status"]) {
      for (const f of readdirSync(`${FIXTURES}${command}`).filter((n) => n.endsWith(".raw"))) expect(matchingLine(fixture(`${command}/${f}`), fortinetProfile.errorPatterns), f).toBeUndefined();
    }
  });

  it("recognises the pager on the last line only, and the post-login disclaimer", () => {
    expect(fortinetProfile.pagerPattern.test("Hostname: fw1\n--More-- ")).toBe(true);
    expect(fortinetProfile.pagerPattern.test("--More-- \r         \rHostname: fw1\nfw1 # ")).toBe(false);
    expect(fortinetProfile.bannerPattern.test("Authorised use only.\n(Press 'a' to accept):")).toBe(true);
  });
});

describe("FortiOS secret redaction", () => {
  it.each([
    ["    set password ENC SH2abcdefgh1234567890=", `    set password ${REDACTED}`],
    ["        set psksecret ENC 0Xy1Zq==", `        set psksecret ${REDACTED}`],
    ['        set passwd ENC "abc def"', `        set passwd ${REDACTED}`],
    ["        set secret ENC xyz", `        set secret ${REDACTED}`],
    ["        set key ENC xyz", `        set key ${REDACTED}`],
    ["        set auth-pwd ENC xyz", `        set auth-pwd ${REDACTED}`],
    ['set private-key "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIE\n-----END ENCRYPTED PRIVATE KEY-----"', `set private-key ${REDACTED}`],
  ])("redacts %j", (line, expected) => {
    expect(fortinetRedactSecrets(line)).toBe(expected);
  });

  it.each(["        set keylife 28800", "    set password-policy enable", "    set admintimeout 480"])("keeps %j", (line) => {
    expect(fortinetRedactSecrets(line)).toBe(line);
  });

  it("leaves every real capture unchanged", () => {
    for (const command of ["get_system_status", "get_system_ha_status"]) {
      for (const f of readdirSync(`${FIXTURES}${command}`).filter((n) => n.endsWith(".raw"))) expect(fortinetRedactSecrets(fixture(`${command}/${f}`)), f).toBe(fixture(`${command}/${f}`));
    }
  });
});

describe("FortiOS facts", () => {
  const [status, performance] = fortinetProfile.facts;
  const ntc = (variant: string) => fixture(`get_system_status/ntc-templates__tests__fortinet__get_system_status__fortinet_get_system_status${variant}.raw`);

  it("reads hostname, model, serial, version, build and the HA role from a real 7.0 HA primary", () => {
    expect(status!.parse(ntc("_7.0_40f"))).toEqual({
      hostname: "FGT-fw-a", model: "FortiGate-40F", serial: "FGT40XXXXXXXXXXX", softwareVersion: "7.0.15", build: "0632", releaseLabel: "GA.M",
      haMode: "a-p", haRole: "primary", clusterUptime: "31 days, 21 hours, 46 minutes, 28 seconds", vdomMode: "disable",
    });
  });

  it("matches ntc-templates' expected parse on every real get system status capture", () => {
    for (const f of readdirSync(`${FIXTURES}get_system_status`).filter((n) => n.endsWith(".raw"))) {
      const yml = fixture(`get_system_status/${f.replace(/\.raw$/, ".yml")}`);
      const facts = status!.parse(fixture(`get_system_status/${f}`));
      expect(yml, f).toContain(`hostname: "${facts.hostname}"`);
      expect(yml, f).toContain(`serial_number: "${facts.serial}"`);
      expect(yml, f).toContain(`version: "${facts.model} v${facts.softwareVersion},build${facts.build}`);
    }
  });

  it("reads a standalone unit and the VM model (real captures)", () => {
    expect(status!.parse(ntc("_7.4.8"))).toMatchObject({ model: "FortiGate-60F", softwareVersion: "7.4.8", haMode: "standalone" });
    expect(status!.parse(ntc("_7.4.8")).haRole).toBeUndefined();
    expect(status!.parse(ntc("_7.0_eval")).model).toBe("FortiGate-VM64-KVM");
  });

  it.each(["", "Hostname: fw1\n", "Version: something else\n", "Unknown action 0"])("refuses %j instead of guessing", (output) => {
    expect(() => status!.parse(output)).toThrow();
  });

  it("reads the uptime from get system performance status", () => {
    expect(performance!.parse(fixture("get_system_performance_status/written-by-preflight__healthy.txt"))).toEqual({ uptime: "31 days, 21 hours, 46 minutes" });
    expect(() => performance!.parse("CPU states: 0% idle\n")).toThrow();
  });
});
