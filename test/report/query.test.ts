// The results queries every renderer, the waivers and the diff ask: counts per device status, check status,
// severity, group and check, and the filters (devices with a status, blocking checks, findings of a severity...).
// Table-driven over a small fleet built here, plus the sample report where the answer is in the golden files.

import { describe, expect, it } from "vitest";
import type { CheckStatus, DeviceResult, DeviceStatus, GatedCheckResult, Severity } from "../../src/model/result.js";
import {
  ATTENTION,
  FAILING,
  PROBLEM,
  blockingChecks,
  checksOnDevices,
  checksWithStatus,
  countByCheck,
  countByGroup,
  countChecksByStatus,
  countDevicesByStatus,
  countFindingsBySeverity,
  countPerCheck,
  devicesWithStatus,
  failingChecks,
  findingCount,
  findingsOfSeverity,
  isFailing,
  mostSevere,
  mostSevereFirst,
} from "../../src/report/query.js";
import { sampleReport } from "./sample-report.js";

function check(id: string, status: CheckStatus, severity: Severity, findings = 0, blocks = false): GatedCheckResult {
  return { id, title: `title of ${id}`, status, severity, blocks, findings: Array.from({ length: findings }, (_, i) => ({ message: `${id} #${i + 1}` })), evidence: [] };
}

function device(name: string, status: DeviceStatus, groups: string[], checks: GatedCheckResult[]): DeviceResult {
  return { name, host: name, port: 22, platform: "panos", groups, tags: [], status, upgradePath: [], facts: {}, checks };
}

// a: blocked by a critical failure, with a low warning; b: a medium failure below the gate and an error;
// c: ready with a waived high; d: unreachable, no checks, no group.
const FLEET: DeviceResult[] = [
  device("a", "blocked", ["dc", "edge"], [check("optics", "fail", "critical", 2, true), check("ntp", "warn", "low", 1), check("disk", "pass", "high")]),
  device("b", "error", ["dc"], [check("optics", "pass", "critical"), check("ntp", "fail", "medium", 1), check("disk", "error", "high")]),
  device("c", "ready", ["branch"], [check("optics", "not-applicable", "critical"), check("disk", "waived", "high", 3)]),
  device("d", "unreachable", [], []),
];

const names = (devices: readonly DeviceResult[]) => devices.map((d) => d.name);
const ids = (checks: readonly GatedCheckResult[]) => checks.map((c) => c.id);
const fleetDevice = (name: string) => FLEET.find((d) => d.name === name)!;

describe("status sets", () => {
  it.each([
    ["FAILING", FAILING, ["fail", "warn"]],
    ["PROBLEM", PROBLEM, ["fail", "warn", "error"]],
    ["ATTENTION", ATTENTION, ["fail", "warn", "error", "waived"]],
  ])("%s is %j", (_, set, expected) => {
    expect(set).toEqual(expected);
  });

  it.each([
    ["fail", true],
    ["warn", true],
    ["error", false],
    ["waived", false],
    ["pass", false],
    ["skip", false],
    ["not-applicable", false],
  ] as [CheckStatus, boolean][])("isFailing(%s) is %s", (status, expected) => {
    expect(isFailing(check("x", status, "high"))).toBe(expected);
  });
});

describe("filters", () => {
  it.each([
    [["blocked"], ["a"]],
    [["error", "unreachable", "not-run"], ["b", "d"]],
    [["warning"], []],
    [["ready", "blocked"], ["a", "c"]],
  ] as [DeviceStatus[], string[]][])("devicesWithStatus(%j) keeps %j in the given order", (statuses, expected) => {
    expect(names(devicesWithStatus(FLEET, statuses))).toEqual(expected);
  });

  it.each([
    ["a", ["optics"]],
    ["b", []],
    ["c", []],
    ["d", []],
  ])("blockingChecks(%s) reads blocks: %j", (name, expected) => {
    expect(ids(blockingChecks(fleetDevice(name)))).toEqual(expected);
  });

  it("blockingChecks trusts `blocks` over status and severity", () => {
    const d = device("x", "blocked", [], [check("high-fail", "fail", "high", 1, false), check("low-fail", "fail", "low", 1, true)]);
    expect(ids(blockingChecks(d))).toEqual(["low-fail"]);
  });

  it.each([
    ["a", ["optics", "ntp"]],
    ["b", ["ntp"]],
    ["c", []],
  ])("failingChecks(%s) is %j", (name, expected) => {
    expect(ids(failingChecks(fleetDevice(name)))).toEqual(expected);
  });

  it.each([
    [["error"], [["b", "disk"]]],
    [["waived"], [["c", "disk"]]],
    [PROBLEM, [["a", "optics"], ["a", "ntp"], ["b", "ntp"], ["b", "disk"]]],
  ] as [CheckStatus[], string[][]][])("checksOnDevices(%j) pairs each result with its device", (statuses, expected) => {
    expect(checksOnDevices(FLEET, statuses).map(({ device, check }) => [device.name, check.id])).toEqual(expected);
  });

  it.each([
    ["critical", ["optics #1", "optics #2"]],
    ["medium", ["ntp #1"]],
    ["low", ["ntp #1"]],
    // The waived high check's findings are accepted, not open: not "findings of a severity".
    ["high", []],
    ["info", []],
  ] as [Severity, string[]][])("findingsOfSeverity(%s) lists the findings of failing checks: %j", (severity, expected) => {
    expect(findingsOfSeverity(FLEET, severity).map((f) => f.finding.message)).toEqual(expected);
  });

  it("checksWithStatus keeps the check order", () => {
    expect(ids(checksWithStatus(fleetDevice("b").checks, ["error", "pass"]))).toEqual(["optics", "disk"]);
  });

  it("mostSevereFirst is stable, and mostSevere is the top severity or undefined", () => {
    const checks = [check("l", "fail", "low"), check("h1", "fail", "high"), check("c", "fail", "critical"), check("h2", "warn", "high")];
    expect(ids(mostSevereFirst(checks))).toEqual(["c", "h1", "h2", "l"]);
    expect(ids(checks)).toEqual(["l", "h1", "c", "h2"]);
    expect(mostSevere(checks)).toBe("critical");
    expect(mostSevere([])).toBeUndefined();
  });
});

