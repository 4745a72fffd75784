// Builds the view data of the HTML report from a RunReport. Every decision (order, labels, what is shown in full
// and what compactly, how values and output are cut) is made here, so reports/templates/report.hbs only places
// ready-made strings; handlebars escapes each of them, which is what keeps device text inert in the page.

import {
  CHECK_STATUSES,
  DEVICE_STATUSES,
  SEVERITIES,
  type CheckResult,
  type CheckStatus,
  type DeviceResult,
  type Evidence,
  type Finding,
  type RunReport,
  type Severity,
} from "../model/result.js";
import {
  cut,
  devicesInReadingOrder,
  findingCount,
  formatDurationMs,
  formatRunDuration,
  formatTime,
  formatValue,
  oneLine,
  visibleText,
} from "./format.js";
import { CHECK_STATUS_LABEL, DEVICE_STATUS_LABEL, DEVICE_STATUS_MEANING, SEVERITY_LABEL, TEXT, exitCodeMeaning } from "./strings.js";

// Limits that keep a 2,000-device page usable; report.json always has everything.
const MAX_OUTPUT_LINES = 120;
const MAX_OUTPUT_CHARS = 16_000;
const MAX_VALUE_CHARS = 400;
const SHORT_SHA = 12;

/** Checks shown in full (findings, remediation, evidence), most urgent first; the others are listed compactly. */
const DETAILED_STATUSES: readonly CheckStatus[] = ["fail", "error", "warn", "waived"];

const STANDARD_FACTS: readonly [key: string, label: string][] = [
  ["hostname", "Hostname"],
  ["model", "Model"],
  ["serial", "Serial number"],
  ["softwareVersion", "Software version"],
];

export interface Labelled {
  /** Machine value, used for CSS classes and the filter. */
  value: string;
  label: string;
}

export interface CountView extends Labelled {
  count: number;
  meaning: string;
}

export interface FindingView {
  key: string;
  hop: string;
  message: string;
  expected: string;
  actual: string;
}

export interface EvidenceView {
  command: string;
  output: string;
  note: string;
}

export interface CheckDetailView {
  id: string;
  title: string;
  status: Labelled;
  severity: Labelled;
  reason: string;
  findings: FindingView[];
  hasFindings: boolean;
  /** Show the hop column only when some finding is tied to an upgrade hop. */
  hasHop: boolean;
  remediation: string;
  evidence: EvidenceView[];
}

export interface CheckBriefView {
  id: string;
  title: string;
  status: Labelled;
  severity: Labelled;
  reason: string;
}

export interface FactView {
  label: string;
  value: string;
}

export interface DeviceView {
  anchor: string;
  name: string;
  /** Lower-cased name for the optional client-side filter. */
  filterName: string;
  host: string;
  platform: string;
  groups: string;
  tags: string;
  model: string;
  softwareVersion: string;
  target: string;
  status: Labelled;
  statusMeaning: string;
  /** The device's reason, or how many findings it has. */
  note: string;
  reason: string;
  duration: string;
  facts: FactView[];
  upgradePath: string[];
  hasUpgradePath: boolean;
  detailed: CheckDetailView[];
  brief: CheckBriefView[];
  hasBrief: boolean;
}

export interface CheckRefView {
  id: string;
  title: string;
  severity: Labelled;
  sha256: string;
  shortSha: string;
  source: string;
}

export interface HtmlView {
  title: string;
  runTime: string;
  targets: string;
  notices: string[];
  exitCode: number;
  exitMeaning: string;
  deviceCount: number;
  byStatus: CountView[];
  findingsBySeverity: CountView[];
  checkResults: CountView[];
  devices: DeviceView[];
  meta: {
    tool: string;
    startedAt: string;
    finishedAt: string;
    duration: string;
    inventory: string;
    groups: string;
    devices: string;
    tags: string;
    failOn: Labelled;
    checks: CheckRefView[];
  };
}

export function buildHtmlView(report: RunReport): HtmlView {
  const { meta, summary } = report;
  const targets = meta.targetVersions.length > 0 ? meta.targetVersions.join(", ") : TEXT.noTarget;
  const inventoryIndex = new Map(report.devices.map((d, i) => [d, i]));
  const notices: string[] = [];
  if (meta.interrupted) notices.push(TEXT.interrupted);
  if (meta.fromCapture !== undefined) notices.push(TEXT.fromCapture(meta.fromCapture));
  return {
    title: `${TEXT.reportTitle} — ${formatTime(meta.startedAt)} — ${targets}`,
    runTime: formatTime(meta.startedAt),
    targets,
    notices,
    exitCode: summary.exitCode,
    exitMeaning: exitCodeMeaning(summary.exitCode),
    deviceCount: summary.devices,
    byStatus: DEVICE_STATUSES.map((s) => ({ value: s, label: DEVICE_STATUS_LABEL[s], count: summary.byStatus[s], meaning: DEVICE_STATUS_MEANING[s] })),
    findingsBySeverity: SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABEL[s], count: summary.findingsBySeverity[s], meaning: "" })),
    checkResults: CHECK_STATUSES.map((s) => ({ value: s, label: CHECK_STATUS_LABEL[s], count: summary.checkResults[s], meaning: "" })),
    // The anchor uses the inventory index, not the name: names are free text and need not be unique or id-safe.
    devices: devicesInReadingOrder(report.devices).map((d) => deviceView(d, inventoryIndex.get(d) ?? 0)),
    meta: {
      tool: `${meta.tool.name} ${meta.tool.version}`,
      startedAt: formatTime(meta.startedAt),
      finishedAt: formatTime(meta.finishedAt),
      duration: formatRunDuration(meta.startedAt, meta.finishedAt),
      inventory: meta.selection.inventory,
      groups: listOrAll(meta.selection.groups),
      devices: listOrAll(meta.selection.devices),
      tags: listOrAll(meta.selection.tags),
      failOn: severity(meta.failOn),
      checks: meta.checks.map((c) => ({
        id: c.id,
        title: c.title,
        severity: severity(c.severity),
        sha256: c.sha256,
        shortSha: c.sha256.slice(0, SHORT_SHA),
        source: c.source,
      })),
    },
  };
}

