// CLI scenarios against the built binary (dist/, built by the global setup) and the simulator over SSH:
// command, output, exit code — the contract that pipelines rely on.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, preflight } from "../helpers/cli.js";
import { validateReport } from "../../src/report/validate-report.js";
import type { RunReport } from "../../src/model/result.js";
import { startFleet } from "../../src/simulator/fleet.js";
import { panosDevice, type PortSpec } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import type { SimFleet } from "../../src/simulator/types.js";
import { fleetInventoryYaml } from "../../src/simulator/inventory.js";
import { withSuiteOutputs } from "../../src/platforms/paloalto_panos/simulator/suite/index.js";

const CREDS = { username: "audit", password: "cli-test-Pa55word" };
const OEM: PortSpec = { slot: 1, port: 1, sfp: { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", serial: "OEM1" } };
const FS: PortSpec = { slot: 1, port: 2, sfp: { vendorName: "FS", partNumber: "SFP-10GSR-85", serial: "FS1" } };



let fleet: SimFleet;
let dir: string;
let inventory: string;
let knownHosts: string;
const env = { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password };

beforeAll(async () => {
  fleet = await startFleet([
    withSuiteOutputs(panosDevice({ name: "fw-ok", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM], ...CREDS, tags: ["ok"] })),
    withSuiteOutputs(panosDevice({ name: "fw-bad", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM, FS], ...CREDS, tags: ["bad"] })),
    withSuiteOutputs(panosDevice({ name: "fw-down", model: "PA-850", swVersion: "9.1.14", ports: [OEM], ...CREDS, faults: [{ kind: "refuse" }], tags: ["down"] })),
  ]);
  dir = mkdtempSync(join(tmpdir(), "preflight-cli-"));
  inventory = join(dir, "inventory.yaml");
  knownHosts = join(dir, "known_hosts");
  writeFileSync(inventory, fleetInventoryYaml(fleet, { group: "lab", targetVersion: "10.2.4-h4" }));
  writeFileSync(knownHosts, fleet.knownHosts());
});

afterAll(async () => {
  await fleet?.close();
});

const run = (extra: string[], out: string) => preflight(["run", "-i", inventory, "--known-hosts", knownHosts, "--out", join(dir, out), "--no-progress", ...extra], env);

describe("preflight run", () => {
  it("exits 0 when every selected device is ready", async () => {
    const r = await run(["--tag", "ok"], "ok");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 ready/);
  });

  it("exits 1 with a blocked device, writes a schema-valid report.json and an HTML report", async () => {
    const r = await run([], "all");
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, "all", "report.json"), "utf8")) as RunReport;
    expect(validateReport(report)).toEqual({ ok: true });
    expect(report.devices.map((d) => [d.name, d.status])).toEqual([
      ["fw-ok", "ready"],
      ["fw-bad", "blocked"],
      ["fw-down", "unreachable"],
    ]);
    expect(report.summary.exitCode).toBe(1);
    expect(report.meta.checks.map((c) => c.id)).toContain("panos-transceivers-supported");
    expect(report.meta.checks.length).toBeGreaterThanOrEqual(15);
    const failing = report.devices[1]?.checks.filter((c) => c.status !== "pass" && c.status !== "not-applicable");
    expect(failing?.map((c) => c.id)).toEqual(["panos-transceivers-supported"]);
    expect(failing?.[0]?.findings[0]?.message).toContain("ethernet1/2: FS SFP-10GSR-85");
    const html = readFileSync(join(dir, "all", "report.html"), "utf8");
    expect(html).toContain("SFP-10GSR-85");
    for (const text of [r.stdout, r.stderr, JSON.stringify(report), html]) expect(text).not.toContain(CREDS.password);
  });

  it("exits 2 when nothing is blocked but a device is unreachable", async () => {
    const r = await run(["--tag", "ok,down"], "incomplete");
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/connection refused/);
  });

  it("exits 3 with every problem at once, before contacting any device", async () => {
    const r = await preflight(["run", "-i", join(dir, "missing.yaml"), "--format", "pdf", "--concurrency", "0", "--fail-on", "hgh"], env);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('--format: unknown format "pdf"');
    expect(r.stderr).toContain('--concurrency: "0" is not a whole number');
    expect(r.stderr).toContain('--fail-on: unknown severity "hgh" (did you mean "high"?)');
  });

  it("exits 3 when credentials are missing, naming the variable and not contacting devices", async () => {
    const r = await preflight(["run", "-i", inventory, "--known-hosts", knownHosts, "--out", join(dir, "nocreds"), "--no-progress"], {});
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/PREFLIGHT_USERNAME/);
  });

  it("exits 3 for an unknown group, with did-you-mean", async () => {
    const r = await run(["--group", "lba"], "typo");
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/did you mean "lab"/);
  });

  it("exits 4 when the selection matches no device", async () => {
    const r = await run(["--tag", "ok", "--device", "fw-bad"], "none");
    expect(r.code).toBe(4);
  });

  it("exits 3 for an unknown option and prints help with the exit codes", async () => {
    const bad = await preflight(["run", "--invnetory", "x"]);
    expect(bad.code).toBe(3);
    const help = await preflight(["run", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--accept-new-host-keys");
    expect(help.stdout).toContain("Exit codes:");
  });
});

