// The cisco_nxos plugin end to end through the real SSH path: simulated NX-OS switches (the plugin's own CLI, with
// real NAPALM outputs where they exist), facts from the show ... | json commands, the pre-upgrade pack, and each
// switch getting exactly its result: a healthy one ready, one per planted problem blocked on exactly that check,
// unreachable and garbled ones as such.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeviceResult } from "../../../src/model/result.js";
import { nxosImage, nxosSwitch, type NxosSwitchSpec } from "../../../src/platforms/cisco_nxos/simulator/switch.js";
import { startFleet } from "../../../src/simulator/fleet.js";
import { auditSimulatedFleet } from "../../helpers/sim-audit.js";
import type { SimFleet } from "../../../src/simulator/types.js";

const CREDS = { username: "audit", password: "nxos-Pa55word" };
const TARGET = "10.3(4a)";
const sw = (name: string, extra: Partial<NxosSwitchSpec> = {}) => nxosSwitch({ name, ...CREDS, ...extra });

// [switch, expected status, the checks that fail]
const FLEET: [ReturnType<typeof nxosSwitch>, string, string[]][] = [
  [sw("n9k-ok"), "ready", []],
  [sw("n9k-staged", { images: [nxosImage(TARGET)], bootflashFreeBytes: 100_000_000 }), "ready", []],
  [sw("n9k-novpc", { vpc: "not-configured" }), "ready", []],
  [sw("n9k-full", { bootflashFreeBytes: 1_000_000_000 }), "blocked", ["nxos-bootflash-free-space"]],
  [sw("n9k-noboot", { bootImage: "" }), "blocked", ["nxos-boot-variables"]],
  [sw("n9k-unsaved", { unsaved: true }), "blocked", ["nxos-running-config-saved"]],
  [sw("n9k-keepalive", { vpc: "keepalive-down" }), "blocked", ["nxos-vpc-healthy"]],
  [sw("n9k-type2", { vpc: "inconsistent" }), "blocked", ["nxos-vpc-healthy"]],
  [sw("n9k-module", { moduleDown: true }), "blocked", ["nxos-modules-online"]],
  [sw("n9k-bgp", { bgpPeerDown: true }), "blocked", ["nxos-bgp-peers-established"]],
  [sw("n9k-cpu", { cpuBusy: true }), "blocked", ["nxos-system-resources"]],
  [sw("n9k-optics", { thirdPartyOptics: true }), "blocked", ["nxos-transceivers-approved"]],
  [sw("n9k-down", { faults: [{ kind: "refuse" }] }), "unreachable", []],
  [sw("n9k-garbled", { faults: [{ kind: "garbage", command: "show version | json" }] }), "error", []],
  [sw("n9k-cut", { faults: [{ kind: "disconnect-mid-output", command: "dir bootflash:" }] }), "error", []],
];

let fleet: SimFleet;
let results: DeviceResult[];

beforeAll(async () => {
  fleet = await startFleet(FLEET.map(([spec]) => spec));
  results = await auditSimulatedFleet(fleet, { platform: "cisco_nxos", checks: "nxos-*", group: "leaves", targetVersion: TARGET, credentials: CREDS });
}, 120_000);

afterAll(async () => {
  await fleet?.close();
});

describe("the cisco_nxos plugin over SSH", () => {
  it("classifies every simulated switch: ready, blocked on exactly its planted problem, unreachable, error", () => {
    const failing = (r: DeviceResult) => r.checks.filter((c) => c.status === "fail").map((c) => c.id).sort();
    expect(results.map((r) => [r.name, r.status, r.status === "blocked" || r.status === "ready" ? failing(r) : []])).toEqual(FLEET.map(([spec, status, checks]) => [spec.name, status, checks]));
  });

  it("evaluates the whole pack on the healthy switch, every check passing, none in error", () => {
    expect(results[0]!.checks.filter((c) => c.id.startsWith("nxos-")).map((c) => [c.id, c.status])).toEqual(
      ["nxos-bgp-peers-established", "nxos-boot-variables", "nxos-bootflash-free-space", "nxos-modules-online", "nxos-running-config-saved", "nxos-system-resources", "nxos-transceivers-approved", "nxos-vpc-healthy"].map((id) => [id, "pass"]),
    );
  });

  it("reads the facts from show version, show hostname and show system redundancy status | json", () => {
    expect(results[0]?.facts).toMatchObject({ hostname: "n9k-ok", fqdn: "n9k-ok.example.net", model: "Nexus9000 C93180YC-FX", softwareVersion: "9.3(10)", uptime: "67 days, 19:52:41", haRole: "(Active)" });
    expect(results[0]?.facts.serial).toMatch(/^FDO/);
  });

  it("names the finding for each planted problem", () => {
    const finding = (name: string, id: string) => results.find((r) => r.name === name)?.checks.find((c) => c.id === id)?.findings[0]?.message;
    expect(finding("n9k-bgp", "nxos-bgp-peers-established")).toMatch(/^BGP peer 10\.1\.1\.177 \(AS 64862\) in VRF \S+ is Admin \(Shut\), not Established$/);
    expect(finding("n9k-module", "nxos-modules-online")).toBe("module 2 (N9K-X9736C-FX) is powered-dn");
    expect(finding("n9k-optics", "nxos-transceivers-approved")).toBe("port Ethernet1/49: FS QSFP28-SR4-100G (serial FNS21350ABC) is neither a Cisco optic nor on your approved list");
    expect(finding("n9k-noboot", "nxos-boot-variables")).toBe('NXOS variable is "", not an image on bootflash:');
  });

  it("says why the unreachable and broken switches have no verdict", () => {
    const reason = (name: string) => results.find((r) => r.name === name)?.reason ?? "";
    expect(reason("n9k-down")).toMatch(/connection refused/);
    expect(results.find((r) => r.name === "n9k-cut")?.checks.find((c) => c.id === "nxos-bootflash-free-space")?.status).toBe("error");
  });
});