describe("counts", () => {
  it("countDevicesByStatus counts every status, zero included", () => {
    expect(countDevicesByStatus(FLEET)).toEqual({ ready: 1, blocked: 1, warning: 0, unreachable: 1, error: 1, "not-run": 0 });
  });

  it.each([
    ["a", { pass: 1, fail: 1, warn: 1, error: 0, skip: 0, "not-applicable": 0, waived: 0 }],
    ["b", { pass: 1, fail: 1, warn: 0, error: 1, skip: 0, "not-applicable": 0, waived: 0 }],
    ["c", { pass: 0, fail: 0, warn: 0, error: 0, skip: 0, "not-applicable": 1, waived: 1 }],
    ["d", { pass: 0, fail: 0, warn: 0, error: 0, skip: 0, "not-applicable": 0, waived: 0 }],
  ])("countChecksByStatus(%s)", (name, expected) => {
    expect(countChecksByStatus(fleetDevice(name).checks)).toEqual(expected);
  });

  it("countFindingsBySeverity counts findings of failing checks only", () => {
    expect(countFindingsBySeverity(FLEET)).toEqual({ critical: 2, high: 0, medium: 1, low: 1, info: 0 });
  });

  it.each([
    ["a", 3],
    ["b", 1],
    // Waived findings are still the device's findings (they are shown with the waiver).
    ["c", 3],
    ["d", 0],
  ])("findingCount(%s) is %i", (name, expected) => {
    expect(findingCount(fleetDevice(name))).toBe(expected);
  });

  it("countByGroup counts a device in each of its groups, and one without any under the label given", () => {
    expect(countByGroup(FLEET, "(none)").map((g) => [g.group, g.total, g.byStatus.blocked, g.byStatus.error, g.byStatus.ready, g.byStatus.unreachable])).toEqual([
      ["dc", 2, 1, 1, 0, 0],
      ["edge", 1, 1, 0, 0, 0],
      ["branch", 1, 0, 0, 1, 0],
      ["(none)", 1, 0, 0, 0, 1],
    ]);
  });

  it("countByCheck gives one row per check, in first-seen order, with the selected checks no device reached", () => {
    const rows = countByCheck(FLEET, [{ id: "ha", title: "HA", severity: "high", sha256: "", source: "" }]);
    expect(rows.map((r) => [r.id, r.findings, names(r.attention), r.byStatus.fail, r.byStatus.pass, r.byStatus.waived])).toEqual([
      ["optics", 2, ["a"], 1, 1, 0],
      ["ntp", 2, ["a", "b"], 1, 0, 0],
      ["disk", 0, ["b", "c"], 0, 1, 1],
      ["ha", 0, [], 0, 0, 0],
    ]);
    expect(rows[0]).toMatchObject({ title: "title of optics", severity: "critical" });
  });

  it("countPerCheck counts items per check id in first-seen order", () => {
    expect(countPerCheck([{ check: "b" }, { check: "a" }, { check: "b" }])).toEqual([
      ["b", 2],
      ["a", 1],
    ]);
  });

  it("does not count a status outside the closed set (a malformed report)", () => {
    const odd = device("x", "exploded" as DeviceStatus, ["g"], [check("y", "passed" as CheckStatus, "high")]);
    expect(Object.values(countDevicesByStatus([odd]))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(countByGroup([odd], "-")).toEqual([expect.objectContaining({ group: "g", total: 0 })]);
    expect(Object.values(countChecksByStatus(odd.checks)).every((n) => n === 0)).toBe(true);
  });
});

describe("on the sample report", () => {
  const report = sampleReport();

  it("agrees with the run's summary on device and check statuses", () => {
    expect(countDevicesByStatus(report.devices)).toEqual(report.summary.byStatus);
    expect(countChecksByStatus(report.devices.flatMap((d) => d.checks))).toEqual(report.summary.checkResults);
  });

  it("finds the blocking checks the runner marked", () => {
    expect(checksOnDevices(report.devices, ["fail"]).filter(({ check }) => check.blocks).map(({ device, check }) => `${device.name} ${check.id}`)).toEqual([
      "fw-dc1-edge-02 panos-transceivers-supported",
      "fw-dc1-edge-02 panos-panrepo-free-space",
      "fw-branch-09 panos-content-version-minimum",
    ]);
  });
});
