// The EOS profile: the read-only policy (what may be sent at all, with the dangerous near-misses), the prompt
// and error patterns, secret redaction on a real running-config, and the facts read from real `| json` outputs.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { aristaEosIsReadOnly, aristaEosProfile, aristaEosRedactSecrets, formatUptime, REDACTED } from "../../../src/platforms/arista_eos/profile.js";
import { matchingLine } from "../../../src/transport/cli-output.js";

const FIXTURES = new URL("../../../fixtures/arista_eos/", import.meta.url).pathname;
const fixture = (path: string): string => readFileSync(`${FIXTURES}${path}`, "utf8");

describe("EOS read-only policy", () => {
  it.each([
    "show version | json",
    "show hostname | json",
    "show running-config diffs",
    "show ip bgp summary vrf all | json",
    "show system environment power | json",
    "show interfaces status | include connected",
    "show logging | exclude Ethernet1 | no-more",
    "show running-config | section router bgp",
    "dir flash:",
    "dir /recursive flash:/persist",
    "dir",
    "terminal length 0",
    "terminal width 32767",
  ])("allows %s", (command) => {
    expect(aristaEosIsReadOnly(command)).toEqual({ ok: true });
  });

  it.each([
    ["configure terminal", /"configure" enters configuration mode/],
    ["configure session upgrade", /configuration mode/],
    ["conf t", /not a read-only EOS command/],
    ["write memory", /"write" saves/],
    ["wr", /not a read-only EOS command/],
    ["copy running-config startup-config", /"copy" writes/],
    ["copy http://10.0.0.1/EOS-4.30.2F.swi flash:", /"copy" writes/],
    ["reload", /"reload" restarts/],
    ["reload now", /"reload" restarts/],
    ["bash", /"bash" starts a Linux shell/],
    ["bash timeout 10 df -h", /Linux shell/],
    ["enable", /"enable" raises the session's privilege/],
    ["delete flash:EOS-4.28.3M.swi", /"delete" deletes/],
    ["install source flash:EOS-4.30.2F.swi", /installs software/],
    ["boot system flash:EOS-4.30.2F.swi", /boot configuration/],
    ["clear counters", /"clear" clears/],
    ["session peer-supervisor show version", /another supervisor/],
    ["terminal monitor", /preflight sets the pager/],
    ["terminal length 25", /preflight sets the pager/],
    ["python-shell", /Python/],
    ["no hostname", /not a read-only/],
    // Output redirections and writing filters.
    ["show running-config | tee flash:backup.cfg", /"\| tee flash:backup.cfg" is not a read-only output filter/],
    ["show running-config | redirect flash:x", /is not a read-only output filter/],
    ["show running-config | append flash:x", /is not a read-only output filter/],
    ["show running-config > flash:x", /redirections/],
    ["show running-config >> flash:x", /redirections/],
    ["show version | bash", /is not a read-only output filter/],
    ["show version | grep EOS", /is not a read-only output filter/],
    ["show version | awk '{print $1}'", /is not a read-only output filter/],
    ["show version | js", /is not a read-only output filter/],
    ["show version | include", /is not a read-only output filter/],
    ["show version; reload", /shell characters/],
    ["show version `reload`", /shell characters/],
    ["show version $(reload)", /shell characters/],
    // Abbreviations and case: EOS would run them, the policy does not guess what they expand to.
    ["sh run", /write "show" in full/],
    ["SHOW version", /write "show" in full/],
    ["Show version", /write "show" in full/],
    ["show", /incomplete/],
    ["dir flash: | tee x", /not a read-only output filter/],
    ["dir flash:; delete flash:x", /shell characters/],
    ["dir flash: usb1:", /not a plain directory listing/],
    // Lines an interactive CLI would edit after the check.
    ["show version\nreload", /single line/],
    ["show \b\b\b\breload", /printable ASCII/],
    ["show x\u0015reload", /printable ASCII/],
    ["show\tversion", /printable ASCII/],
    ["", /empty/],
  ])("refuses %j", (command, reason) => {
    const verdict = aristaEosIsReadOnly(command);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok === false && verdict.reason).toMatch(reason);
  });

  it("the pager and width settings are session settings: preflight sends them, checks may not", () => {
    expect(aristaEosProfile.sessionSetup.every((c) => aristaEosProfile.isSessionSetting(c) && aristaEosIsReadOnly(c).ok)).toBe(true);
    expect(aristaEosProfile.isSessionSetting("show version")).toBe(false);
    expect(aristaEosProfile.isSessionSetting("terminal monitor")).toBe(false);
  });
});

