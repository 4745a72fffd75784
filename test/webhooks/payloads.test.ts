// Webhook payloads from a report assembled as the runner assembles it: one
// device.blocked per blocked device, with its blocking checks and first findings, then run.finished with the verdict.
import { describe, expect, it } from "vitest";
import { assembleReport } from "../../src/runner/assemble.js";
import type { DeviceResult, GatedCheckResult, RunMeta } from "../../src/model/result.js";
import { runPayloads } from "../../src/webhooks/payloads.js";

const meta: RunMeta = {
  tool: { name: "preflight", version: "0.1.0" },
  startedAt: "2026-12-04T10:00:00.000Z",
  finishedAt: "2026-12-04T10:01:00.000Z",
  interrupted: false,
  selection: { inventory: "inventory.yaml", groups: ["dc1"], devices: [], tags: [] },
  failOn: "high",
  targetVersions: ["10.2.4-h4"],
  checks: [],
};
const check = (over: Partial<GatedCheckResult>): GatedCheckResult => ({ id: "panos-transceivers-supported", title: "Optics supported", severity: "critical", status: "pass", findings: [], blocks: false, ...over } as GatedCheckResult);
const device = (name: string, status: DeviceResult["status"], checks: GatedCheckResult[], reason?: string): DeviceResult => ({
  name, host: "10.0.0.1", port: 22, platform: "paloalto_panos", groups: ["dc1"], tags: ["edge"], status, ...(reason ? { reason } : {}), targetVersion: "10.2.4-h4", upgradePath: ["10.2.0", "10.2.4-h4"], facts: { softwareVersion: "10.1.9-h1" }, checks,
});

describe("webhook payloads", () => {
  it("one device.blocked per blocked device (blocking checks, five findings at most, remediation), then run.finished", () => {
    const findings = Array.from({ length: 7 }, (_, i) => ({ key: `ethernet1/${i + 1}`, message: `FS SFP-10GSR-85 in ethernet1/${i + 1} is not supported on 10.2.0`, hop: "10.2.0" }));
    const report = assembleReport(meta, [
      device("fw-ok", "ready", [check({})]),
      device("fw-optics", "blocked", [check({ status: "fail", blocks: true, findings, remediation: "replace the optic" }), check({ id: "panos-ha-state", status: "warn", findings: [{ message: "peer is suspended" }] })]),
      device("fw-down", "unreachable", [], "connection refused"),
    ]);
    const payloads = runPayloads(report, { runId: "run-42", report: "https://preflight.example.com/api/v1/runs/run-42/report.json" });
    expect(payloads.map((p) => p.event)).toEqual(["device.blocked", "run.finished"]);
    const blocked = payloads[0]!.payload as { device: { name: string; softwareVersion: string; upgradePath: string[] }; checks: { id: string; findings: unknown[]; moreFindings: number; remediation: string }[] };
    expect(blocked.device).toMatchObject({ name: "fw-optics", softwareVersion: "10.1.9-h1", upgradePath: ["10.2.0", "10.2.4-h4"] });
    expect(blocked.checks.map((c) => [c.id, c.findings.length, c.moreFindings, c.remediation])).toEqual([["panos-transceivers-supported", 5, 2, "replace the optic"]]);
    expect(blocked.checks[0]!.findings[0]).toEqual({ key: "ethernet1/1", message: "FS SFP-10GSR-85 in ethernet1/1 is not supported on 10.2.0", hop: "10.2.0" });
    expect(payloads[1]!.payload).toMatchObject({
      run: { id: "run-42", interrupted: false, targetVersions: ["10.2.4-h4"] },
      verdict: "blocked",
      exitCode: 1,
      devices: { ready: 1, blocked: 1, unreachable: 1 },
      blocked: [{ name: "fw-optics", groups: ["dc1"], checks: ["panos-transceivers-supported"] }],
      notReady: [{ name: "fw-down", status: "unreachable", reason: "connection refused" }],
      links: { report: "https://preflight.example.com/api/v1/runs/run-42/report.json", html: null },
    });
  });

  it("a run with nothing blocked sends run.finished only, with the verdict of its exit code", () => {
    const report = assembleReport(meta, [device("fw-ok", "ready", [check({})]), device("fw-x", "error", [check({ status: "error" })], "a check could not be evaluated")]);
    const payloads = runPayloads(report, { runId: "r" });
    expect(payloads.map((p) => p.event)).toEqual(["run.finished"]);
    expect(payloads[0]!.payload).toMatchObject({ verdict: "incomplete", exitCode: 2, blocked: [] });
  });
});
