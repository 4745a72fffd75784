// User-facing words of the human-readable reports (HTML and terminal summary), kept in one place so that the
// wording stays consistent across formats and can be reviewed without reading rendering code.

import type { CheckStatus, DeviceStatus, Severity } from "../model/result.js";

export const DEVICE_STATUS_LABEL: Record<DeviceStatus, string> = {
  ready: "Ready",
  blocked: "Blocked",
  warning: "Warning",
  unreachable: "Unreachable",
  error: "Error",
  "not-run": "Not run",
};

export const DEVICE_STATUS_MEANING: Record<DeviceStatus, string> = {
  ready: "every check was evaluated and nothing blocks the upgrade",
  blocked: "a check at or above the gating severity failed",
  warning: "nothing blocks, but some check warned or failed below the gating severity",
  unreachable: "no usable session could be opened",
  error: "some check could not be evaluated, so readiness is unknown",
  "not-run": "the device was not audited",
};

export const CHECK_STATUS_LABEL: Record<CheckStatus, string> = {
  pass: "Pass",
  fail: "Fail",
  warn: "Warn",
  error: "Error",
  skip: "Skipped",
  "not-applicable": "Not applicable",
  waived: "Waived",
};

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
  info: "Info",
};

/** The exit-code contract (README "Exit codes"). */
export const EXIT_CODE_MEANING: Record<number, string> = {
  0: "every selected device was audited and is ready",
  1: "at least one device is blocked",
  2: "the audit is incomplete: nothing is blocked, but some device was unreachable, not run, or a check could not be evaluated",
  3: "bad input or usage; nothing was run",
  4: "nothing to do: the selection matched no device or no check",
};

export function exitCodeMeaning(code: number): string {
  return EXIT_CODE_MEANING[code] ?? "unknown exit code";
}

export const TEXT = {
  reportTitle: "preflight readiness report",
  noTarget: "no target version",
  noFilter: "all",
  deviceWide: "device-wide",
  notReported: "not reported",
  summaryDevices: (n: number, counts: string): string => `preflight: ${n} ${n === 1 ? "device" : "devices"} — ${counts}`,
  summaryFindings: (counts: string): string => `Findings: ${counts}`,
  findingCount: (n: number): string => (n === 1 ? "1 finding" : `${n} findings`),
  checksNotEvaluated: (n: number): string => (n === 1 ? "1 check could not be evaluated" : `${n} checks could not be evaluated`),
  moreDevices: (n: number): string => `and ${n} more`,
  outputExcerpt: (shown: number, total: number): string =>
    `Output cut to its first ${shown} of ${total} lines in this page; report.json has all of it.`,
  outputTruncatedAtSource: "Output was shortened when the report was written.",
  valueCut: "… (cut; see report.json)",
  interrupted: "The run was interrupted: devices that had not finished are listed as not run.",
  fromCapture: (source: string): string => `Evaluated from the capture ${source}, not from live devices.`,
  exitCode: (code: number): string => `Exit code ${code}: ${exitCodeMeaning(code)}.`,
  noReason: "no reason given",
  moreFindings: (n: number): string => `(+${n} more ${n === 1 ? "finding" : "findings"})`,
} as const;
