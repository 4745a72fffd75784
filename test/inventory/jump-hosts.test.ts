// Inventory `jump` (ProxyJump syntax) per group or host, checked at file:line:col; and how the inventory and an
// ssh_config combine for one device (the inventory wins where it says something).
import { describe, expect, it } from "vitest";
import { parseYamlInventory } from "../../src/inventory/yaml-inventory.js";
import type { Device } from "../../src/inventory/types.js";
import { sshTargetFor } from "../../src/runner/ssh-connector.js";
import { SshConfigFile } from "../../src/transport/ssh-config.js";
import { SessionError } from "../../src/transport/types.js";
import { formatDiagnostic } from "../../src/util/diagnostics.js";

const INVENTORY = `
defaults:
  platform: paloalto_panos
groups:
  site-a:
    jump: ops@bastion-a.example.net:2222,10.0.0.5
hosts:
  fw-a1: { groups: [site-a] }
  fw-a2: { groups: [site-a], jump: none }
  fw-b1: { host: rtr-b1, port: 2200 }
  fw-b2: { host: rtr-b2 }
`;

function devices(text: string): Map<string, Device> {
  const { inventory, diagnostics } = parseYamlInventory(text, "inv.yaml");
  expect(diagnostics.map(formatDiagnostic)).toEqual([]);
  return new Map(inventory!.devices.map((d) => [d.name, d]));
}

const TIMEOUTS = { connectMs: 15000, authMs: 15000, commandMs: 60000 };
const CONFIG = SshConfigFile.parse("/cfg", "Host rtr-*\n  HostName %h.lab\n  Port 2022\n  ProxyJump jump@192.0.2.1\n  ConnectTimeout 4\n  ServerAliveInterval 10\n  Ciphers aes256-gcm@openssh.com\nHost blocked\n  ProxyCommand nc %h %p\n");

describe("inventory jump hosts", () => {
  it("resolves a group's chain, a host's none, and leaves others without", () => {
    const d = devices(INVENTORY);
    expect(d.get("fw-a1")?.jumps).toEqual([{ host: "bastion-a.example.net", port: 2222, username: "ops" }, { host: "10.0.0.5", port: 22 }]);
    expect(d.get("fw-a2")?.jumps).toEqual([]);
    expect(d.get("fw-b1")?.jumps).toBeUndefined();
    expect(d.get("fw-b1")?.portGiven).toBe(true);
    expect(d.get("fw-b2")?.portGiven).toBeUndefined();
  });

  it("reports a malformed hop at the host's file:line:col", () => {
    const { diagnostics } = parseYamlInventory("defaults: { platform: paloalto_panos }\nhosts:\n  fw-1: { jump: \"a b,c\" }\n", "inv.yaml");
    const text = diagnostics.map(formatDiagnostic).join("\n");
    expect(text).toMatch(/^inv\.yaml:3:\d+: .*jump: "a b" is not \[user@\]host\[:port\]/m);
  });
});

describe("inventory and ssh_config together", () => {
  const d = devices(INVENTORY);
  it("fills in HostName, Port, ProxyJump, timeouts and algorithms the inventory leaves open", () => {
    const { target, options } = sshTargetFor(d.get("fw-b2")!, "audit", CONFIG, TIMEOUTS);
    expect(target).toEqual({ name: "fw-b2", host: "rtr-b2.lab", port: 2022, jumps: [{ host: "192.0.2.1", port: 22, username: "jump" }] });
    expect(options.timeouts?.connectMs).toBe(4000);
    expect(options.keepaliveIntervalMs).toBe(10000);
    expect(options.algorithms?.cipher).toEqual(["aes256-gcm@openssh.com"]);
  });

  it("keeps the inventory's port and jump hosts where it sets them", () => {
    expect(sshTargetFor(d.get("fw-b1")!, "audit", CONFIG, TIMEOUTS).target.port).toBe(2200);
    const a2 = { ...d.get("fw-a2")!, host: "rtr-a2" };
    expect(sshTargetFor(a2, "audit", CONFIG, TIMEOUTS).target.jumps).toBeUndefined();
  });

  it("fails only the device whose ssh_config entry has a ProxyCommand", () => {
    const blocked = { ...d.get("fw-b2")!, host: "blocked" };
    expect(() => sshTargetFor(blocked, "audit", CONFIG, TIMEOUTS)).toThrow(SessionError);
    expect(() => sshTargetFor(blocked, "audit", CONFIG, TIMEOUTS)).toThrow(/fw-b2: \/cfg:9: ProxyCommand/);
  });
});
