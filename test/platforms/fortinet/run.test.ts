// The fortinet plugin end to end through the real SSH path: simulated FortiGates (the plugin's own CLI, with the
// --More-- pager left on as preflight leaves it, and real ntc-templates outputs where they exist), facts from
// `get system status`, the pre-upgrade pack, and each unit getting exactly its result: a healthy one ready, one
// per planted problem blocked on exactly that check, unreachable and garbled ones as such.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeviceResult } from "../../../src/model/result.js";
import { fortigate, type FortigateSpec } from "../../../src/platforms/fortinet/simulator/firewall.js";
import { startFleet } from "../../../src/simulator/fleet.js";
import { auditSimulatedFleet } from "../../helpers/sim-audit.js";
import type { SimFleet } from "../../../src/simulator/types.js";

const CREDS = { username: "audit", password: "fgt-Pa55word" };
const TARGET = "7.2.8";
const fw = (name: string, extra: Partial<FortigateSpec> = {}) => fortigate({ name, ...CREDS, ...extra });

// [firewall, expected status, the checks that fail]
const FLEET: [ReturnType<typeof fortigate>, string, string[]][] = [
  [fw("fgt-ok"), "ready", []],
  [fw("fgt-ha", { haDegraded: true }), "blocked", ["fortios-ha-in-sync"]],
  [fw("fgt-conserve", { conserveMode: true }), "blocked", ["fortios-conserve-mode-off"]],
  [fw("fgt-memory", { highMemory: true }), "blocked", ["fortios-memory-headroom"]],
  [fw("fgt-bgp", { bgpPeerDown: true }), "blocked", ["fortios-bgp-peers-established"]],
  [fw("fgt-optics", { thirdPartyOptics: true }), "blocked", ["fortios-transceivers-approved"]],
  [fw("fgt-logdisk", { logDiskNeedsFormat: true }), "blocked", ["fortios-log-disk-ok"]],
  [fw("fgt-down", { faults: [{ kind: "refuse" }] }), "unreachable", []],
  [fw("fgt-garbled", { faults: [{ kind: "garbage", command: "get system status" }] }), "error", []],
];

let fleet: SimFleet;
let results: DeviceResult[];

beforeAll(async () => {
  fleet = await startFleet(FLEET.map(([spec]) => spec));
  results = await auditSimulatedFleet(fleet, { platform: "fortinet", checks: "fortios-*", group: "edge", targetVersion: TARGET, credentials: CREDS, concurrency: 4 });
}, 120_000);

afterAll(async () => {
  await fleet?.close();
});

describe("the fortinet plugin over SSH", () => {
  it("classifies every simulated FortiGate: ready, blocked on exactly its planted problem, unreachable, error", () => {
    const failing = (r: DeviceResult) => r.checks.filter((c) => c.status === "fail").map((c) => c.id).sort();
    expect(results.map((r) => [r.name, r.status, r.status === "blocked" || r.status === "ready" ? failing(r) : []])).toEqual(FLEET.map(([spec, status, checks]) => [spec.name, status, checks]));
  });

  it("evaluates the whole pack on the healthy unit: every check passes except the VM licence, which does not apply", () => {
    expect(results[0]!.checks.filter((c) => c.id.startsWith("fortios-")).map((c) => [c.id, c.status])).toEqual([
      ["fortios-bgp-peers-established", "pass"],
      ["fortios-conserve-mode-off", "pass"],
      ["fortios-ha-in-sync", "pass"],
      ["fortios-log-disk-ok", "pass"],
      ["fortios-memory-headroom", "pass"],
      ["fortios-transceivers-approved", "pass"],
      ["fortios-vm-license-valid", "not-applicable"],
    ]);
  });

  it("reads the facts from get system status and get system performance status", () => {
    expect(results[0]?.facts).toMatchObject({ hostname: "fgt-ok", model: "FortiGate-40F", serial: "FGT40XXXXXXXXXXX", softwareVersion: "7.0.15", build: "0632", haMode: "a-p", haRole: "primary", uptime: "31 days, 21 hours, 46 minutes" });
  });

  it("names the finding for each planted problem", () => {
    const finding = (name: string, id: string) => results.find((r) => r.name === name)?.checks.find((c) => c.id === id)?.findings[0]?.message;
    expect(finding("fgt-bgp", "fortios-bgp-peers-established")).toBe("BGP neighbour 10.0.0.6 (AS 65003) is Active, not Established");
    expect(finding("fgt-optics", "fortios-transceivers-approved")).toBe("port26: PROLABS SFP-10G-SR-C (serial PL5523QK) is neither a Fortinet optic nor on your approved list");
    expect(finding("fgt-ha", "fortios-ha-in-sync")).toContain("has hbdev down");
  });

  it("says why the unreachable and garbled units have no verdict", () => {
    expect(results.find((r) => r.name === "fgt-down")?.reason).toMatch(/connection refused/);
    expect(results.find((r) => r.name === "fgt-garbled")?.facts.softwareVersion).toBeUndefined();
  });
});
