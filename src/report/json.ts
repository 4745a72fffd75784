// The JSON report: a RunReport serialised, so report.json is exactly the documented contract
// (reports/report.schema.json) and can be re-rendered to any other format offline. The one derived part, the
// optics inventory, is rebuilt from the devices here, so the file never carries a stale one.

import type { RunReport } from "../model/result.js";
import { withOptics } from "./optics.js";

export function renderJson(report: RunReport): string {
  const { optics: _stale, ...rest } = report;
  return `${JSON.stringify(withOptics(rest), null, 2)}\n`;
}
