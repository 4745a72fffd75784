// Reads a saved report.json back (to re-render it in another format, or to compare it with a later run), and
// refuses anything that is not a valid report with every schema problem listed, rather than rendering garbage.
// A report written before check results carried `blocks` gets it here, once, from the gate it was run with
// (meta.failOn): past this point every reader takes `blocks` as given.

import { readFileSync } from "node:fs";
import type { CheckResult, DeviceResult, RunReport } from "../model/result.js";
import { markBlocking } from "../model/status.js";
import { validateReport } from "./validate-report.js";

/** A report as the file holds it: `blocks` may be missing on check results written by an older preflight. */
export type SavedReport = Omit<RunReport, "devices"> & { devices: (Omit<DeviceResult, "checks"> & { checks: CheckResult[] })[] };

export function loadReportFile(path: string): RunReport {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new Error(`${path}: cannot read the report: ${(error as Error).message}`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not a JSON report: ${(error as Error).message}`, { cause: error });
  }
  const result = validateReport(value);
  if (!result.ok) {
    throw new Error(`${path}: not a valid preflight report (reports/report.schema.json):\n${result.errors.map((e) => `  ${e}`).join("\n")}`);
  }
  return withBlocks(value as SavedReport);
}

/** The report with `blocks` on every check result: kept where the file has it, else decided by the run's gate. */
export function withBlocks(report: SavedReport): RunReport {
  const devices = report.devices.map((d) => ({
    ...d,
    checks: d.checks.map((c) => (c.blocks !== undefined ? { ...c, blocks: c.blocks } : markBlocking([c], report.meta.failOn)[0]!)),
  }));
  return { ...report, devices };
}
