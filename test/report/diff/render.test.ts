// renderDiff: the comparison of two runs as JSON that parses back, and as terminal lines (the Markdown form is in
// the golden files, test/report/golden/diff/).

import { describe, expect, it } from "vitest";
import { diffReports } from "../../../src/report/diff/compute.js";
import { renderDiff } from "../../../src/report/diff/render.js";
import { previousSampleReport, sampleReport } from "../sample-report.js";

describe("renderDiff", () => {
  const diff = diffReports(previousSampleReport(), sampleReport());
  it("renders JSON that parses back to the diff", () => {
    expect(JSON.parse(renderDiff(diff, "json"))).toEqual(diff);
  });
  it("renders terminal lines with the counts and the new problems", () => {
    const text = renderDiff(diff, "summary");
    expect(text).toContain("1 new, 1 resolved, 6 still failing, 1 not re-checked; 1 device added, 1 removed, 2 changed status");
    expect(text).toContain("+ fw-dc1-edge-02 panos-transceivers-supported: ethernet1/22: FS SFP-10GSR-85");
  });
});
