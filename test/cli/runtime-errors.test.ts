// A check that breaks at run time, through the built binary against simulated firewalls over SSH: its
// expression throws (a JMESPath type error only the device's data reveals) or its parser rejects the output.
// Each is that check's `error`; every other result stays, the report is written, and the exit code is 2.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preflight } from "../helpers/cli.js";
import type { RunReport } from "../../src/model/result.js";
import { validateReport } from "../../src/report/validate-report.js";
import { startFleet } from "../../src/simulator/fleet.js";
import { fleetInventoryYaml } from "../../src/simulator/inventory.js";
import type { SimFleet } from "../../src/simulator/types.js";
import { panosDevice, type PortSpec } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import { withSuiteOutputs } from "../../src/platforms/paloalto_panos/simulator/suite/index.js";

const CREDS = { username: "audit", password: "runtime-Err0r-pw" };
// A Palo Alto-supplied optic as the device reports it (vendor-name OEM, the PAN SKU as part number: PR #111 capture).
const OEM: PortSpec = { slot: 1, port: 1, sfp: { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", serial: "OEM1" } };
const FS: PortSpec = { slot: 1, port: 2, sfp: { vendorName: "FS", partNumber: "SFP-10GSR-85", serial: "FS1" } };

// abs() of the hostname: compiles (so validation passes) and throws only when evaluated on a device's data.
const THROWING_EXPRESSION = `id: lab-hostname-abs
title: A check whose expression throws at run time
description: abs() of a string compiles, and throws on the device's data.
severity: medium
platforms: [paloalto_panos]
gather:
  info: { command: show system info, parser: key-value }
assert:
  expect: { path: "abs(info.hostname)", ge: 0 }
message: never printed
remediation: none
`;

// The hostname typed as an int: the parser rejects the real output.
const REJECTING_PARSER = `id: lab-hostname-int
title: A check whose parser rejects the output
description: The hostname typed as an int.
severity: medium
platforms: [paloalto_panos]
gather:
  info: { command: show system info, parser: key-value, options: { types: { hostname: int } } }
assert:
  expect: { path: info.hostname, ge: 0 }
message: never printed
remediation: none
`;

let fleet: SimFleet;
let dir: string;
let inventory: string;
let knownHosts: string;
let checksDir: string;

beforeAll(async () => {
  fleet = await startFleet([
    withSuiteOutputs(panosDevice({ name: "fw-oem", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM], ...CREDS })),
    withSuiteOutputs(panosDevice({ name: "fw-fs", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM, FS], ...CREDS })),
  ]);
  dir = mkdtempSync(join(tmpdir(), "preflight-runtime-errors-"));
  inventory = join(dir, "inventory.yaml");
  knownHosts = join(dir, "known_hosts");
  checksDir = join(dir, "checks");
  mkdirSync(checksDir);
  writeFileSync(join(checksDir, "lab-hostname-abs.yaml"), THROWING_EXPRESSION);
  writeFileSync(join(checksDir, "lab-hostname-int.yaml"), REJECTING_PARSER);
  writeFileSync(inventory, fleetInventoryYaml(fleet, { group: "lab", targetVersion: "10.2.4-h4" }));
  writeFileSync(knownHosts, fleet.knownHosts());
});

afterAll(async () => {
  await fleet?.close();
});

const run = (out: string, extra: string[] = []) =>
  preflight(
    ["run", "-i", inventory, "--known-hosts", knownHosts, "--checks", `panos-transceivers-supported,${checksDir}`, "--out", join(dir, out), "--no-progress", "--format", "json,html,junit", ...extra],
    { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password },
  );

const readReport = (out: string) => JSON.parse(readFileSync(join(dir, out, "report.json"), "utf8")) as RunReport;

describe("a check that breaks at run time", () => {
  it("is that check's error on every device; the optics verdicts stay and the report is written", async () => {
    const r = await run("all");
    expect(r.stderr).toBe("");
    // A blocked device outranks an incomplete audit in the exit code (exit 1): a known failure is never hidden.
    expect(r.code).toBe(1);
    const report = readReport("all");
    expect(validateReport(report)).toEqual({ ok: true });
    const verdicts = report.devices.map((d) => [d.name, d.status, Object.fromEntries(d.checks.map((c) => [c.id, c.status]))]);
    expect(verdicts).toEqual([
      ["fw-oem", "error", { "panos-transceivers-supported": "pass", "lab-hostname-abs": "error", "lab-hostname-int": "error" }],
      ["fw-fs", "blocked", { "panos-transceivers-supported": "fail", "lab-hostname-abs": "error", "lab-hostname-int": "error" }],
    ]);
    // The reason and the findings name what broke, per device.
    const explained = (id: string) => report.devices.map((d) => d.checks.find((c) => c.id === id)).map((c) => `${c?.reason ?? ""} | ${c?.findings.map((f) => f.message).join(" | ") ?? ""}`);
    for (const text of explained("lab-hostname-abs")) expect(text).toMatch(/abs\(\).*number/i);
    for (const text of explained("lab-hostname-int")) expect(text).toMatch(/field "hostname": ".+" is not an int/);
    expect(report.devices[1]?.checks.find((c) => c.id === "panos-transceivers-supported")?.findings[0]?.message).toContain("FS SFP-10GSR-85");
    expect(readFileSync(join(dir, "all", "report.html"), "utf8")).toContain("lab-hostname-abs");
    expect(readFileSync(join(dir, "all", "report.junit.xml"), "utf8")).toMatch(/lab-hostname-abs[^\n]*>\s*<error/);
  });

  it("exits 2 when the errors are all that stands between a device and ready", async () => {
    const r = await run("one", ["--device", "fw-oem"]);
    expect(r.code).toBe(2);
    const report = readReport("one");
    expect(report.summary.exitCode).toBe(2);
    expect(report.devices.map((d) => d.status)).toEqual(["error"]);
  });
});
