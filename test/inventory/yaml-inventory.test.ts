// YAML inventory: inheritance (host > groups in order, each before its parents > defaults), and every problem
// reported at once at the right file:line:col.
import { describe, expect, it } from "vitest";
import { parseYamlInventory } from "../../src/inventory/yaml-inventory.js";
import type { Device, Inventory } from "../../src/inventory/types.js";
import { formatDiagnostic } from "../../src/util/diagnostics.js";

function load(text: string): Inventory {
  const { inventory, diagnostics } = parseYamlInventory(text, "inv.yaml");
  expect(diagnostics.map(formatDiagnostic)).toEqual([]);
  return inventory!;
}

function problems(text: string): string[] {
  const { inventory, diagnostics } = parseYamlInventory(text, "inv.yaml");
  expect(inventory).toBeUndefined();
  return diagnostics.map(formatDiagnostic);
}

function device(inv: Inventory, name: string): Device {
  const found = inv.devices.find((d) => d.name === name);
  expect(found, name).toBeDefined();
  return found!;
}

const MSSP = `
defaults:
  platform: paloalto_panos
  port: 22
  target_version: 10.2.4-h4
  tags: [managed]
  vars: { site: unknown, owner: noc, tz: UTC }
credentials:
  lab: { username_env: LAB_USER, password_env: LAB_PASS, identity: ~/.ssh/lab_ed25519, passphrase_env: LAB_KEY_PASSPHRASE, agent: true }
groups:
  global:
    target_version: 10.1.0
    tags: [global]
    vars: { owner: global-noc, contract: gold }
  emea:
    groups: [global]
    target_version: 10.2.0
    tags: [emea, edge]
    vars: { site: ams, owner: emea-noc }
  dc1:
    groups: [emea]
    credentials: lab
    vars: { rack: r12 }
  pci:
    port: 2222
    tags: [pci]
    vars: { site: pci-zone, owner: pci-team }
hosts:
  fw-001:
    host: 10.0.0.1
    groups: [dc1]
    tags: [edge, primary]
    vars: { rack: r01 }
  fw-002:
    groups: [pci, dc1]
    target_version: 10.2.4-h4
  fw-003:
    port: 8022
    groups: [dc1, pci]
  fw-004:
`;