describe("preflight validate", () => {
  it("passes the built-in library", async () => {
    const r = await preflight(["validate", "checks"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("prints every problem in broken check and inventory files as file:line:col and exits 3", async () => {
    const badInventory = join(dir, "bad-inventory.yaml");
    writeFileSync(badInventory, "defaults:\n  platfrom: paloalto_panos\nhosts:\n  fw1: { host: 10.0.0.1, groups: [nope], password: hunter2 }\n");
    const r = await preflight(["validate", "test/checks/bad/two-operators.yaml", badInventory]);
    expect(r.code).toBe(3);
    const lines = r.stderr.trim().split("\n");
    expect(lines.filter((l) => l.startsWith("test/checks/bad/two-operators.yaml:")).length).toBe(5);
    expect(lines.filter((l) => /bad-inventory\.yaml:\d+:\d+: /.test(l)).length).toBeGreaterThanOrEqual(3);
    expect(r.stderr).toContain('did you mean "platform"');
    expect(r.stderr).not.toContain("hunter2");
  });
});

describe("Ctrl-C", () => {
  it("stops, closes sessions and still writes the report with unfinished devices as not-run (exit 2)", async () => {
    const hanging = await startFleet([
      withSuiteOutputs(panosDevice({ name: "fw-quick", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM], ...CREDS })),
      withSuiteOutputs(panosDevice({ name: "fw-hang", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM], ...CREDS, faults: [{ kind: "hang-on-command", command: "show system state filter-pretty sys.s*.p*.phy" }] })),
    ]);
    try {
      const inv = join(dir, "hang.yaml");
      const kh = join(dir, "hang_known_hosts");
      writeFileSync(inv, fleetInventoryYaml(hanging, { group: "lab", targetVersion: "10.2.4-h4" }));
      writeFileSync(kh, hanging.knownHosts());
      const child = spawn(process.execPath, [BIN, "run", "-i", inv, "--known-hosts", kh, "--out", join(dir, "interrupted")], {
        env: { PATH: process.env.PATH ?? "", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      child.stdout.resume();
      const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
      // Wait (bounded) until the progress line says the quick device is done while the other hangs, then interrupt.
      const deadline = Date.now() + 20_000;
      while (!stderr.includes("fw-quick ready") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(stderr).toContain("fw-quick ready");
      child.kill("SIGINT");
      const code = await closed;
      expect(stderr).toContain("interrupted");
      expect(code).toBe(2);
      const report = JSON.parse(readFileSync(join(dir, "interrupted", "report.json"), "utf8")) as RunReport;
      expect(report.meta.interrupted).toBe(true);
      expect(report.devices.map((d) => [d.name, d.status])).toEqual([
        ["fw-quick", "ready"],
        ["fw-hang", "not-run"],
      ]);
    } finally {
      await hanging.close();
    }
  });
});
