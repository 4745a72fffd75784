// Waivers: loading with positioned diagnostics, and applying them: valid, expired, partial, glob selectors,
// never waiving an unknown, and the device statuses, summary and exit code recomputed.

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RunReport } from "../../src/model/result.js";
import { formatDiagnostic } from "../../src/util/diagnostics.js";
import { applyWaivers, globMatcher } from "../../src/waivers/apply.js";
import { loadWaivers, parseWaivers, type Waiver } from "../../src/waivers/load.js";
import { sampleReport } from "../report/sample-report.js";

const NOW = new Date("2024-05-15T08:00:00Z");

function waiver(fields: Partial<Waiver> & { check: string }): Waiver {
  return { justification: "CHG-1234: optics replaced in the window", owner: "netops@acme.example", expires: "2024-06-30", source: "waivers.yaml:2", ...fields };
}

/** The sample report: fw-branch-09 is blocked by its content check alone, so waiving that makes it ready. */
function report(): RunReport {
  return sampleReport();
}

const device = (r: RunReport, name: string) => r.devices.find((d) => d.name === name)!;

describe("parseWaivers", () => {
  it("reads a valid file and records where each waiver is written", () => {
    const text = `waivers:
  - check: panos-transceivers-*
    devices: [fw-dc1-*]
    keys: [ethernet1/21]
    justification: CHG-1234 optics replaced in the window
    owner: netops@acme.example
    expires: 2024-06-30
  - check: panos-ntp-synced
    groups: [branch]
    tags: [customer-acme]
    justification: NTP servers move next week
    owner: alice
    expires: "2024-05-31"
`;
    const { waivers, diagnostics } = parseWaivers(text, "waivers.yaml");
    expect(diagnostics).toEqual([]);
    expect(waivers).toEqual([
      {
        check: "panos-transceivers-*",
        devices: ["fw-dc1-*"],
        keys: ["ethernet1/21"],
        justification: "CHG-1234 optics replaced in the window",
        owner: "netops@acme.example",
        expires: "2024-06-30",
        source: "waivers.yaml:2",
      },
      { check: "panos-ntp-synced", groups: ["branch"], tags: ["customer-acme"], justification: "NTP servers move next week", owner: "alice", expires: "2024-05-31", source: "waivers.yaml:8" },
    ]);
  });

  it("reports every problem at file:line:col and keeps the valid entries", () => {
    const text = `waivers:
  - check: panos-ha-synced
    justification: ok
    owner: bob
    expires: 2024-06-30
  - check: panos-ntp-synced
    owner: bob
    expires: 30/06/2024
    device: [fw-1]
  - check: panos-licenses-valid
    justification: later
    owner: ""
    expires: 2024-02-30
`;
    const { waivers, diagnostics } = parseWaivers(text, "w.yaml");
    expect(waivers.map((w) => w.check)).toEqual(["panos-ha-synced"]);
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      'w.yaml:6:5: waivers[1]: missing key "justification"',
      "w.yaml:8:14: waivers[1].expires: expected a date as YYYY-MM-DD (quote it or write it plainly, e.g. 2024-06-30)",
      'w.yaml:9:5: waivers[1].device: unknown key "device" (did you mean "devices"?); expected one of: check, devices, groups, tags, keys, justification, owner, expires',
      "w.yaml:12:12: waivers[2].owner: expected a non-empty value",
    ]);
  });

  it("rejects a date that does not exist once the shape is right", () => {
    const { waivers, diagnostics } = parseWaivers("waivers:\n  - check: x\n    justification: j\n    owner: o\n    expires: 2024-02-30\n", "w.yaml");
    expect(waivers).toEqual([]);
    expect(diagnostics.map(formatDiagnostic)).toEqual(['w.yaml:5:14: waivers[0].expires: "2024-02-30" is not a calendar date; expected YYYY-MM-DD']);
  });

  it("reports YAML syntax errors, an empty file and a missing file", async () => {
    expect(parseWaivers("waivers: [\n", "w.yaml").diagnostics[0]!.message).toMatch(/^invalid YAML/);
    expect(parseWaivers("", "w.yaml").diagnostics.map(formatDiagnostic)).toEqual(["w.yaml:1:1: the waiver file is empty; expected `waivers:` with a list"]);
    expect(parseWaivers("waiver: []\n", "w.yaml").diagnostics.map(formatDiagnostic)).toEqual([
      'w.yaml:1:1: (top level): missing key "waivers"',
      'w.yaml:1:1: waiver: unknown key "waiver" (did you mean "waivers"?); expected one of: waivers',
    ]);
    const dir = await mkdtemp(join(tmpdir(), "preflight-waivers-"));
    try {
      expect(loadWaivers(join(dir, "none.yaml")).diagnostics[0]!.message).toMatch(/^cannot read the waiver file: ENOENT/);
      await writeFile(join(dir, "w.yaml"), "waivers:\n  - check: a\n    justification: j\n    owner: o\n    expires: 2024-01-01\n");
      expect(loadWaivers(join(dir, "w.yaml")).waivers).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("applyWaivers", () => {
  it("waives a check whose findings are all covered; the device becomes ready and the exit code follows", () => {
    const { report: r, expiredWaivers, unusedWaivers } = applyWaivers(report(), [waiver({ check: "panos-content-version-minimum", devices: ["fw-branch-09"] })], NOW);
    const check = device(r, "fw-branch-09").checks.find((c) => c.id === "panos-content-version-minimum")!;
    expect(check.status).toBe("waived");
    expect(check.reason).toBe("waived: CHG-1234: optics replaced in the window (owner netops@acme.example, until 2024-06-30, waivers.yaml:2)");
    expect(check.findings).toHaveLength(1);
    expect(device(r, "fw-branch-09").status).toBe("ready");
    expect(r.summary.byStatus.blocked).toBe(1);
    expect(r.summary.checkResults.waived).toBe(2);
    expect(expiredWaivers).toEqual([]);
    expect(unusedWaivers).toEqual([]);
  });

  it("never turns a waived failure into a pass, and leaves the input untouched", () => {
    const input = report();
    const { report: r } = applyWaivers(input, [waiver({ check: "*" })], NOW);
    const statuses = r.devices.flatMap((d) => d.checks.map((c) => c.status));
    expect(statuses).not.toContain("fail");
    expect(statuses).not.toContain("warn");
    expect(statuses.filter((s) => s === "pass")).toHaveLength(input.devices.flatMap((d) => d.checks).filter((c) => c.status === "pass").length);
    expect(input).toEqual(sampleReport());
  });

  it("keeps a partly covered check failing and says which findings are waived", () => {
    const { report: r } = applyWaivers(report(), [waiver({ check: "panos-transceivers-supported", keys: ["ethernet1/21"] })], NOW);
    const d = device(r, "fw-dc1-edge-02");
    const optics = d.checks[0]!;
    expect(optics.status).toBe("fail");
    expect(optics.reason).toBe(
      "waived: 1 of 2 findings (ethernet1/21): CHG-1234: optics replaced in the window (owner netops@acme.example, until 2024-06-30, waivers.yaml:2); the other findings still count",
    );
    expect(d.status).toBe("blocked");
  });

  it("covers findings with key globs, and several waivers together cover a whole check", () => {
    const both = [waiver({ check: "panos-transceivers-supported", keys: ["ethernet1/2?"] }), waiver({ check: "panos-panrepo-free-space" }), waiver({ check: "panos-no-uncommitted-changes" })];
    const { report: r } = applyWaivers(report(), both, NOW);
    const d = device(r, "fw-dc1-edge-02");
    expect(d.checks.map((c) => c.status)).toEqual(["waived", "pass", "waived", "pass", "pass", "pass", "waived"]);
    expect(d.status).toBe("ready");
  });

  it("selects devices by name glob, group and tag (AND across fields, OR within one)", () => {
    const apply = (w: Partial<Waiver>) =>
      applyWaivers(report(), [waiver({ check: "panos-*-minimum", ...w })], NOW).report.devices.find((d) => d.name === "fw-branch-09")!.checks[1]!.status;
    expect(apply({ devices: ["fw-branch-*"] })).toBe("waived");
    expect(apply({ devices: ["fw-dc*", "*-09"] })).toBe("waived");
    expect(apply({ devices: ["fw-dc*"] })).toBe("fail");
    expect(apply({ groups: ["branch"] })).toBe("waived");
    expect(apply({ groups: ["datacenter"] })).toBe("fail");
    expect(apply({ groups: ["branch"], tags: ["customer-acme"] })).toBe("waived");
    expect(apply({ groups: ["branch"], tags: ["other-customer"] })).toBe("fail");
  });

  it("does not apply an expired waiver, flags it in the check and returns it", () => {
    const old = waiver({ check: "panos-content-version-minimum", expires: "2024-05-14", source: "waivers.yaml:9" });
    const { report: r, expiredWaivers } = applyWaivers(report(), [old, waiver({ check: "no-such-check", expires: "2020-01-01" })], NOW);
    const check = device(r, "fw-branch-09").checks[1]!;
    expect(check.status).toBe("fail");
    expect(check.reason).toBe("waiver expired on 2024-05-14 (owner netops@acme.example, waivers.yaml:9), not applied");
    expect(device(r, "fw-branch-09").status).toBe("blocked");
    expect(expiredWaivers).toEqual([
      { waiver: old, matches: [{ device: "fw-branch-09", check: "panos-content-version-minimum" }] },
      { waiver: expect.objectContaining({ check: "no-such-check" }), matches: [] },
    ]);
  });

  it("holds through the whole expiry day (UTC)", () => {
    const w = [waiver({ check: "panos-content-version-minimum", expires: "2024-05-15" })];
    expect(device(applyWaivers(report(), w, new Date("2024-05-15T23:59:59Z")).report, "fw-branch-09").checks[1]!.status).toBe("waived");
    expect(device(applyWaivers(report(), w, new Date("2024-05-16T00:00:00Z")).report, "fw-branch-09").checks[1]!.status).toBe("fail");
  });

  it("does not waive a check that could not be evaluated, and says so", () => {
    const { report: r, unusedWaivers } = applyWaivers(report(), [waiver({ check: "panos-panrepo-free-space", devices: ["fw-dc2-core-01"] })], NOW);
    const d = device(r, "fw-dc2-core-01");
    expect(d.checks[2]!.status).toBe("error");
    expect(d.checks[2]!.reason).toMatch(/; waiver waivers\.yaml:2 not applied: a check that could not be evaluated cannot be waived$/);
    expect(d.status).toBe("error");
    expect(unusedWaivers).toHaveLength(1);
  });

  it("takes `blocks` off a waived check only: a partly waived one still blocks", () => {
    const { report: r } = applyWaivers(report(), [waiver({ check: "panos-panrepo-free-space" }), waiver({ check: "panos-transceivers-supported", keys: ["ethernet1/21"] })], NOW);
    const d = device(r, "fw-dc1-edge-02");
    expect(d.checks.map((c) => [c.id, c.status, c.blocks]).filter(([, s]) => s !== "pass")).toEqual([
      ["panos-transceivers-supported", "fail", true],
      ["panos-panrepo-free-space", "waived", false],
      ["panos-no-uncommitted-changes", "warn", false],
    ]);
    expect(d.status).toBe("blocked");
  });

  it("uses the gate given: a failure below it leaves a warning, not a block", () => {
    const r = report();
    const { report: out } = applyWaivers(r, [waiver({ check: "panos-transceivers-supported" }), waiver({ check: "panos-no-uncommitted-changes" })], NOW, "critical");
    expect(device(out, "fw-dc1-edge-02").status).toBe("warning");
  });

  it("keeps a blocked device whose session broke as error, not ready, when its failures are waived", () => {
    const r = report();
    device(r, "fw-branch-09").reason = "session broke: connection reset";
    const { report: out } = applyWaivers(r, [waiver({ check: "panos-content-version-minimum" })], NOW);
    expect(device(out, "fw-branch-09").status).toBe("error");
  });

  it("matches globs exactly and literally otherwise", () => {
    expect(globMatcher("fw-*")("fw-01")).toBe(true);
    expect(globMatcher("fw-?1")("fw-01")).toBe(true);
    expect(globMatcher("fw-?1")("fw-001")).toBe(false);
    expect(globMatcher("fw.01")("fwx01")).toBe(false);
    expect(globMatcher("a(b)*")("a(b)c")).toBe(true);
  });
});
