// diffReports: new, resolved, still failing and not re-checked problems keyed by device + check + key + hop;
// devices added and removed; status changes. A device the new run could not audit never "resolves" anything.

import { describe, expect, it } from "vitest";
import { diffIsEmpty, diffReports } from "../../../src/report/diff/compute.js";
import { renderDiff } from "../../../src/report/diff/render.js";
import type { RunReport } from "../../../src/model/result.js";
import { previousSampleReport, sampleReport } from "../sample-report.js";

const ids = (items: { device: string; check: string; key?: string; hop?: string }[]) => items.map((i) => [i.device, i.check, i.key ?? "", i.hop ?? ""]);

describe("diffReports", () => {
  const diff = diffReports(previousSampleReport(), sampleReport());

  it("finds the new problem, the resolved one and the ones still there", () => {
    expect(ids(diff.newProblems)).toEqual([["fw-dc1-edge-02", "panos-transceivers-supported", "ethernet1/22", "10.2.0"]]);
    expect(ids(diff.resolved)).toEqual([["fw-dc1-edge-01", "panos-transceivers-supported", "ethernet1/5", "10.2.0"]]);
    expect(diff.resolved[0]!.now).toBe("pass");
    expect(ids(diff.stillFailing)).toContainEqual(["fw-dc1-edge-02", "panos-transceivers-supported", "ethernet1/21", "10.2.0"]);
    expect(ids(diff.stillFailing)).toContainEqual(["fw-dc2-core-01", "panos-panrepo-free-space", "", ""]);
    expect(diff.stillFailing).toHaveLength(6);
  });

  it("does not call a problem resolved when the device could not be audited again", () => {
    expect(diff.notRechecked.map((i) => [i.device, i.check, i.cause])).toEqual([["fw-branch-07", "panos-content-version-minimum", "device-not-audited"]]);
    expect(diff.resolved.map((i) => i.device)).not.toContain("fw-branch-07");
  });

  it("lists devices added and removed, and status changes of devices in both runs", () => {
    expect(diff.devicesAdded).toEqual(["fw-dc1-edge-03"]);
    expect(diff.devicesRemoved).toEqual(["fw-old-99"]);
    expect(diff.statusChanges).toEqual([
      { device: "fw-dc1-edge-01", from: "blocked", to: "ready" },
      { device: "fw-branch-07", from: "blocked", to: "unreachable" },
    ]);
  });

  it("tells the same finding on another hop apart", () => {
    const before = sampleReport();
    const after = sampleReport();
    after.devices[1]!.checks[0]!.findings[0]!.hop = "10.2.4-h4";
    const d = diffReports(before, after);
    expect(ids(d.newProblems)).toEqual([["fw-dc1-edge-02", "panos-transceivers-supported", "ethernet1/21", "10.2.4-h4"]]);
    expect(ids(d.resolved)).toEqual([["fw-dc1-edge-02", "panos-transceivers-supported", "ethernet1/21", "10.2.0"]]);
    expect(d.resolved[0]!.now).toBe("fail");
  });

  it("counts a problem whose check now errors as not re-checked, and a waived one as resolved (now waived)", () => {
    const before = sampleReport();
    const after = sampleReport();
    const optics = after.devices[1]!.checks[0]!;
    optics.status = "error";
    optics.reason = "command timed out";
    optics.findings = [];
    after.devices[1]!.checks[2]!.status = "waived";
    const d = diffReports(before, after);
    expect(d.notRechecked.map((i) => [i.key, i.cause])).toEqual([
      ["ethernet1/21", "check-error"],
      ["ethernet1/22", "check-error"],
    ]);
    expect(d.resolved.map((i) => [i.check, i.now])).toEqual([["panos-panrepo-free-space", "waived"]]);
    expect(ids(d.newProblems)).toEqual([["fw-dc1-edge-02", "panos-transceivers-supported", "", ""]]);
  });

  it("is empty for the same report twice, and pure", () => {
    const r = sampleReport();
    const d = diffReports(r, r);
    expect(diffIsEmpty(d)).toBe(true);
    expect(d.stillFailing.length).toBeGreaterThan(0);
    expect(r).toEqual(sampleReport());
    expect(renderDiff(d, "md")).toContain("No change: the same problems on the same devices");
  });

  it("keeps keys that contain separators apart", () => {
    const one: RunReport = sampleReport();
    const two: RunReport = sampleReport();
    one.devices[1]!.checks[0]!.findings[0]!.key = "a\u0000b";
    two.devices[1]!.checks[0]!.findings[0]!.key = "a";
    two.devices[1]!.checks[0]!.findings[0]!.hop = "b\u000010.2.0";
    const d = diffReports(one, two);
    expect(d.newProblems).toHaveLength(1);
    expect(d.resolved).toHaveLength(1);
  });
});