describe("YAML inventory resolution", () => {
  const inv = load(MSSP);

  it("keeps file order and indexes devices by position", () => {
    expect(inv.devices.map((d) => [d.index, d.name])).toEqual([
      [0, "fw-001"],
      [1, "fw-002"],
      [2, "fw-003"],
      [3, "fw-004"],
    ]);
  });

  it("prefers the host, then its groups depth-first in listed order, then defaults", () => {
    // dc1 has no target: its parent emea (10.2.0) wins over emea's parent global (10.1.0) and defaults.
    expect(device(inv, "fw-001").targetVersion).toBe("10.2.0");
    // the host's own value wins over everything.
    expect(device(inv, "fw-002").targetVersion).toBe("10.2.4-h4");
    // pci is listed first for fw-002, dc1 first for fw-003: the earlier group wins the port.
    expect(device(inv, "fw-002").port).toBe(2222);
    expect(device(inv, "fw-003").port).toBe(8022);
    expect(device(inv, "fw-001").port).toBe(22);
    // no group: defaults only.
    expect(device(inv, "fw-004").targetVersion).toBe("10.2.4-h4");
  });

  it("defaults host to the name and platform to defaults", () => {
    expect(device(inv, "fw-001").host).toBe("10.0.0.1");
    expect(device(inv, "fw-004").host).toBe("fw-004");
    expect(inv.devices.every((d) => d.platform === "paloalto_panos")).toBe(true);
  });

  it("merges vars per key with the same precedence", () => {
    expect(device(inv, "fw-001").vars).toEqual({ site: "ams", owner: "emea-noc", tz: "UTC", rack: "r01", contract: "gold" });
    // pci before dc1: pci's site and owner win over emea's.
    expect(device(inv, "fw-002").vars).toEqual({ site: "pci-zone", owner: "pci-team", tz: "UTC", rack: "r12", contract: "gold" });
    expect(device(inv, "fw-004").vars).toEqual({ site: "unknown", owner: "noc", tz: "UTC" });
  });

  it("gives each device its own copy of vars", () => {
    const again = load(MSSP);
    (device(again, "fw-001").vars as { site: string }).site = "changed";
    expect(device(again, "fw-003").vars.site).toBe("ams");
  });

  it("unions tags and lists groups with all ancestors in resolution order", () => {
    expect(device(inv, "fw-001").tags).toEqual(["edge", "primary", "emea", "global", "managed"]);
    expect(device(inv, "fw-001").groups).toEqual(["dc1", "emea", "global"]);
    expect(device(inv, "fw-002").groups).toEqual(["pci", "dc1", "emea", "global"]);
    expect(device(inv, "fw-002").tags).toEqual(["pci", "emea", "edge", "global", "managed"]);
    expect(device(inv, "fw-004").groups).toEqual([]);
  });

  it("resolves credential sets, with a built-in default", () => {
    expect(device(inv, "fw-004").credentials).toEqual({
      name: "default",
      usernameEnv: "PREFLIGHT_USERNAME",
      passwordEnv: "PREFLIGHT_PASSWORD",
      passphraseEnv: "PREFLIGHT_KEY_PASSPHRASE",
      useAgent: true,
    });
    expect(device(inv, "fw-001").credentials).toEqual({
      name: "lab",
      usernameEnv: "LAB_USER",
      passwordEnv: "LAB_PASS",
      identityFile: "~/.ssh/lab_ed25519",
      passphraseEnv: "LAB_KEY_PASSPHRASE",
      useAgent: true,
    });
    expect(Object.keys(inv.credentialSets).sort()).toEqual(["default", "lab"]);
  });

  it("fills a declared set's missing variables from the built-in set, agent off unless asked", () => {
    const ci = load(`
credentials:
  ci: { username_env: CI_USER }
hosts:
  fw-1: { platform: paloalto_panos, credentials: ci }
`);
    expect(ci.devices[0]!.credentials).toEqual({
      name: "ci",
      usernameEnv: "CI_USER",
      passwordEnv: "PREFLIGHT_PASSWORD",
      passphraseEnv: "PREFLIGHT_KEY_PASSPHRASE",
      useAgent: false,
    });
  });

  it("resolves site like any inherited key (host, then groups, then defaults) and checks its form", () => {
    const inv = load(`
defaults: { platform: paloalto_panos, site: hq }
groups:
  ams: { site: ams-dc1 }
hosts:
  fw-1: { groups: [ams] }
  fw-2: { groups: [ams], site: ams-dc2 }
  fw-3:
`);
    expect(inv.devices.map((d) => [d.name, d.site])).toEqual([
      ["fw-1", "ams-dc1"],
      ["fw-2", "ams-dc2"],
      ["fw-3", "hq"],
    ]);
    expect(load("hosts:\n  fw-1: { platform: paloalto_panos }\n").devices[0]!.site).toBeUndefined();
    expect(problems("hosts:\n  fw-1: { platform: paloalto_panos, site: 'a b' }\n")).toEqual([expect.stringMatching(/^inv\.yaml:2:\d+: hosts\.fw-1\.site: /)]);
  });

  it("takes the target from the last hop of an explicit upgrade path", () => {
    const paths = load(`
defaults: { platform: paloalto_panos }
hosts:
  fw-1: { upgrade_path: [10.1.0, 10.2.0, 10.2.4-h4] }
  fw-2: { upgrade_path: [10.1.0, 10.2.0, 10.2.4-h4], target_version: 10.2.4-h4 }
`);
    expect(paths.devices.map((d) => [d.targetVersion, d.upgradePath])).toEqual([
      ["10.2.4-h4", ["10.1.0", "10.2.0", "10.2.4-h4"]],
      ["10.2.4-h4", ["10.1.0", "10.2.0", "10.2.4-h4"]],
    ]);
  });

  it("keeps file order for names YAML reads as numbers", () => {
    const numeric = load("defaults: { platform: paloalto_panos }\nhosts:\n  fw-b: {}\n  101: {}\n  fw-a: {}\n");
    expect(numeric.devices.map((d) => d.name)).toEqual(["fw-b", "101", "fw-a"]);
  });

  it("does not loop on diamond-shaped group graphs and counts a shared parent once", () => {
    const diamond = load(`
defaults: { platform: paloalto_panos }
groups:
  top: { vars: { level: top } }
  left: { groups: [top] }
  right: { groups: [top], vars: { level: right } }
hosts:
  fw-1: { groups: [left, right] }
`);
    // left -> top comes before right: top's value wins, as with Nornir's depth-first lookup.
    expect(diamond.devices[0]!.vars.level).toBe("top");
    expect(diamond.devices[0]!.groups).toEqual(["left", "top", "right"]);
  });
});

