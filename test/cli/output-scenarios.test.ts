// The output stage through the built CLI: re-rendering a saved run, --stdout, --baseline, waivers and diff,
// with the exit codes pipelines read.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preflight } from "../helpers/cli.js";
import type { RunReport } from "../../src/model/result.js";
import { startFleet } from "../../src/simulator/fleet.js";
import { fleetInventoryYaml } from "../../src/simulator/inventory.js";
import { panosDevice, type PortSpec } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import { withSuiteOutputs } from "../../src/platforms/paloalto_panos/simulator/suite/index.js";
import type { SimFleet } from "../../src/simulator/types.js";

const CREDS = { username: "audit", password: "output-Pa55" };
const OEM: PortSpec = { slot: 1, port: 1, sfp: { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", serial: "A1" } };
const FS: PortSpec = { slot: 1, port: 2, sfp: { vendorName: "FS", partNumber: "SFP-10GSR-85", serial: "B2" } };


let fleet: SimFleet;
let dir: string;
const env = { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password };

beforeAll(async () => {
  fleet = await startFleet([
    withSuiteOutputs(panosDevice({ name: "fw-ok", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM], ...CREDS })),
    withSuiteOutputs(panosDevice({ name: "fw-bad", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM, FS], ...CREDS })),
  ]);
  dir = mkdtempSync(join(tmpdir(), "preflight-output-"));
  writeFileSync(join(dir, "inventory.yaml"), fleetInventoryYaml(fleet, { group: "lab", targetVersion: "10.2.4-h4" }));
  writeFileSync(join(dir, "known_hosts"), fleet.knownHosts());
  const first = await preflight(["run", "-i", join(dir, "inventory.yaml"), "--known-hosts", join(dir, "known_hosts"), "--out", join(dir, "run1"), "--no-progress"], env);
  expect(first.code).toBe(1);
}, 60_000);

afterAll(async () => {
  await fleet?.close();
});

describe("output stage", () => {
  it("re-renders a saved run in every format, one of them on stdout", async () => {
    const r = await preflight(["report", join(dir, "run1", "report.json"), "--format", "junit,csv,md,html", "--out", join(dir, "rerender"), "--stdout", "junit"]);
    expect(r.code).toBe(1);
    const junit = new XMLParser({ ignoreAttributes: false }).parse(r.stdout) as { testsuites: { testsuite: { "@_name": string; "@_failures": string }[] } };
    expect(junit.testsuites.testsuite.map((s) => [s["@_name"], s["@_failures"]])).toEqual([
      ["fw-ok", "0"],
      ["fw-bad", "1"],
    ]);
    for (const f of ["report.junit.xml", "report.csv", "report.md", "report.html"]) expect(existsSync(join(dir, "rerender", f))).toBe(true);
    expect(r.stderr).toMatch(/wrote .*report\.csv/);
    expect(readFileSync(join(dir, "rerender", "report.md"), "utf8")).toContain("SFP-10GSR-85");
  });

  it("waivers accept a known failure with its owner, and an expired one does not", async () => {
    const valid = join(dir, "waivers.yaml");
    writeFileSync(valid, 'waivers:\n  - check: panos-transceivers-supported\n    devices: [fw-bad]\n    keys: ["ethernet1/2"]\n    justification: FS optic validated in the lab on 10.2.4-h4 (CHG0042)\n    owner: netops@example.net\n    expires: 2099-12-31\n');
    const r = await preflight(["report", join(dir, "run1", "report.json"), "--waivers", valid, "--format", "json", "--out", join(dir, "waived"), "--stdout", "summary"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, "waived", "report.json"), "utf8")) as RunReport;
    const optics = report.devices[1]?.checks.find((c) => c.id === "panos-transceivers-supported");
    expect(optics?.status).toBe("waived");
    expect(optics?.reason).toContain("netops@example.net");
    const expired = join(dir, "expired.yaml");
    writeFileSync(expired, readFileSync(valid, "utf8").replace("2099-12-31", "2020-01-01"));
    const e = await preflight(["report", join(dir, "run1", "report.json"), "--waivers", expired, "--out", join(dir, "expired")]);
    expect(e.code).toBe(1);
    expect(e.stderr).toMatch(/expired on 2020-01-01/);
  });

  it("a waivers file with mistakes stops the run before any device, with positions", async () => {
    const bad = join(dir, "bad-waivers.yaml");
    writeFileSync(bad, "waivers:\n  - check: panos-transceivers-supported\n    owner: me\n    expires: soon\n");
    const r = await preflight(["run", "-i", join(dir, "inventory.yaml"), "--known-hosts", join(dir, "known_hosts"), "--waivers", bad, "--out", join(dir, "never")], env);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/bad-waivers\.yaml:\d+:\d+: /);
    expect(existsSync(join(dir, "never"))).toBe(false);
  });

  it("compares with a baseline, and diff exits 1 only for new failures", async () => {
    const fixed = JSON.parse(readFileSync(join(dir, "run1", "report.json"), "utf8")) as RunReport;
    const older = structuredClone(fixed);
    older.devices[1]!.status = "ready";
    older.devices[1]!.checks = older.devices[1]!.checks.map((c) => (c.id === "panos-transceivers-supported" ? { ...c, status: "pass", findings: [] } : c));
    writeFileSync(join(dir, "older.json"), JSON.stringify(older));
    const d = await preflight(["diff", join(dir, "older.json"), join(dir, "run1", "report.json")]);
    expect(d.code).toBe(1);
    expect(d.stdout).toMatch(/new/i);
    const same = await preflight(["diff", join(dir, "run1", "report.json"), join(dir, "run1", "report.json"), "--format", "json"]);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({ newProblems: [] });
    const md = await preflight(["report", join(dir, "run1", "report.json"), "--baseline", join(dir, "older.json"), "--stdout", "md", "--out", join(dir, "md")]);
    expect(md.stdout).toMatch(/previous run/i);
  });
});
