// The PAN-OS suite against a simulated fleet over real SSH: a healthy firewall, and one firewall per known
// problem (an optic refused only by an intermediate release, HA out of sync, a full disk, old content, an
// expired licence, a pending commit, ...). Each device must get exactly its own finding and nothing else.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadChecks } from "../../src/checks/library.js";
import type { LoadedCheck } from "../../src/checks/types.js";
import type { Device } from "../../src/inventory/types.js";
import type { DeviceResult } from "../../src/model/result.js";
import { panosUpgradePaths } from "../../src/platforms/paloalto_panos/upgrade/planner.js";
import { planDevice } from "../../src/runner/plan.js";
import { runAudit } from "../../src/runner/run.js";
import { sshConnector } from "../../src/runner/ssh-connector.js";
import { startFleet } from "../../src/simulator/fleet.js";
import { panosDevice, type PortSpec } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import { SUITE_PROBLEMS, withSuiteOutputs } from "../../src/platforms/paloalto_panos/simulator/suite/index.js";
import type { SimFleet } from "../../src/simulator/types.js";
import { KnownHosts } from "../../src/transport/known-hosts.js";
import { packagePath } from "../../src/util/package-root.js";

const CREDS = { username: "audit", password: "suite-Pa55" };
const OEM: PortSpec = { slot: 1, port: 1, sfp: { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", serial: "A1" } };
// Approved locally from PAN-OS 10.2.1 only (see the shadow copy below): refused by 10.2.0, accepted by 10.2.4-h4.
const NEWER: PortSpec = { slot: 1, port: 2, sfp: { vendorName: "ACME OPTICS", partNumber: "SFP-10G-NEW", serial: "N1" } };

interface Case {
  name: string;
  problem?: string;
  ports?: PortSpec[];
  path?: string[];
  expect: { status: DeviceResult["status"]; failing: [string, string][] };
}

const cases: Case[] = [
  { name: "fw-healthy", expect: { status: "ready", failing: [] } },
  { name: "fw-optic-hop", ports: [OEM, NEWER], path: ["10.2.0", "10.2.4-h4"], expect: { status: "blocked", failing: [["panos-transceivers-supported", "fail"]] } },
  ...Object.entries(SUITE_PROBLEMS).map(([problem, p]) => ({
    name: `fw-${problem}`,
    problem,
    expect: { status: (p.expect.status === "warn" ? "warning" : "blocked") as DeviceResult["status"], failing: [[p.expect.check, p.expect.status]] as [string, string][] },
  })),
];

let fleet: SimFleet;
let checks: LoadedCheck[];
let knownHosts: string;
let results: DeviceResult[];

beforeAll(async () => {
  // A site copy of the optics check whose local approvals include a part supported from 10.2.1 on.
  const site = mkdtempSync(join(tmpdir(), "preflight-site-checks-"));
  const data = packagePath("checks", "paloalto_panos", "data");
  const check = readFileSync(packagePath("checks", "paloalto_panos", "panos-transceivers-supported.yaml"), "utf8")
    .replace("data/transceivers.yaml", join(data, "transceivers.yaml"))
    .replace("data/transceivers.local.yaml", join(site, "data", "approved.yaml"));
  writeFileSync(join(site, "panos-transceivers-supported.yaml"), check);
  mkdirSync(join(site, "data"));
  writeFileSync(join(site, "data", "approved.yaml"), 'parts:\n  - sku: ACME-SFP-10G\n    min_panos: "10.2.1"\n    oem: [{ vendor: "ACME OPTICS", part: "SFP-10G-NEW" }]\n');
  const loaded = await loadChecks([site, "panos-*"]);
  expect(loaded.diagnostics).toEqual([]);
  checks = loaded.checks;

  fleet = await startFleet(cases.map((c) => withSuiteOutputs(panosDevice({ name: c.name, model: "PA-3220", swVersion: "10.1.9-h1", ports: c.ports ?? [OEM], ...CREDS }), c.problem)));
  knownHosts = join(site, "data", "known_hosts");
  writeFileSync(knownHosts, fleet.knownHosts());
  const planner = await panosUpgradePaths.load();
  const devices: Device[] = fleet.devices.map((d, index) => ({
    index,
    name: d.spec.name,
    host: d.host,
    port: d.port,
    platform: "paloalto_panos",
    groups: ["dc1"],
    tags: [],
    targetVersion: "10.2.4-h4",
    ...(cases[index]?.path ? { upgradePath: cases[index]!.path } : {}),
    credentials: { name: "default", usernameEnv: "U", passwordEnv: "P", passphraseEnv: "K", useAgent: false },
    vars: {},
  }));
  results = await runAudit(
    devices.map((d) => planDevice(d, checks, { pathPlanners: new Map([["paloalto_panos", planner]]) })),
    {
      connect: sshConnector({ secrets: new Map([["default", CREDS]]), knownHosts: new KnownHosts(knownHosts), acceptNewHostKeys: false, timeouts: { connectMs: 10_000, authMs: 10_000, commandMs: 10_000 } }),
      concurrency: 10,
      failOn: "low",
      deviceTimeoutMs: 60_000,
    },
  );
}, 120_000);

afterAll(async () => {
  await fleet?.close();
});

describe("the PAN-OS suite on a fleet with known problems", () => {
  it("runs every suite check on every device", () => {
    expect(checks.length).toBeGreaterThanOrEqual(15);
    for (const r of results) expect(r.checks.map((c) => c.id).sort()).toEqual(expect.arrayContaining(checks.map((c) => c.definition.id)));
  });

  it.each(cases.map((c, i) => [c.name, i] as const))("%s gets exactly its own finding", (_name, index) => {
    const c = cases[index]!;
    const r = results[index]!;
    const notPassing = r.checks.filter((x) => !["pass", "not-applicable"].includes(x.status)).map((x) => [x.id, x.status, x.reason ?? x.findings[0]?.message]);
    expect(notPassing.map(([id, status]) => [id, status])).toEqual(c.expect.failing);
    expect(r.status).toBe(c.expect.status);
    for (const [id] of c.expect.failing) expect(r.checks.find((x) => x.id === id)?.findings.length).toBeGreaterThan(0);
  });

  it("the intermediate-hop optic is refused at 10.2.0 and nowhere else", () => {
    const r = results[cases.findIndex((c) => c.name === "fw-optic-hop")]!;
    expect(r.upgradePath).toEqual(["10.2.0", "10.2.4-h4"]);
    const optics = r.checks.find((x) => x.id === "panos-transceivers-supported")!;
    expect(optics.findings.map((f) => [f.key, f.hop])).toEqual([["ethernet1/2", "10.2.0"]]);
  });

  it("facts are gathered once per device: hostname, model, serial, version, uptime, HA role", () => {
    expect(results[0]?.facts).toMatchObject({ hostname: "fw-healthy", model: "PA-3220", softwareVersion: "10.1.9-h1", haRole: "active" });
    expect(results[0]?.facts.serial).toMatch(/^\d{12}$/);
    expect(results[0]?.facts.uptime).toBeTruthy();
  });
});
