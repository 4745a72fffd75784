// `preflight run` (the built binary, as a pipeline runs it) against simulated Junos devices over SSH: exit codes,
// a schema-valid report with the devices in inventory order, and `preflight list --platform juniper_junos`.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunReport } from "../../../src/model/result.js";
import { junosDevice } from "../../../src/platforms/juniper_junos/simulator/router.js";
import { validateReport } from "../../../src/report/validate-report.js";
import { startFleet } from "../../../src/simulator/fleet.js";
import { fleetInventoryYaml } from "../../../src/simulator/inventory.js";
import type { SimFleet } from "../../../src/simulator/types.js";
import { preflight } from "../../helpers/cli.js";

const CREDS = { username: "audit", password: "junos-cli-Pa55word" };
const TARGET = "23.4R2-S3";
const env = { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password };
const PACK = ["junos-bgp-peers-established", "junos-chassis-alarms", "junos-chassis-cluster-healthy", "junos-ospf-neighbors-full", "junos-routing-engine-headroom", "junos-routing-engines-ok", "junos-system-alarms", "junos-transceivers-approved", "junos-var-free-space"];

let fleet: SimFleet;
let dir: string;
let inventory: string;
let knownHosts: string;

beforeAll(async () => {
  fleet = await startFleet([
    junosDevice({ name: "mx1", ...CREDS, tags: ["ok"] }),
    junosDevice({ name: "srx1", ...CREDS, kind: "srx", clusterNodeLost: true, tags: ["lost"] }),
    junosDevice({ name: "mx2", ...CREDS, faults: [{ kind: "refuse" }], tags: ["down"] }),
  ]);
  dir = mkdtempSync(join(tmpdir(), "preflight-junos-cli-"));
  inventory = join(dir, "inventory.yaml");
  knownHosts = join(dir, "known_hosts");
  writeFileSync(inventory, fleetInventoryYaml(fleet, { group: "edge", targetVersion: TARGET }));
  writeFileSync(knownHosts, fleet.knownHosts());
});

afterAll(async () => {
  await fleet?.close();
});

const run = (extra: string[], out: string) => preflight(["run", "-i", inventory, "--known-hosts", knownHosts, "--out", join(dir, out), "--no-progress", ...extra], env);

describe("preflight run against simulated Junos devices", () => {
  it("exits 0 for a healthy router", async () => {
    const r = await run(["--tag", "ok"], "ok");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 ready/);
  });

  it("exits 1 with a blocked cluster and writes a schema-valid report in inventory order", async () => {
    const r = await run([], "all");
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, "all", "report.json"), "utf8")) as RunReport;
    expect(validateReport(report)).toEqual({ ok: true });
    expect(report.devices.map((d) => [d.name, d.platform, d.status])).toEqual([
      ["mx1", "juniper_junos", "ready"],
      ["srx1", "juniper_junos", "blocked"],
      ["mx2", "juniper_junos", "unreachable"],
    ]);
    expect(report.devices[0]?.facts).toMatchObject({ hostname: "mx1", model: "mx480", softwareVersion: "21.4R3-S5.4", serial: "JN1111111" });
    const failing = report.devices[1]?.checks.filter((c) => c.status !== "pass" && c.status !== "not-applicable");
    expect(failing?.map((c) => [c.id, c.findings[0]?.message])).toEqual([["junos-chassis-cluster-healthy", "node1 is lost (priority 0, monitor failures n/a), not primary or secondary"]]);
    expect(report.meta.checks.filter((c) => c.id.startsWith("junos-")).map((c) => c.id).sort()).toEqual(PACK);
    for (const text of [r.stdout, r.stderr, JSON.stringify(report)]) expect(text).not.toContain(CREDS.password);
  });

  it("exits 2 when nothing is blocked but a router is unreachable", async () => {
    const r = await run(["--tag", "ok,down"], "incomplete");
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/connection refused/);
  });
});

describe("preflight list --platform juniper_junos", () => {
  it("shows the Junos pack and nothing else", async () => {
    const r = await preflight(["list", "--platform", "juniper_junos"]);
    expect(r.code).toBe(0);
    for (const id of PACK) expect(r.stdout).toContain(id);
    expect(r.stdout).not.toMatch(/panos-|eos-|nxos-|fortios-/);
  });
});
