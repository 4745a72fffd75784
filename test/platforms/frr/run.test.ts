// The frr plugin end to end through the real SSH path: simulated FRR routers (the plugin's own vtysh, serving the
// real FRR 8.4.4 captures), facts from `show version`, the pre-upgrade pack, and each router getting exactly its
// result: a healthy one ready, one per planted problem blocked on exactly that check, unreachable and garbled
// ones as such. (test/platforms/frr/real-frr.test.ts does the same against real FRR daemons.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeviceResult } from "../../../src/model/result.js";
import { frrRouter, type FrrRouterSpec } from "../../../src/platforms/frr/simulator/router.js";
import { startFleet } from "../../../src/simulator/fleet.js";
import { auditSimulatedFleet } from "../../helpers/sim-audit.js";
import type { SimFleet } from "../../../src/simulator/types.js";
import { preflight } from "../../helpers/cli.js";

const CREDS = { username: "audit", password: "frr-Pa55word" };
const TARGET = "9.1";
const rtr = (name: string, extra: Partial<FrrRouterSpec> = {}) => frrRouter({ name, ...CREDS, ...extra });

// [router, expected status, the checks that fail]
const FLEET: [ReturnType<typeof frrRouter>, string, string[]][] = [
  [rtr("r-ok"), "ready", []],
  [rtr("r-bgponly", { bgpOnly: true }), "ready", []],
  [rtr("r-bgp", { bgpPeerDown: true }), "blocked", ["frr-bgp-peers-established"]],
  [rtr("r-ospf", { ospfStuck: true }), "blocked", ["frr-ospf-neighbors-full"]],
  [rtr("r-bfd", { bfdDown: true }), "blocked", ["frr-bfd-peers-up"]],
  [rtr("r-fib", { fibEmpty: true }), "blocked", ["frr-rib-installed"]],
  [rtr("r-zebra", { zebraDown: true }), "blocked", ["frr-zebra-running"]],
  [rtr("r-newer", { version: "9.1.1" }), "blocked", ["frr-target-newer"]],
  [rtr("r-down", { faults: [{ kind: "refuse" }] }), "unreachable", []],
  [rtr("r-garbled", { faults: [{ kind: "garbage", command: "show bfd peers json" }] }), "error", []],
  [rtr("r-cut", { faults: [{ kind: "disconnect-mid-output", command: "show ip ospf neighbor json" }] }), "error", []],
];
const PACK = ["frr-bfd-peers-up", "frr-bgp-peers-established", "frr-ospf-neighbors-full", "frr-rib-installed", "frr-target-newer", "frr-zebra-running"];

let fleet: SimFleet;
let results: DeviceResult[];

beforeAll(async () => {
  fleet = await startFleet(FLEET.map(([spec]) => spec));
  results = await auditSimulatedFleet(fleet, { platform: "frr", checks: "frr-*", group: "routers", targetVersion: TARGET, credentials: CREDS });
}, 120_000);

afterAll(async () => {
  await fleet?.close();
});

describe("the frr plugin over SSH", () => {
  it("classifies every simulated router: ready, blocked on exactly its planted problem, unreachable, error", () => {
    const failing = (r: DeviceResult) => r.checks.filter((c) => c.status === "fail").map((c) => c.id).sort();
    expect(results.map((r) => [r.name, r.status, r.status === "blocked" || r.status === "ready" ? failing(r) : []])).toEqual(FLEET.map(([spec, status, checks]) => [spec.name, status, checks]));
  });

  it("evaluates the whole pack on the healthy routers, every check passing, none in error", () => {
    for (const r of results.slice(0, 2)) expect(r.checks.filter((c) => c.id.startsWith("frr-")).map((c) => [c.id, c.status])).toEqual(PACK.map((id) => [id, "pass"]));
  });

  it("reads the facts from show version", () => {
    expect(results[0]?.facts).toMatchObject({ hostname: "r-ok", softwareVersion: "8.4.4", os: expect.stringMatching(/^Linux/) });
  });

  it("names the finding for each planted problem", () => {
    const finding = (name: string, id: string) => results.find((r) => r.name === name)?.checks.find((c) => c.id === id)?.findings.map((f) => f.message);
    expect(finding("r-bgp", "frr-bgp-peers-established")).toEqual([
      "BGP peer 127.0.0.3 (AS 65002) in VRF default, ipv4Unicast, is Idle, not Established",
      "BGP peer 127.0.0.9 (AS 65009) in VRF default, ipv4Unicast, is Active, not Established",
    ]);
    expect(finding("r-ospf", "frr-ospf-neighbors-full")).toEqual(["OSPF neighbour 10.255.0.3 (10.0.13.3) on r1-r3:10.0.13.1 is Exchange/-, not Full"]);
    expect(finding("r-bfd", "frr-bfd-peers-up")).toEqual(["BFD peer 10.0.12.9 (VRF default) is down, not up (local diagnostic: ok, remote: ok)"]);
    expect(finding("r-fib", "frr-rib-installed")).toEqual(["zebra holds 4 IPv4 routes but 0 are installed in the kernel"]);
    expect(finding("r-newer", "frr-target-newer")).toEqual(["FRR 9.1.1 is running; the target 9.1 is not newer"]);
  });

  it("says why the unreachable and broken routers have no verdict", () => {
    const result = (name: string) => results.find((r) => r.name === name)!;
    expect(result("r-down").reason).toMatch(/connection refused/);
    expect(result("r-garbled").checks.find((c) => c.id === "frr-bfd-peers-up")?.status).toBe("error");
    expect(result("r-cut").checks.find((c) => c.id === "frr-ospf-neighbors-full")?.status).toBe("error");
  });

  it("preflight list --platform frr shows the pack", async () => {
    const r = await preflight(["list", "--platform", "frr"]);
    expect(r.code).toBe(0);
    for (const id of PACK) expect(r.stdout).toContain(id);
  });
});
