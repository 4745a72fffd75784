// The terminal summary: counts, the devices that need attention with their first problem, the exit code in
// words; colour only on request and never needed to read it; device text cannot drive the terminal.

import { describe, expect, it } from "vitest";
import type { DeviceResult } from "../../src/model/result.js";
import { renderSummary } from "../../src/report/summary.js";
import { sampleReport } from "./sample-report.js";

// eslint-disable-next-line no-control-regex -- the test is about escape sequences
const ANSI = /\u001b\[[0-9;]*m/g;

describe("renderSummary", () => {
  const plain = renderSummary(sampleReport(), { color: false });

  it("starts with the counts per device status and findings per severity", () => {
    const [first, second] = plain.split("\n");
    expect(first).toBe("preflight: 8 devices — 2 blocked, 1 error, 1 unreachable, 1 not run, 1 warning, 2 ready");
    expect(second).toBe("Findings: 2 critical, 2 high, 2 medium, 1 low, 0 info");
  });

  it("lists blocked, error and unreachable devices in that order with their first problem, and no others", () => {
    const listed = plain.split("\n").filter((l) => l.startsWith("  "));
    expect(listed.map((l) => l.trim().split(/\s+/).slice(0, 2).join(" "))).toEqual([
      "BLOCKED fw-dc1-edge-02",
      "BLOCKED fw-branch-09",
      "ERROR fw-dc2-core-01",
      "UNREACHABLE fw-branch-07",
    ]);
    expect(listed[0]).toContain("panos-transceivers-supported: ethernet1/21: FINISAR CORP. FTLX8571D3BCL is not supported on PAN-OS 10.2.0 (+3 more findings)");
    expect(listed[2]).toContain('panos-panrepo-free-space: could not parse the output of "show system disk-space"');
    expect(listed[3]).toContain("connect ECONNREFUSED 10.20.7.1:22");
    expect(plain).not.toContain("fw-lab-03");
    expect(plain).not.toContain("fw-dc2-edge-02");
  });

  it("names the blocking check, not a lower-severity failure listed before it", () => {
    const report = sampleReport();
    const device = report.devices[1]!;
    // Put the low-severity warning first: the line must still show the critical optics failure.
    device.checks.unshift(device.checks.pop()!);
    expect(renderSummary(report, { color: false })).toContain("fw-dc1-edge-02  panos-transceivers-supported:");
  });

  it("ends with the exit code and its meaning", () => {
    expect(plain.endsWith("\nExit code 1: at least one device is blocked.\n")).toBe(true);
  });

  it("uses no escape sequence unless colour is asked for, and the same words when it is", () => {
    expect(plain).not.toMatch(ANSI);
    const coloured = renderSummary(sampleReport(), { color: true });
    expect(coloured).toMatch(ANSI);
    expect(coloured).toContain("\u001b[1m\u001b[31mBLOCKED    \u001b[0m");
    expect(coloured.replace(ANSI, "")).toBe(plain);
  });

  it("stops after 20 device lines and says how many more", () => {
    const report = sampleReport();
    const template = report.devices[2]!;
    report.devices = Array.from({ length: 25 }, (_, i): DeviceResult => ({ ...template, name: `fw-branch-${String(i + 1).padStart(2, "0")}` }));
    const lines = renderSummary(report, { color: false }).split("\n");
    const listed = lines.filter((l) => l.startsWith("  UNREACHABLE"));
    expect(listed).toHaveLength(20);
    expect(listed[19]).toContain("fw-branch-20");
    expect(lines).toContain("  and 5 more");
  });

  it("shows control characters from the device as symbols and keeps each device on one line", () => {
    const report = sampleReport();
    report.devices[2]!.reason = "banner said: \u001b]0;pwned\u0007\u001b[2J\nsecond line\r\n";
    const text = renderSummary(report, { color: false });
    expect(text).not.toContain("\u001b");
    expect(text).not.toContain("\u0007");
    expect(text).toContain("UNREACHABLE  fw-branch-07    banner said: ␛]0;pwned␇␛[2J second line\n");
  });

  it("cuts a very long problem text", () => {
    const report = sampleReport();
    report.devices[2]!.reason = "x".repeat(1000);
    const line = renderSummary(report, { color: false }).split("\n").find((l) => l.includes("fw-branch-07"))!;
    expect(line.endsWith(`${"x".repeat(160)}…`)).toBe(true);
  });

  it("reports a clean run without a device list", () => {
    const report = sampleReport();
    report.devices = report.devices.filter((d) => d.status === "ready");
    report.summary = {
      ...report.summary,
      devices: 2,
      exitCode: 0,
      byStatus: { ready: 2, blocked: 0, warning: 0, unreachable: 0, error: 0, "not-run": 0 },
      findingsBySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    };
    report.meta.interrupted = false;
    expect(renderSummary(report, { color: false })).toBe(
      [
        "preflight: 2 devices — 0 blocked, 0 error, 0 unreachable, 0 not run, 0 warning, 2 ready",
        "Findings: 0 critical, 0 high, 0 medium, 0 low, 0 info",
        "",
        "Exit code 0: every selected device was audited and is ready.",
        "",
      ].join("\n"),
    );
  });
});