describe("YAML inventory diagnostics", () => {
  const BROKEN = [
    "defaults:", //                                                       1
    "  platform: paloalto_panos", //                                      2
    "  target_versoin: 10.2.4-h4", //                                     3
    "credentials:", //                                                    4
    "  lab: { username_env: LAB_USER, password: Hunter2-S3cret }", //     5
    "groups:", //                                                         6
    "  emea: { groups: [global] }", //                                    7
    "  global: { groups: [emea] }", //                                    8
    "  dc1: { groups: [emae], credentials: labb }", //                    9
    "hosts:", //                                                          10
    "  fw-001: { host: 10.0.0.1, port: 70000, groups: [dc1] }", //        11
    "  fw-002: { platform: paloalto_panoss, port: '22' }", //             12
    "  fw-001: { host: 10.0.0.9 }", //                                    13
    "  fw-003: { target_version: 10.2, tags: edge }", //                  14
    "  fw-004:", //                                                       15
    "    platform: paloalto_panos", //                                    16
    "    upgrade_path: [10.1.0, 10.2.0]", //                              17
    "    target_version: 10.2.4-h4", //                                   18
    "    vars: { enable_password: Hunter2-S3cret, site: ams }", //        19
    "", //
  ].join("\n");

  const all = problems(BROKEN);

  it("reports every problem at once, in file order, at the exact line and column", () => {
    expect(all).toEqual([
      'inv.yaml:3:3: defaults.target_versoin: unknown key "target_versoin" (did you mean "target_version"?); expected one of: platform, port, credentials, target_version, upgrade_path, tags, vars, legacy_algorithms, jump, site',
      "inv.yaml:5:34: credentials.lab.password: credentials are not stored in the inventory: put the password in an environment variable and reference it with password_env",
      "inv.yaml:8:22: groups.global.groups[0]: group cycle emea -> global -> emea: a group cannot be its own parent",
      'inv.yaml:9:19: groups.dc1.groups[0]: unknown group "emae" (did you mean "emea"?)',
      'inv.yaml:9:39: groups.dc1.credentials: unknown credential set "labb" (did you mean "lab"?); defined: default, lab',
      "inv.yaml:11:35: hosts.fw-001.port: expected a port number from 1 to 65535, found 70000",
      'inv.yaml:12:23: hosts.fw-002.platform: unknown platform "paloalto_panoss" (did you mean "paloalto_panos"?); supported: paloalto_panos, linux, arista_eos, cisco_nxos, juniper_junos, fortinet, frr, cisco_ios, cisco_xe',
      "inv.yaml:12:46: hosts.fw-002.port: expected a whole number, found a string",
      'inv.yaml:13:3: hosts: duplicate host "fw-001" (first defined at line 11)',
      'inv.yaml:14:29: hosts.fw-003.target_version: expected a string, found a number: put the release in quotes ("10.2"), YAML reads an unquoted 10.2 as the number 10.2 and 11.0 as 11',
      "inv.yaml:14:41: hosts.fw-003.tags: expected a list, found a string",
      "inv.yaml:15:3: hosts.fw-004: upgrade_path ends at 10.2.0 but target_version is 10.2.4-h4: the path must end at the target",
      "inv.yaml:19:13: hosts.fw-004.vars.enable_password: credentials are not stored in the inventory: put the password in an environment variable and reference it with password_env",
    ]);
  });

  it("never echoes a secret's value", () => {
    expect(all.join("\n")).not.toContain("Hunter2");
  });

  it("does not echo a password written where a variable name belongs", () => {
    const messages = problems(`
credentials:
  lab: { username_env: LAB_USER, password_env: "Pa55 w0rd!" }
hosts:
  fw-1: { platform: paloalto_panos, credentials: lab }
`);
    expect(messages).toEqual([
      "inv.yaml:3:48: credentials.lab.password_env: expected the name of an environment variable (letters, digits and _), not its value",
    ]);
    expect(messages.join()).not.toContain("Pa55");
  });

  it("finds secrets under any key style and pasted private keys anywhere", () => {
    const messages = problems(`
passphrase: x
defaults:
  platform: paloalto_panos
  vars:
    snmp: { authKey: abc, community_env: SNMP_COMMUNITY }
    cert: "-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAA\\n-----END OPENSSH PRIVATE KEY-----"
    nested: [{ api-token: t0k3n }]
hosts:
  fw-1: { key: abc }
`);
    expect(messages).toEqual([
      "inv.yaml:2:1: passphrase: credentials are not stored in the inventory: put the passphrase in an environment variable and reference it with passphrase_env",
      "inv.yaml:6:13: defaults.vars.snmp.authKey: credentials are not stored in the inventory: put the secret in an environment variable; the inventory only names variables (password_env for a login)",
      "inv.yaml:7:5: defaults.vars.cert: credentials are not stored in the inventory: put the private key in a file and reference it with identity",
      "inv.yaml:8:16: defaults.vars.nested[0].api-token: credentials are not stored in the inventory: put the secret in an environment variable; the inventory only names variables (password_env for a login)",
      "inv.yaml:10:11: hosts.fw-1.key: credentials are not stored in the inventory: put the private key in a file and reference it with identity",
    ]);
    expect(messages.join()).not.toMatch(/t0k3n|b3BlbnNz/);
  });

  it("reports a self-referencing group and a group cycle once each", () => {
    const messages = problems(`
defaults: { platform: paloalto_panos }
groups:
  a: { groups: [a] }
  b: { groups: [c] }
  c: { groups: [d] }
  d: { groups: [b] }
hosts:
  fw-1: { groups: [a, b] }
`);
    expect(messages).toEqual([
      "inv.yaml:4:17: groups.a.groups[0]: group cycle a -> a: a group cannot be its own parent",
      "inv.yaml:7:17: groups.d.groups[0]: group cycle b -> c -> d -> b: a group cannot be its own parent",
    ]);
  });

  it("reports YAML syntax errors with their position", () => {
    const messages = problems("hosts:\n  fw-1: { platform: paloalto_panos\n");
    expect(messages.length).toBeGreaterThan(0);
    expect(messages[0]).toMatch(/^inv\.yaml:\d+:\d+: invalid YAML: /);
  });

  it("rejects an empty file, a missing hosts section and a non-mapping document", () => {
    expect(problems("")).toEqual(["inv.yaml: the inventory is empty: expected a mapping with hosts"]);
    expect(problems("defaults: { platform: paloalto_panos }\n")).toEqual(['inv.yaml:1:1: (top level): missing key "hosts"']);
    expect(problems("- fw-1\n- fw-2\n")).toEqual(["inv.yaml:1:1: (top level): expected a mapping, found a list"]);
  });

  it("names unknown keys in credential sets with a suggestion", () => {
    expect(problems("credentials:\n  lab: { usernam_env: X }\nhosts: {}\n")).toEqual([
      'inv.yaml:2:10: credentials.lab.usernam_env: unknown key "usernam_env" (did you mean "username_env"?); expected one of: username_env, password_env, passphrase_env, identity, agent',
    ]);
  });

  it("requires a platform after resolution, reported on the host", () => {
    expect(
      problems(`
groups:
  emea: { target_version: 10.2.4-h4 }
hosts:
  fw-1: { groups: [emea] }
  fw-2: { groups: [emea], platform: paloalto_panos }
`),
    ).toEqual(["inv.yaml:5:3: hosts.fw-1: no platform: set platform on the host, on one of its groups or in defaults"]);
  });

  it("suggests the platform for a short name", () => {
    expect(problems("hosts:\n  fw-1: { platform: panos }\n")).toEqual([
      'inv.yaml:2:21: hosts.fw-1.platform: unknown platform "panos" (did you mean "paloalto_panos"?); supported: paloalto_panos, linux, arista_eos, cisco_nxos, juniper_junos, fortinet, frr, cisco_ios, cisco_xe',
    ]);
  });
});
