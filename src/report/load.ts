// Reads a saved report.json back (to re-render it in another format, or to compare it with a later run), and
// refuses anything that is not a valid report with every schema problem listed, rather than rendering garbage.

import { readFileSync } from "node:fs";
import type { RunReport } from "../model/result.js";
import { validateReport } from "./validate-report.js";

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
  return value as RunReport;
}
