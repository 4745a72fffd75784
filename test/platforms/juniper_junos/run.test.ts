// The juniper_junos plugin end to end through the real SSH path: simulated MX routers and SRX chassis clusters
// (the plugin's own CLI with `{master:0}` / `{primary:node0}` before the prompt, real ntc-templates, NAPALM and
// PyEZ outputs where they exist), facts from `show version` and `show chassis hardware`, the pre-upgrade pack, and
// each device getting exactly its result: a healthy one ready, one per planted problem blocked on exactly that
// check, unreachable and garbled ones as such.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeviceResult } from "../../../src/model/result.js";
import { junosDevice, type JunosDeviceSpec } from "../../../src/platforms/juniper_junos/simulator/router.js";
import { startFleet } from "../../../src/simulator/fleet.js";
import { auditSimulatedFleet } from "../../helpers/sim-audit.js";
import type { SimFleet } from "../../../src/simulator/types.js";

const CREDS = { username: "audit", password: "junos-Pa55word" };
const TARGET = "23.4R2-S3";
const dev = (name: string, extra: Partial<JunosDeviceSpec> = {}) => junosDevice({ name, ...CREDS, ...extra });

// [device, expected status, the checks that fail]
const FLEET: [ReturnType<typeof junosDevice>, string, string[]][] = [
  [dev("mx-ok"), "ready", []],
  [dev("srx-ok", { kind: "srx" }), "ready", []],
  [dev("mx-bgp", { bgpPeerDown: true }), "blocked", ["junos-bgp-peers-established"]],
  [dev("mx-optics", { thirdPartyOptics: true }), "blocked", ["junos-transceivers-approved"]],
  [dev("mx-sysalarm", { systemAlarms: true }), "blocked", ["junos-system-alarms"]],
  [dev("mx-pem", { chassisAlarms: true }), "blocked", ["junos-chassis-alarms"]],
  [dev("mx-re", { backupReFailed: true }), "blocked", ["junos-routing-engines-ok"]],
  [dev("mx-busy", { reBusy: true }), "blocked", ["junos-routing-engine-headroom"]],
  [dev("mx-var", { varAvailableBytes: 900 * 1024 ** 2 }), "blocked", ["junos-var-free-space"]],
  [dev("srx-lost", { kind: "srx", clusterNodeLost: true }), "blocked", ["junos-chassis-cluster-healthy"]],
  [dev("mx-ospf", { ospfNeighborDown: true }), "blocked", ["junos-ospf-neighbors-full"]],
  [dev("mx-down", { faults: [{ kind: "refuse" }] }), "unreachable", []],
  [dev("mx-garbled", { faults: [{ kind: "garbage", command: "show version" }] }), "error", []],
  [dev("mx-cut", { faults: [{ kind: "disconnect-mid-output", command: "show system storage | display xml" }] }), "error", []],
];

const PACK = ["junos-bgp-peers-established", "junos-chassis-alarms", "junos-chassis-cluster-healthy", "junos-ospf-neighbors-full", "junos-routing-engine-headroom", "junos-routing-engines-ok", "junos-system-alarms", "junos-transceivers-approved", "junos-var-free-space"];

let fleet: SimFleet;
let results: DeviceResult[];

beforeAll(async () => {
  fleet = await startFleet(FLEET.map(([spec]) => spec));
  results = await auditSimulatedFleet(fleet, { platform: "juniper_junos", checks: "junos-*", group: "edge", targetVersion: TARGET, credentials: CREDS });
}, 120_000);

afterAll(async () => {
  await fleet?.close();
});

describe("the juniper_junos plugin over SSH", () => {
  it("classifies every simulated device: ready, blocked on exactly its planted problem, unreachable, error", () => {
    const failing = (r: DeviceResult) => r.checks.filter((c) => c.status === "fail").map((c) => c.id).sort();
    expect(results.map((r) => [r.name, r.status, r.status === "blocked" || r.status === "ready" ? failing(r) : []])).toEqual(FLEET.map(([spec, status, checks]) => [spec.name, status, checks]));
  });

  it("evaluates the whole pack on the healthy router and the healthy cluster, every check passing or not applying", () => {
    const statuses = (name: string) => results.find((r) => r.name === name)!.checks.filter((c) => c.id.startsWith("junos-")).map((c) => [c.id, c.status]);
    expect(statuses("mx-ok")).toEqual(PACK.map((id) => [id, id === "junos-chassis-cluster-healthy" ? "not-applicable" : "pass"]));
    expect(statuses("srx-ok")).toEqual(PACK.map((id) => [id, "pass"]));
  });

  it("reads the facts from show version and show chassis hardware", () => {
    expect(results[0]?.facts).toMatchObject({ hostname: "mx-ok", model: "mx480", softwareVersion: "21.4R3-S5.4", serial: "JN1111111" });
    expect(results[1]?.facts).toMatchObject({ hostname: "srx-ok", model: "srx1500", softwareVersion: "21.4R3-S5.4" });
  });

  it("names the finding for each planted problem", () => {
    const findings = (name: string, id: string) => results.find((r) => r.name === name)?.checks.find((c) => c.id === id)?.findings.map((f) => f.message) ?? [];
    expect(findings("mx-bgp", "junos-bgp-peers-established")).toEqual([
      "BGP peer 192.169.1.0 (AS 20000) is Active, not Established (last up/down 1w1d1h, 0 flaps)",
      "BGP peer 192.169.1.2 (AS 20000) is Idle, not Established (last up/down 1w1d1h, 0 flaps)",
      "BGP peer 2a01:280:100::1 (AS 20000) is Idle, not Established (last up/down 1w1d1h, 1 flaps)",
    ]);
    expect(findings("mx-re", "junos-routing-engines-ok")).toEqual(["routing engine RE1 (RE-S-1800x4) has status Testing and mastership backup: expected OK, master or backup"]);
    expect(findings("mx-busy", "junos-routing-engine-headroom")).toEqual(["routing engine RE0 is 4% idle with 4% memory in use (needs at least 20% idle and at most 90% memory)"]);
    expect(findings("mx-var", "junos-var-free-space")[0]).toMatch(/^\/\.mount\/var has 900M \(943718400 bytes\) available/);
    expect(findings("srx-lost", "junos-chassis-cluster-healthy")).toHaveLength(3);
    expect(findings("mx-optics", "junos-transceivers-approved")).toHaveLength(1);
    expect(findings("mx-ospf", "junos-ospf-neighbors-full")).toEqual(["OSPF neighbour 3.3.3.3 (10.1.3.3 on ge-0/0/3.0) is ExStart, not Full"]);
  });

  it("says why the unreachable and broken devices have no verdict", () => {
    const reason = (name: string) => results.find((r) => r.name === name)?.reason ?? "";
    expect(reason("mx-down")).toMatch(/connection refused/);
    expect(results.find((r) => r.name === "mx-garbled")?.facts.softwareVersion).toBeUndefined();
    expect(results.find((r) => r.name === "mx-cut")?.checks.find((c) => c.id === "junos-var-free-space")?.status).toBe("error");
  });
});
