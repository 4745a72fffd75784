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

/** Words of the "Compared with the previous run" sections (HTML, Markdown, terminal) and of `preflight diff`. */
export const DIFF_TEXT = {
  heading: "Compared with the previous run",
  previousRun: (started: string, tool: string, devices: number, exitCode: number): string =>
    `Previous run: ${started} (${tool}, ${devices} ${devices === 1 ? "device" : "devices"}, exit code ${exitCode}).`,
  currentRun: (started: string, tool: string, devices: number, exitCode: number): string =>
    `This run: ${started} (${tool}, ${devices} ${devices === 1 ? "device" : "devices"}, exit code ${exitCode}).`,
  noChange: "No change: the same problems on the same devices, and no device changed status.",
  newProblems: "New problems",
  resolved: "Resolved",
  stillFailing: "Still failing",
  notRechecked: "Not re-checked",
  notRecheckedMeaning: "problems of the previous run that this run could not look at again; not counted as resolved",
  devicesAdded: "Devices added",
  devicesRemoved: "Devices removed",
  statusChanges: "Status changes",
  counts: (n: { newProblems: number; resolved: number; stillFailing: number; notRechecked: number }): string =>
    `${n.newProblems} new, ${n.resolved} resolved, ${n.stillFailing} still failing, ${n.notRechecked} not re-checked`,
  devicesLine: (added: number, removed: number, changed: number): string =>
    `${added} ${added === 1 ? "device" : "devices"} added, ${removed} removed, ${changed} changed status`,
  cause: {
    "device-removed": "device not in this run",
    "device-not-audited": "device not audited in this run",
    "check-missing": "check not run on this device",
    "check-error": "check could not be evaluated",
  } as Record<string, string>,
  nowLabel: (status: string): string => `now ${status}`,
  more: (n: number): string => `… and ${n} more (report.json and \`preflight diff --format json\` have them all)`,
} as const;

/** Words of the Markdown report (tickets, change requests). */
export const MD_TEXT = {
  title: "preflight readiness report",
  run: (time: string, targets: string, tool: string): string => `Run of ${time} · target version: ${targets} · ${tool}`,
  summary: "Summary",
  selection: (inventory: string, groups: string, devices: string, tags: string, failOn: string): string =>
    `Inventory ${inventory}; groups: ${groups}; devices: ${devices}; tags: ${tags}; blocks at ${failOn} and above.`,
  blocked: "Blocked devices",
  noBlocked: "No device is blocked.",
  incomplete: "Incomplete audits",
  incompleteMeaning: "These devices could not be fully audited, so their readiness is unknown.",
  warnings: "Devices with warnings",
  waived: "Waived checks",
  moreDevices: (n: number): string => `… and ${n} more ${n === 1 ? "device" : "devices"}: see report.html or report.json.`,
  moreFindings: (n: number): string => `… and ${n} more ${n === 1 ? "finding" : "findings"}.`,
  remediation: "Remediation",
} as const;

/** Words of the JUnit XML report (what CI shows as a test's failure message). */
export const JUNIT_TEXT = {
  connectCase: "connect",
  blocks: "blocks the upgrade",
  doesNotBlock: "does not block the upgrade",
  failure: (severity: string, blocking: string, findings: number): string =>
    `${severity} — ${blocking}: ${findings === 1 ? "1 finding" : `${findings} findings`}`,
  waived: (reason: string): string => `waived: ${reason}`,
  noReason: "no reason given",
} as const;

/** Words of the HTML report that the view builds (the fixed headings live in the templates). */
export const HTML_TEXT = {
  runByUnknown: "not recorded",
  filterCount: "Showing {shown} of {total} devices",
  anyOption: "any",
  severityAtLeast: (label: string): string => `${label} or higher`,
  noGroup: "(no group)",
  passed: (n: number): string => `Passed (${n}):`,
  chartGroupsTitle: "Devices by status in each group",
  chartGroupsDesc: (groups: number, shown: number): string =>
    groups > shown
      ? `Stacked bars, one per group, of the ${shown} largest of ${groups} groups; the table below has every group.`
      : `Stacked bars, one per group; the table below has the same numbers.`,
  chartChecksTitle: "Findings per check",
  chartChecksDesc: "One bar per check with findings (failed or warned); the table below has the same numbers.",
  segment: (group: string, count: number, status: string): string => `${group}: ${count} ${status}`,
  moreDevices: (n: number): string => `and ${n} more (use the check filter above)`,
  moreRows: (n: number): string => `… and ${n} more; report.json has them all.`,
  noFindings: "No check has findings.",
  interrupted: (yes: boolean): string => (yes ? "yes: unfinished devices are listed as not run" : "no"),
  notFromCapture: "live devices",
} as const;

/** Words of the optics inventory, in every format that shows it (HTML, CSV, `preflight optics`). */
export const OPTICS_TEXT = {
  verdict: { unsupported: "Unsupported", unknown: "Unknown", supported: "Supported" } as Record<string, string>,
  verdictMeaning: {
    unsupported: "not supported on at least one release of the device's upgrade path: replace before upgrading",
    unknown: "the port could not be read or the optic does not identify itself: inspect it",
    supported: "supported on every release of the device's upgrade path",
  } as Record<string, string>,
  list: { vendor: "Palo Alto list", local: "locally approved" } as Record<string, string>,
  unidentified: "(not reported)",
  unreadable: "(port unreadable)",
  totals: (t: { optics: number; parts: number; devices: number; toReplace: number; unknown: number; supported: number }): string =>
    `${t.optics} optic${t.optics === 1 ? "" : "s"} of ${t.parts} distinct part${t.parts === 1 ? "" : "s"} on ${t.devices} device${t.devices === 1 ? "" : "s"}: ` +
    `${t.toReplace} to replace, ${t.unknown} unknown, ${t.supported} supported.`,
  notInventoried: (n: number): string => `${n} device${n === 1 ? "" : "s"} could not be inventoried, so their optics are not counted:`,
  filterCount: "Showing {shown} of {total} parts",
  noOptics: "No optic is installed on the inventoried devices.",
} as const;
