// `preflight run` (the built binary, as a pipeline runs it) against simulated FortiGates over SSH: exit codes, a
// schema-valid report in inventory order, one device per planted problem blocked on exactly that check, and
// `preflight list --platform fortinet`.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunReport } from "../../../src/model/result.js";
import { fortigate } from "../../../src/platforms/fortinet/simulator/firewall.js";
import { validateReport } from "../../../src/report/validate-report.js";
import { startFleet } from "../../../src/simulator/fleet.js";
import { fleetInventoryYaml } from "../../../src/simulator/inventory.js";
import type { SimFleet } from "../../../src/simulator/types.js";
import { preflight } from "../../helpers/cli.js";

const CREDS = { username: "audit", password: "fgt-cli-Pa55word" };
const env = { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password };
const PACK = ["fortios-bgp-peers-established", "fortios-conserve-mode-off", "fortios-ha-in-sync", "fortios-log-disk-ok", "fortios-memory-headroom", "fortios-transceivers-approved", "fortios-vm-license-valid"];

let fleet: SimFleet;
let dir: string;
let inventory: string;
let knownHosts: string;

beforeAll(async () => {
  fleet = await startFleet([
    fortigate({ name: "fw1", ...CREDS, tags: ["ok"] }),
    fortigate({ name: "fw2", ...CREDS, haDegraded: true }),
    fortigate({ name: "fw3", ...CREDS, conserveMode: true }),
    fortigate({ name: "fw4", ...CREDS, highMemory: true }),
    fortigate({ name: "fw5", ...CREDS, bgpPeerDown: true }),
    fortigate({ name: "fw6", ...CREDS, thirdPartyOptics: true }),
    fortigate({ name: "fw7", ...CREDS, logDiskNeedsFormat: true }),
    fortigate({ name: "fw8", ...CREDS, faults: [{ kind: "refuse" }], tags: ["down"] }),
    fortigate({ name: "fw9", ...CREDS, faults: [{ kind: "garbage", command: "get system status" }], tags: ["garbled"] }),
  ]);
  dir = mkdtempSync(join(tmpdir(), "preflight-fgt-cli-"));
  inventory = join(dir, "inventory.yaml");
  knownHosts = join(dir, "known_hosts");
  writeFileSync(inventory, fleetInventoryYaml(fleet, { group: "edge", targetVersion: "7.2.8" }));
  writeFileSync(knownHosts, fleet.knownHosts());
});

afterAll(async () => {
  await fleet?.close();
});

const run = (extra: string[], out: string) => preflight(["run", "-i", inventory, "--known-hosts", knownHosts, "--out", join(dir, out), "--no-progress", ...extra], env);

describe("preflight run against simulated FortiGates", () => {
  it("exits 0 for a healthy unit", async () => {
    const r = await run(["--tag", "ok"], "ok");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 ready/);
  });

  it("exits 1 and blocks each planted problem on exactly its check, in inventory order", async () => {
    const r = await run([], "all");
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, "all", "report.json"), "utf8")) as RunReport;
    expect(validateReport(report)).toEqual({ ok: true });
    const failing = (d: RunReport["devices"][number]) => d.checks.filter((c) => c.status === "fail").map((c) => c.id);
    expect(report.devices.map((d) => [d.name, d.platform, d.status, failing(d)])).toEqual([
      ["fw1", "fortinet", "ready", []],
      ["fw2", "fortinet", "blocked", ["fortios-ha-in-sync"]],
      ["fw3", "fortinet", "blocked", ["fortios-conserve-mode-off"]],
      ["fw4", "fortinet", "blocked", ["fortios-memory-headroom"]],
      ["fw5", "fortinet", "blocked", ["fortios-bgp-peers-established"]],
      ["fw6", "fortinet", "blocked", ["fortios-transceivers-approved"]],
      ["fw7", "fortinet", "blocked", ["fortios-log-disk-ok"]],
      ["fw8", "fortinet", "unreachable", []],
      ["fw9", "fortinet", "error", []],
    ]);
    expect(report.devices[0]?.facts).toMatchObject({ hostname: "fw1", model: "FortiGate-40F", softwareVersion: "7.0.15" });
    for (const text of [r.stdout, r.stderr, JSON.stringify(report)]) expect(text).not.toContain(CREDS.password);
  });

  it("exits 2 when nothing is blocked but a unit is unreachable or garbled", async () => {
    expect((await run(["--tag", "ok,down"], "incomplete")).code).toBe(2);
    expect((await run(["--tag", "ok,garbled"], "garbled")).code).toBe(2);
  });
});

describe("preflight list --platform fortinet", () => {
  it("shows the FortiOS pack", async () => {
    const r = await preflight(["list", "--platform", "fortinet"]);
    expect(r.code).toBe(0);
    for (const id of PACK) expect(r.stdout).toContain(id);
    expect(r.stdout).not.toContain("eos-");
  });
});