describe("EOS prompt and CLI errors", () => {
  const prompt = (tail: string): string | undefined => aristaEosProfile.promptPattern.exec(tail)?.[0].replace(/^\n/, "");
  it.each([
    ["Last login: Mon Jan 13 09:12:44 2025\nleaf1#", "leaf1#"],
    ["\nleaf1>", "leaf1>"],
    ["\nleaf1.dc1-fra#", "leaf1.dc1-fra#"],
    ["\nleaf1(config)#", "leaf1(config)#"],
    ["\nleaf1(config-if-Et1)#", "leaf1(config-if-Et1)#"],
    ["\nloc1-core01(s1)(config-s-upgrade)#", "loc1-core01(s1)(config-s-upgrade)#"],
    ["\neos1# ", "eos1# "],
  ])("matches the prompt at the end of %j", (tail, expected) => {
    expect(prompt(tail)).toBe(expected);
  });

  it.each(["\n[admin@leaf1 ~]$ ", "\nleaf1# show version", "\n --More-- ", "\nPassword:"])("does not take %j for an EOS prompt", (tail) => {
    expect(prompt(tail)).toBeUndefined();
  });

  it.each([
    ["% Invalid input (at token 1: 'foo')", "% Invalid input (at token 1: 'foo')"],
    ["% Invalid input (privileged mode required)", "% Invalid input (privileged mode required)"],
    ["% Incomplete command", "% Incomplete command"],
    ["% Ambiguous command", "% Ambiguous command"],
    ["% Unavailable command (not supported on this hardware platform)", "% Unavailable command (not supported on this hardware platform)"],
    ['{\n    "errors": [\n        "This is an unconverted command"\n    ]\n}', '"errors": ['],
  ])("recognises the CLI error %j", (output, line) => {
    expect(matchingLine(output, aristaEosProfile.errorPatterns)).toBe(line);
  });

  it("does not take a JSON answer or a log line mentioning an error for a CLI error", () => {
    expect(matchingLine(fixture("show_ip_bgp_summary_vrf_all_json/napalm__test__eos__mocked_data__test_get_bgp_neighbors__normal__show_ip_bgp_summary_vrf_all.json"), aristaEosProfile.errorPatterns)).toBeUndefined();
    expect(matchingLine('{"errors": 0, "state": "ok"}', aristaEosProfile.errorPatterns)).toBeUndefined();
    expect(matchingLine("Jan 13 09:12:44 leaf1 Cli: % Invalid input from user bob", aristaEosProfile.errorPatterns)).toBeUndefined();
  });

  it("recognises the pager on the last line only", () => {
    expect(aristaEosProfile.pagerPattern.test("line 23\n --More-- ")).toBe(true);
    expect(aristaEosProfile.pagerPattern.test(" --More-- is printed by the pager\nleaf1#")).toBe(false);
  });
});

