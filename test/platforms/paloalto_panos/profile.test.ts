// The PAN-OS profile: the read-only policy (what may be sent at all) and the device facts it reads.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { panos, panosHaRole, panosIsReadOnly, panosRedactSecrets } from "../../../src/platforms/paloalto_panos/profile.js";

const FIXTURES = new URL("../../../fixtures/paloalto_panos/", import.meta.url).pathname;

describe("PAN-OS read-only policy", () => {
  it.each(["show system info", "show system state filter-pretty sys.s*.p*.phy", "show jobs all | match ACT", "request license info", "check pending-changes", "set cli pager off", "set cli op-command-xml-output on"])("allows %s", (command) => {
    expect(panosIsReadOnly(command)).toEqual({ ok: true });
  });

  it.each([
    ["request restart system", /"request" commands can change/],
    ["request system software install version 10.2.4-h4", /"request" commands can change/],
    ["set deviceconfig system hostname x", /"set" commands can change/],
    ["configure", /"configure" commands/],
    ["commit", /"commit" commands/],
    ["debug software restart process management-server", /"debug" commands/],
    ["clear session all", /"clear" commands/],
    ["delete config saved x", /"delete" commands/],
    ["show system info | tee /tmp/x", /not a read-only output filter/],
    ["show system info\nrequest restart system", /single line/],
    ["", /empty/],
    // Typed into an interactive CLI, these would edit the line after the check: backspaces, Ctrl-U, escape
    // sequences (history recall), tab completion, look-alike characters.
    ["show \b\b\b\b\brequest restart system", /printable ASCII/],
    ["show x\u0015request restart system", /printable ASCII/],
    ["show x\u001b[A", /printable ASCII/],
    ["show\tsystem info", /printable ASCII/],
    ["show system info\u00a0", /printable ASCII/],
    ["SHOW system info", /lower case/],
  ])("refuses %j", (command, reason) => {
    const verdict = panosIsReadOnly(command);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok === false && verdict.reason).toMatch(reason);
  });

  it("session settings are allowed for the transport but named as such, so checks cannot use them", () => {
    expect(panos.isSessionSetting("set cli op-command-xml-output on")).toBe(true);
    expect(panos.isSessionSetting("set cli config-output-format set")).toBe(false);
    expect(panosIsReadOnly("set cli config-output-format set").ok).toBe(false);
  });
});

describe("PAN-OS facts", () => {
  it("reads hostname, model, serial and version from the real `show system info` capture", () => {
    const raw = readFileSync(`${FIXTURES}show_system_info/ntc-templates__tests__paloalto_panos__show_system_info__paloalto_panos_show_system_info.raw`, "utf8");
    expect(panos.facts[0]!.parse(raw)).toMatchObject({ hostname: "pa1", model: "PA-VM", serial: "unknown", softwareVersion: "7.0.1", uptime: "2 days, 2:38:49" });
  });

  it("reads the HA role from the local section, and standalone when HA is off", () => {
    const all = readFileSync(`${FIXTURES}show_high-availability_all/ntc-templates__tests__paloalto_panos__show_high-availability_all__paloalto_panos_show_high-availability_all.raw`, "utf8");
    expect(panosHaRole(all)).toEqual({ haRole: "active" });
    expect(panosHaRole("HA not enabled\n")).toEqual({ haRole: "standalone" });
    expect(panosHaRole("something else")).toEqual({});
  });
});

describe("PAN-OS secret redaction", () => {
  it("removes private keys, password hashes and shared secrets from XML, set-format and PEM output", () => {
    const xml = "<entry><private-key>-AQ==c2VjcmV0</private-key><phash>$5$abc</phash><pre-shared-key><key>-AQ==psk</key></pre-shared-key><key-size>2048</key-size><common-name>fw</common-name></entry>";
    const out = panosRedactSecrets(xml);
    expect(out).not.toMatch(/c2VjcmV0|\$5\$abc|-AQ==psk/);
    expect(out).toContain("<key-size>2048</key-size>");
    expect(out).toContain("<common-name>fw</common-name>");
    const pem = "cert\n-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQww\n-----END ENCRYPTED PRIVATE KEY-----\n";
    expect(panosRedactSecrets(pem)).toBe("cert\n[redacted by preflight]\n");
    expect(panosRedactSecrets("set mgt-config users admin phash $1$salt$hash\nset deviceconfig system hostname fw1\n")).toBe("set mgt-config users admin phash [redacted by preflight]\nset deviceconfig system hostname fw1\n");
  });

  it("covers the brace (default), JSON and set formats, attributes and every secret-bearing name", () => {
    expect(panosRedactSecrets("mgt-config {\n  users {\n    admin {\n      phash $1$abc$SECRET;\n")).not.toContain("SECRET");
    expect(panosRedactSecrets('{"phash": "$1$JSONSECRET", "name": "admin"}')).toBe('{"phash": "[redacted by preflight]", "name": "admin"}');
    expect(panosRedactSecrets('<key encrypted="1">-AQ==SECRET</key>')).toBe('<key encrypted="1">[redacted by preflight]</key>');
    for (const name of ["bind-password", "passphrase", "authentication-key", "auth-password", "api-key", "radius-secret"]) {
      expect(panosRedactSecrets(`<${name}>-AQ==SECRET</${name}>`)).not.toContain("SECRET");
      expect(panosRedactSecrets(`set shared x ${name} -AQ==SECRET`)).not.toContain("SECRET");
    }
    expect(panosRedactSecrets("<public-key>-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----</public-key>")).toContain("BEGIN CERTIFICATE");
  });

  it("leaves ordinary output alone", () => {
    const raw = readFileSync(`${FIXTURES}show_system_info/ntc-templates__tests__paloalto_panos__show_system_info__paloalto_panos_show_system_info.raw`, "utf8");
    expect(panosRedactSecrets(raw)).toBe(raw);
  });
});
