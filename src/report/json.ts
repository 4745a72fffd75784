// The JSON report: a RunReport serialised as-is, so report.json is exactly the documented contract
// (reports/report.schema.json) and can be re-rendered to any other format offline.

import type { RunReport } from "../model/result.js";

export function renderJson(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