describe("EOS secret redaction", () => {
  // scrapli's functional-test recording of `show run` on cEOS 4.33.1F (MIT): sha512 hashes, an SNMP community.
  const running = fixture("show_running-config/scrapli__tests__functional__golden__cli__send-input-arista-eos-ssh2-same-mode-pagination-retain-input-and-trailing-prompt");

  it("removes every hash and the community from a real running-config, and keeps the public SSH keys", () => {
    const redacted = aristaEosRedactSecrets(running);
    expect(running).toMatch(/\$6\$/);
    expect(redacted).not.toMatch(/\$6\$/);
    expect(redacted).toContain(`enable password sha512 ${REDACTED}`);
    expect(redacted).toContain(`username admin role network-admin secret sha512 ${REDACTED}`);
    expect(redacted).toContain(`snmp-server community ${REDACTED} ro`);
    expect(redacted).toContain("ssh-key ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB+SagqWzUmmTTvY5Vygtovc46wiHHzCk9zr7NHMaBNc user@host");
    expect(redacted).toContain("hostname eos1");
    // Nothing else changes: the same number of lines, the same configuration around the secrets.
    expect(redacted.split("\n").length).toBe(running.split("\n").length);
  });

  it.each([
    ["   neighbor 10.0.0.1 password 7 0KGQ/ALvONMEL7rLfOMKvw==", `   neighbor 10.0.0.1 password 7 ${REDACTED}`],
    ["tacacs-server host 10.1.1.1 key 7 070C285F4D06", `tacacs-server host 10.1.1.1 key 7 ${REDACTED}`],
    ["   ip ospf message-digest-key 1 md5 7 ABCDEF0123", `   ip ospf message-digest-key 1 md5 7 ${REDACTED}`],
    ["ntp authentication-key 1 md5 7 0207165218120E", `ntp authentication-key 1 md5 7 ${REDACTED}`],
    ["username bob secret 0 plaintext", `username bob secret 0 ${REDACTED}`],
    ["+username bob privilege 15 secret sha512 $6$abc", `+username bob privilege 15 secret sha512 ${REDACTED}`],
    ["Aboot password (encrypted): $1$ap1QMbmz$DTqsFYeauuMSa7/Qxbi2l1", `Aboot password (encrypted): ${REDACTED}`],
    ["Aboot password (encrypted): (not set)", "Aboot password (encrypted): (not set)"],
    ["-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----", REDACTED],
  ])("redacts %j", (line, expected) => {
    expect(aristaEosRedactSecrets(line)).toBe(expected);
  });

  it("leaves every real capture that holds no secret unchanged (dir, inventory, the JSON outputs)", () => {
    const files = [
      "dir_flash/ntc-templates__tests__arista_eos__dir__arista_eos_dir_flash.raw",
      "show_inventory/ntc-templates__tests__arista_eos__show_inventory__arista_eos_show_inventory2.raw",
      "show_version_json/napalm__test__eos__mocked_data__test_get_environment__issue810_7010t__show_version.json",
      "show_system_environment_power_json/napalm__test__eos__mocked_data__test_get_environment__normal__show_system_environment_power.json",
      "show_ip_bgp_summary_vrf_all_json/napalm__test__eos__mocked_data__test_get_bgp_neighbors__normal__show_ip_bgp_summary_vrf_all.json",
    ];
    for (const file of files) expect(aristaEosRedactSecrets(fixture(file)), file).toBe(fixture(file));
  });

  it("leaves a real show boot-config readable for the checks", () => {
    const boot = fixture("show_boot-config/ntc-templates__tests__arista_eos__show_boot-config__arista_eos_show_boot-config.raw");
    expect(aristaEosRedactSecrets(boot)).toBe(`Software image: flash:/EOS-2.2.0.swi\nConsole speed: (not set)\nAboot password (encrypted): ${REDACTED}\n`.replace(/\n$/, boot.endsWith("\n") ? "\n" : ""));
  });
});

describe("EOS facts", () => {
  const [version, hostname] = aristaEosProfile.facts;

  it("reads model, serial, release and uptime from a real 7010T `show version | json`", () => {
    expect(version!.command).toBe("show version | json");
    expect(version!.parse(fixture("show_version_json/napalm__test__eos__mocked_data__test_get_environment__issue810_7010t__show_version.json"))).toEqual({
      model: "DCS-7010T-48-R",
      serial: "SSJ12345678",
      softwareVersion: "4.20.7M",
      uptime: "67 days, 19:52:41",
      macAddress: "28:99:3a:23:92:09",
      architecture: "i386",
    });
  });

  it("leaves vEOS's empty serial unknown and has no uptime on EOS 4.15 (real capture)", () => {
    const facts = version!.parse(fixture("show_version_json/napalm__test__eos__mocked_data__test_get_facts__normal__show_version.json"));
    expect(facts).toMatchObject({ model: "vEOS", softwareVersion: "4.15.5M" });
    expect(facts.serial).toBeUndefined();
    expect(facts.uptime).toBeUndefined();
  });

  it("keeps cEOS's engineering-build version as printed (the version ordering reads it)", () => {
    expect(version!.parse(fixture("show_version_json/napalm__test__eos__mocked_data__test_get_environment__ceos430__show_version.json")).softwareVersion).toBe("4.30.0F-31408673.4300F (engineering build)");
  });

  it("reads the hostname from a real `show hostname | json`", () => {
    expect(hostname!.parse(fixture("show_hostname_json/napalm__test__eos__mocked_data__test_get_facts__normal__show_hostname.json"))).toEqual({ hostname: "localhost", fqdn: "localhost" });
  });

  it.each(["", "Arista vEOS\nSoftware image version: 4.14.7M", "[]", '{"modelName": "vEOS"}', "{"])("refuses %j instead of guessing", (output) => {
    expect(() => version!.parse(output)).toThrow();
  });

  it("words uptimes as show version does", () => {
    expect(formatUptime(59)).toBe("0:00:59");
    expect(formatUptime(86400 + 3661)).toBe("1 day, 1:01:01");
  });
});
