// Golden files of the three report formats rendered from the sample report, compared byte for byte.
// To rebuild them after an intended change (then review the diff):
//   UPDATE_GOLDEN=1 npx vitest run test/report
// The switch lives here rather than in a separate script so that the files are always produced by exactly the
// code path the comparison checks. The sample report has fixed times, so nothing needs normalising.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { renderHtml } from "../../src/report/html.js";
import { renderJson } from "../../src/report/json.js";
import { renderSummary } from "../../src/report/summary.js";
import { sampleReport } from "./sample-report.js";

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), "golden");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

const CASES: [file: string, render: () => string][] = [
  ["report.json", () => renderJson(sampleReport())],
  ["report.html", () => renderHtml(sampleReport())],
  ["summary.txt", () => renderSummary(sampleReport(), { color: false })],
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