function deviceView(d: DeviceResult, index: number): DeviceView {
  const reason = d.reason === undefined ? "" : oneLine(d.reason);
  const detailed = d.checks
    .filter((c) => DETAILED_STATUSES.includes(c.status))
    .sort((a, b) => DETAILED_STATUSES.indexOf(a.status) - DETAILED_STATUSES.indexOf(b.status) || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity))
    .map(checkDetail);
  const brief = d.checks.filter((c) => !DETAILED_STATUSES.includes(c.status)).map(checkBrief);
  return {
    anchor: `device-${index + 1}`,
    name: oneLine(d.name),
    filterName: oneLine(d.name).toLowerCase(),
    host: d.port === 22 ? d.host : `${d.host}:${d.port}`,
    platform: d.platform,
    groups: d.groups.join(", "),
    tags: d.tags.join(", "),
    model: oneLine(d.facts.model ?? ""),
    softwareVersion: oneLine(d.facts.softwareVersion ?? ""),
    target: d.targetVersion ?? "",
    status: { value: d.status, label: DEVICE_STATUS_LABEL[d.status] ?? d.status },
    statusMeaning: DEVICE_STATUS_MEANING[d.status] ?? "",
    note: reason !== "" ? reason : deviceNote(d),
    reason,
    duration: d.durationMs === undefined ? TEXT.notReported : formatDurationMs(d.durationMs),
    facts: factsView(d.facts),
    upgradePath: d.upgradePath,
    hasUpgradePath: d.upgradePath.length > 0,
    detailed,
    brief,
    hasBrief: brief.length > 0,
  };
}

/** For a device without a reason: what needs attention, e.g. "3 findings; 1 check could not be evaluated". */
function deviceNote(d: DeviceResult): string {
  const parts: string[] = [];
  const findings = findingCount(d);
  const errors = d.checks.filter((c) => c.status === "error").length;
  if (findings > 0) parts.push(TEXT.findingCount(findings));
  if (errors > 0) parts.push(TEXT.checksNotEvaluated(errors));
  return parts.join("; ");
}

/** The standard facts first in a fixed order, then the platform's own facts in the order it reported them. */
function factsView(facts: DeviceResult["facts"]): FactView[] {
  const standard = new Set(STANDARD_FACTS.map(([k]) => k));
  const out: FactView[] = [];
  for (const [key, label] of STANDARD_FACTS) {
    out.push({ label, value: oneLine(facts[key] ?? TEXT.notReported) });
  }
  for (const [key, value] of Object.entries(facts)) {
    if (!standard.has(key) && value !== undefined) out.push({ label: oneLine(key), value: oneLine(value) });
  }
  return out;
}

function checkDetail(c: CheckResult): CheckDetailView {
  return {
    id: c.id,
    title: c.title,
    status: checkStatus(c.status),
    severity: severity(c.severity),
    reason: c.reason === undefined ? "" : visibleText(c.reason),
    findings: c.findings.map(findingView),
    hasFindings: c.findings.length > 0,
    hasHop: c.findings.some((f) => f.hop !== undefined),
    remediation: c.remediation ?? "",
    evidence: c.evidence.map(evidenceView),
  };
}

function checkBrief(c: CheckResult): CheckBriefView {
  return {
    id: c.id,
    title: c.title,
    status: checkStatus(c.status),
    severity: severity(c.severity),
    reason: c.reason === undefined ? "" : oneLine(c.reason),
  };
}

function findingView(f: Finding): FindingView {
  return {
    key: f.key === undefined ? TEXT.deviceWide : oneLine(f.key),
    hop: f.hop ?? "",
    message: visibleText(f.message),
    expected: cut(visibleText(formatValue(f.expected)), MAX_VALUE_CHARS, TEXT.valueCut),
    actual: cut(visibleText(formatValue(f.actual)), MAX_VALUE_CHARS, TEXT.valueCut),
  };
}

function evidenceView(e: Evidence): EvidenceView {
  const all = visibleText(e.output).trimEnd();
  const lines = all.split("\n");
  const output = cut(lines.slice(0, MAX_OUTPUT_LINES).join("\n"), MAX_OUTPUT_CHARS, "");
  const notes: string[] = [];
  if (output.length < all.length) notes.push(TEXT.outputExcerpt(output.split("\n").length, lines.length));
  if (e.truncated === true) notes.push(TEXT.outputTruncatedAtSource);
  return { command: visibleText(e.command), output, note: notes.join(" ") };
}

function checkStatus(s: CheckStatus): Labelled {
  return { value: s, label: CHECK_STATUS_LABEL[s] ?? s };
}

function severity(s: Severity): Labelled {
  return { value: s, label: SEVERITY_LABEL[s] ?? s };
}

function listOrAll(items: string[]): string {
  return items.length > 0 ? items.join(", ") : TEXT.noFilter;
}
