// Golden files of every report format rendered from the sample report, compared byte for byte, plus the
// comparison with the previous run in each format that shows it.
// To rebuild them after an intended change (then review the diff):
//   UPDATE_GOLDEN=1 npx vitest run test/report
// The switch lives here rather than in a separate script so that the files are always produced by exactly the
// code path the comparison checks. The sample reports have fixed times, so nothing needs normalising.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { diffReports } from "../../src/report/diff/compute.js";
import { renderDiff } from "../../src/report/diff/render.js";
import { renderReport } from "../../src/report/formats.js";
import { previousSampleReport, sampleReport } from "./sample-report.js";

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), "golden");
const UPDATE = process.env.UPDATE_GOLDEN === "1";
const diff = () => diffReports(previousSampleReport(), sampleReport());

const CASES: [file: string, render: () => string][] = [
  ["report.json", () => renderReport(sampleReport(), "json")],
  ["report.html", () => renderReport(sampleReport(), "html")],
  ["summary.txt", () => renderReport(sampleReport(), "summary")],
  ["report.junit.xml", () => renderReport(sampleReport(), "junit")],
  ["report.csv", () => renderReport(sampleReport(), "csv")],
  ["report.md", () => renderReport(sampleReport(), "md")],
  ["with-diff/report.html", () => renderReport(sampleReport(), "html", { diff: diff() })],
  ["with-diff/report.md", () => renderReport(sampleReport(), "md", { diff: diff() })],
  ["with-diff/summary.txt", () => renderReport(sampleReport(), "summary", { diff: diff() })],
  ["diff/diff.md", () => renderDiff(diff(), "md")],
  ["diff/diff.txt", () => renderDiff(diff(), "summary")],
  ["diff/diff.json", () => renderDiff(diff(), "json")],
];

describe("golden reports", () => {
  for (const [file, render] of CASES) {
    it(`${file} matches test/report/golden/${file}`, () => {
      const path = join(GOLDEN_DIR, file);
      const actual = render();
      if (UPDATE) writeFileSync(path, actual, "utf8");
      expect(existsSync(path), `${path} is missing: run UPDATE_GOLDEN=1 npx vitest run test/report`).toBe(true);
      expect(actual).toBe(readFileSync(path, "utf8"));
    });
  }
});
