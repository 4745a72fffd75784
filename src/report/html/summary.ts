// The summary section of the HTML view: the exit code in words and the counts of the run (devices by status,
// findings by severity, check results by status), as the run's summary gives them.

import { CHECK_STATUSES, DEVICE_STATUSES, SEVERITIES, type RunReport } from "../../model/result.js";
import { CHECK_STATUS_LABEL, DEVICE_STATUS_LABEL, DEVICE_STATUS_MEANING, SEVERITY_LABEL, exitCodeMeaning } from "../strings.js";
import type { Labelled } from "./common.js";

export interface CountView extends Labelled {
  count: number;
  meaning: string;
}

export interface SummaryView {
  exitCode: number;
  exitMeaning: string;
  deviceCount: number;
  byStatus: CountView[];
  findingsBySeverity: CountView[];
  checkResults: CountView[];
}

export function summaryView(report: RunReport): SummaryView {
  const { summary } = report;
  return {
    exitCode: summary.exitCode,
    exitMeaning: exitCodeMeaning(summary.exitCode),
    deviceCount: summary.devices,
    byStatus: DEVICE_STATUSES.map((s) => ({ value: s, label: DEVICE_STATUS_LABEL[s], count: summary.byStatus[s], meaning: DEVICE_STATUS_MEANING[s] })),
    findingsBySeverity: SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABEL[s], count: summary.findingsBySeverity[s], meaning: "" })),
    checkResults: CHECK_STATUSES.map((s) => ({ value: s, label: CHECK_STATUS_LABEL[s], count: summary.checkResults[s], meaning: "" })),
  };
}
