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
  type DeviceStatus,
  type Evidence,
  type Finding,
  type RunReport,
  type Severity,
} from "../model/result.js";
import {
  cut,
  devicesInReadingOrder,
  formatDurationMs,
  formatRunDuration,
  formatTime,
  formatValue,
  oneLine,
  visibleText,
} from "./format.js";
import { CHECK_STATUS_LABEL, DEVICE_STATUS_LABEL, DEVICE_STATUS_MEANING, DIFF_TEXT, HTML_TEXT, SEVERITY_LABEL, TEXT, exitCodeMeaning } from "./strings.js";
import { diffIsEmpty, type DiffItem, type ReportDiff } from "./diff/compute.js";
import { findingCount } from "./query.js";

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
  host: string;
  platform: string;
  groups: string;
  tags: string;
  model: string;
  softwareVersion: string;
  target: string;
  status: Labelled;
  /** Position of the status in reading order (blocked = 0), the sort key of the status column. */
  statusRank: number;
  statusMeaning: string;
  findings: number;
  /** The device's reason, or how many findings it has. */
  note: string;
  reason: string;
  duration: string;
  facts: FactView[];
  upgradePath: string[];
  hasUpgradePath: boolean;
  detailed: CheckDetailView[];
  /** Skipped and not-applicable checks, with their reasons. */
  brief: CheckBriefView[];
  hasBrief: boolean;
  /** Passing checks in one line: a 2,000-device page must not spend a table row on each. */
  passed: string;
  passedLabel: string;
  hasPassed: boolean;
  filter: FilterData;
}

/** What the inline script filters on, as data-* attributes of the device row. Tokens are `|a|b|`-delimited. */
export interface FilterData {
  groups: string;
  platform: string;
  /** Checks that need attention on this device (fail, warn, error, waived). */
  checks: string;
  /** Index in SEVERITIES of the most severe failed or warned check; empty when there is none. */
  severity: string;
  /** Lower-cased text searched by the free-text box. */
  text: string;
}

export interface OptionView {
  value: string;
  label: string;
}

export interface BarSegmentView {
  status: string;
  x: number;
  width: number;
  title: string;
}

export interface GroupBarView {
  label: string;
  y: number;
  textY: number;
  total: number;
  totalX: number;
  segments: BarSegmentView[];
}

export interface CheckBarView {
  label: string;
  y: number;
  textY: number;
  width: number;
  count: number;
  countX: number;
  title: string;
}

export interface ChartView {
  width: number;
  height: number;
  title: string;
  desc: string;
}

export interface GroupRowView {
  group: string;
  counts: number[];
  total: number;
}

export interface ByCheckView {
  id: string;
  title: string;
  severity: Labelled;
  counts: number[];
  findings: number;
  devices: { name: string; anchor: string; status: Labelled }[];
  hasDevices: boolean;
  more: string;
}

export interface DiffRowView {
  device: string;
  anchor: string;
  hasAnchor: boolean;
  check: string;
  severity: string;
  key: string;
  hop: string;
  message: string;
  note: string;
}

export interface DiffTableView {
  id: string;
  title: string;
  count: number;
  rows: DiffRowView[];
  more: string;
}

export interface DiffView {
  previous: string;
  current: string;
  empty: boolean;
  noChange: string;
  counts: string;
  devicesLine: string;
  tables: DiffTableView[];
  stillFailing: { check: string; count: number }[];
  hasStillFailing: boolean;
  stillFailingCount: number;
  statusChanges: { device: string; from: Labelled; to: Labelled }[];
  hasStatusChanges: boolean;
  statusChangesMore: string;
  added: string;
  removed: string;
  hasAdded: boolean;
  hasRemoved: boolean;
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
  groupChart: ChartView & { bars: GroupBarView[]; legend: { status: string; label: string; x: number }[]; legendY: number };
  checkChart: ChartView & { bars: CheckBarView[]; hasBars: boolean; noFindings: string };
  groupRows: GroupRowView[];
  statusHeads: Labelled[];
  filterOptions: { groups: OptionView[]; platforms: OptionView[]; checks: OptionView[]; severities: OptionView[]; any: string; countTemplate: string };
  byCheck: ByCheckView[];
  byCheckHeads: Labelled[];
  devices: DeviceView[];
  hasDiff: boolean;
  diff: DiffView | false;
  meta: {
    tool: string;
    runBy: string;
    startedAt: string;
    finishedAt: string;
    duration: string;
    inventory: string;
    groups: string;
    devices: string;
    tags: string;
    failOn: Labelled;
    interrupted: string;
    source: string;
    schemaVersion: string;
    checks: CheckRefView[];
  };
}

export interface HtmlOptions {
  /** The comparison with the previous run, shown as its own section. */
  diff?: ReportDiff;
}

/** Check statuses that make a device show up under a check in the filter and the by-check view. */
const ATTENTION: readonly CheckStatus[] = ["fail", "warn", "error", "waived"];
/** Check statuses counted per check in the by-check table, in this column order. */
const BY_CHECK_STATUSES: readonly CheckStatus[] = ["fail", "warn", "error", "waived", "pass", "skip", "not-applicable"];
const STATUS_RANK = new Map<string, number>(DEVICE_STATUSES.map((s, i) => [s, i]));

// Chart geometry, in SVG user units: the template only places these numbers.
const CHART_WIDTH = 720;
const LABEL_WIDTH = 200;
const BAR_AREA = 440;
const BAR_HEIGHT = 18;
const BAR_GAP = 8;
const MAX_BARS = 20;
/** Devices listed by name under each check; the filter shows all of them. */
const MAX_DEVICES_PER_CHECK = 40;
/** Rows per diff table in the page; the diff JSON has them all. */
const MAX_DIFF_ROWS = 200;

export function buildHtmlView(report: RunReport, options: HtmlOptions = {}): HtmlView {
  const { meta, summary } = report;
  const targets = meta.targetVersions.length > 0 ? meta.targetVersions.join(", ") : TEXT.noTarget;
  const notices: string[] = [];
  if (meta.interrupted) notices.push(TEXT.interrupted);
  if (meta.fromCapture !== undefined) notices.push(TEXT.fromCapture(meta.fromCapture));
  // The anchor uses the inventory index, not the name: names are free text and need not be unique or id-safe.
  const anchors = new Map(report.devices.map((d, i) => [d, `device-${i + 1}`]));
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
    ...groupsView(report),
    checkChart: checkChart(report),
    statusHeads: DEVICE_STATUSES.map((s) => ({ value: s, label: DEVICE_STATUS_LABEL[s] })),
    filterOptions: filterOptions(report),
    byCheck: byCheckView(report, anchors),
    byCheckHeads: BY_CHECK_STATUSES.map((s) => ({ value: s, label: CHECK_STATUS_LABEL[s] })),
    devices: devicesInReadingOrder(report.devices).map((d) => deviceView(d, anchors.get(d) ?? "")),
    hasDiff: options.diff !== undefined,
    diff: options.diff === undefined ? false : diffView(options.diff, report),
    meta: {
      tool: `${meta.tool.name} ${meta.tool.version}`,
      runBy: meta.runBy ? `${meta.runBy.user} on ${meta.runBy.host}` : HTML_TEXT.runByUnknown,
      startedAt: formatTime(meta.startedAt),
      finishedAt: formatTime(meta.finishedAt),
      duration: formatRunDuration(meta.startedAt, meta.finishedAt),
      inventory: meta.selection.inventory,
      groups: listOrAll(meta.selection.groups),
      devices: listOrAll(meta.selection.devices),
      tags: listOrAll(meta.selection.tags),
      failOn: severity(meta.failOn),
      interrupted: HTML_TEXT.interrupted(meta.interrupted),
      source: meta.fromCapture ?? HTML_TEXT.notFromCapture,
      schemaVersion: report.schemaVersion,
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

function deviceView(d: DeviceResult, anchor: string): DeviceView {
  const reason = d.reason === undefined ? "" : oneLine(d.reason);
  const detailed = d.checks
    .filter((c) => DETAILED_STATUSES.includes(c.status))
    .sort((a, b) => DETAILED_STATUSES.indexOf(a.status) - DETAILED_STATUSES.indexOf(b.status) || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity))
    .map(checkDetail);
  const passed = d.checks.filter((c) => c.status === "pass").map((c) => c.id);
  const brief = d.checks.filter((c) => !DETAILED_STATUSES.includes(c.status) && c.status !== "pass").map(checkBrief);
  const name = oneLine(d.name);
  const host = d.port === 22 ? d.host : `${d.host}:${d.port}`;
  const model = oneLine(d.facts.model ?? "");
  const softwareVersion = oneLine(d.facts.softwareVersion ?? "");
  const note = reason !== "" ? reason : deviceNote(d);
  const attention = d.checks.filter((c) => ATTENTION.includes(c.status));
  const failing = d.checks.filter((c) => c.status === "fail" || c.status === "warn").map((c) => SEVERITIES.indexOf(c.severity));
  return {
    anchor,
    name,
    host,
    platform: d.platform,
    groups: d.groups.join(", "),
    tags: d.tags.join(", "),
    model,
    softwareVersion,
    target: d.targetVersion ?? "",
    status: { value: d.status, label: DEVICE_STATUS_LABEL[d.status] ?? d.status },
    statusRank: STATUS_RANK.get(d.status) ?? -1,
    statusMeaning: DEVICE_STATUS_MEANING[d.status] ?? "",
    findings: findingCount(d),
    note,
    reason,
    duration: d.durationMs === undefined ? TEXT.notReported : formatDurationMs(d.durationMs),
    facts: factsView(d.facts),
    upgradePath: d.upgradePath,
    hasUpgradePath: d.upgradePath.length > 0,
    detailed,
    brief,
    hasBrief: brief.length > 0,
    passed: passed.join(", "),
    passedLabel: HTML_TEXT.passed(passed.length),
    hasPassed: passed.length > 0,
    filter: {
      groups: tokens(d.groups),
      platform: token(d.platform),
      checks: tokens(attention.map((c) => c.id)),
      severity: failing.length > 0 ? String(Math.min(...failing)) : "",
      text: [name, host, d.platform, d.groups.join(" "), d.tags.join(" "), model, softwareVersion, note, ...attention.map((c) => c.id)].join(" ").toLowerCase(),
    },
  };
}

/** A free-text value as a filter token: URI-encoded so that it cannot contain the `|` delimiter. */
function token(value: string): string {
  return encodeURIComponent(value);
}

function tokens(values: readonly string[]): string {
  return `|${values.map(token).join("|")}|`;
}

function filterOptions(report: RunReport): HtmlView["filterOptions"] {
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b)).map((v) => ({ value: token(v), label: oneLine(v) }));
  return {
    groups: sorted(report.devices.flatMap((d) => d.groups)),
    platforms: sorted(report.devices.map((d) => d.platform)),
    checks: sorted(report.devices.flatMap((d) => d.checks.filter((c) => ATTENTION.includes(c.status)).map((c) => c.id))),
    severities: SEVERITIES.map((s, i) => ({ value: String(i), label: HTML_TEXT.severityAtLeast(SEVERITY_LABEL[s]) })),
    any: HTML_TEXT.anyOption,
    countTemplate: HTML_TEXT.filterCount,
  };
}

function groupsView(report: RunReport): Pick<HtmlView, "groupChart" | "groupRows"> {
  const counts = new Map<string, number[]>();
  for (const d of report.devices) {
    const k = DEVICE_STATUSES.indexOf(d.status);
    for (const g of d.groups.length > 0 ? d.groups : [HTML_TEXT.noGroup]) {
      const row = counts.get(g) ?? DEVICE_STATUSES.map(() => 0);
      if (k >= 0) row[k] = (row[k] ?? 0) + 1;
      counts.set(g, row);
    }
  }
  const rows = [...counts].map(([group, row]) => ({ group: oneLine(group), counts: row, total: row.reduce((a, b) => a + b, 0) }));
  // The chart shows the largest groups (more blocked first among equals); the table lists every group by name.
  const charted = [...rows].sort((a, b) => b.total - a.total || (b.counts[0] ?? 0) - (a.counts[0] ?? 0) || a.group.localeCompare(b.group)).slice(0, MAX_BARS);
  const max = Math.max(1, ...charted.map((r) => r.total));
  const bars = charted.map((r, i) => {
    const y = i * (BAR_HEIGHT + BAR_GAP);
    let x = LABEL_WIDTH;
    const segments: BarSegmentView[] = [];
    DEVICE_STATUSES.forEach((s, k) => {
      const n = r.counts[k] ?? 0;
      if (n === 0) return;
      const width = round((n / max) * BAR_AREA);
      segments.push({ status: s, x: round(x), width, title: HTML_TEXT.segment(r.group, n, DEVICE_STATUS_LABEL[s].toLowerCase()) });
      x += width;
    });
    return { label: cut(r.group, 28, "…"), y, textY: y + BAR_HEIGHT - 4, total: r.total, totalX: round(x + 6), segments };
  });
  const legendY = bars.length * (BAR_HEIGHT + BAR_GAP) + 14;
  return {
    groupChart: {
      width: CHART_WIDTH,
      height: legendY + 12,
      title: HTML_TEXT.chartGroupsTitle,
      desc: HTML_TEXT.chartGroupsDesc(rows.length, charted.length),
      bars,
      legend: DEVICE_STATUSES.map((s, i) => ({ status: s, label: DEVICE_STATUS_LABEL[s], x: i * 110 })),
      legendY,
    },
    groupRows: rows.sort((a, b) => a.group.localeCompare(b.group)),
  };
}

function checkChart(report: RunReport): HtmlView["checkChart"] {
  const findings = new Map<string, number>();
  for (const d of report.devices) {
    for (const c of d.checks) {
      if ((c.status === "fail" || c.status === "warn") && c.findings.length > 0) findings.set(c.id, (findings.get(c.id) ?? 0) + c.findings.length);
    }
  }
  const sorted = [...findings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_BARS);
  const max = Math.max(1, ...sorted.map(([, n]) => n));
  const bars = sorted.map(([id, n], i) => {
    const y = i * (BAR_HEIGHT + BAR_GAP);
    const width = Math.max(1, round((n / max) * BAR_AREA));
    return { label: cut(id, 30, "…"), y, textY: y + BAR_HEIGHT - 4, width, count: n, countX: round(LABEL_WIDTH + width + 6), title: `${id}: ${TEXT.findingCount(n)}` };
  });
  return {
    width: CHART_WIDTH,
    height: Math.max(1, bars.length * (BAR_HEIGHT + BAR_GAP)),
    title: HTML_TEXT.chartChecksTitle,
    desc: HTML_TEXT.chartChecksDesc,
    bars,
    hasBars: bars.length > 0,
    noFindings: HTML_TEXT.noFindings,
  };
}

function byCheckView(report: RunReport, anchors: Map<DeviceResult, string>): ByCheckView[] {
  interface Row {
    title: string;
    severity: Severity;
    counts: Map<CheckStatus, number>;
    findings: number;
    devices: DeviceResult[];
  }
  const rows = new Map<string, Row>();
  for (const d of devicesInReadingOrder(report.devices)) {
    for (const c of d.checks) {
      const row: Row = rows.get(c.id) ?? { title: c.title, severity: c.severity, counts: new Map(), findings: 0, devices: [] };
      row.counts.set(c.status, (row.counts.get(c.status) ?? 0) + 1);
      if (c.status === "fail" || c.status === "warn") row.findings += c.findings.length;
      if (ATTENTION.includes(c.status)) row.devices.push(d);
      rows.set(c.id, row);
    }
  }
  // A check of the run that no device reached (all unreachable) still gets a row: it was selected.
  for (const ref of report.meta.checks) if (!rows.has(ref.id)) rows.set(ref.id, { title: ref.title, severity: ref.severity, counts: new Map(), findings: 0, devices: [] });
  return [...rows]
    .sort(([a, ra], [b, rb]) => rb.devices.length - ra.devices.length || SEVERITIES.indexOf(ra.severity) - SEVERITIES.indexOf(rb.severity) || a.localeCompare(b))
    .map(([id, r]) => ({
      id,
      title: r.title,
      severity: severity(r.severity),
      counts: BY_CHECK_STATUSES.map((s) => r.counts.get(s) ?? 0),
      findings: r.findings,
      devices: r.devices.slice(0, MAX_DEVICES_PER_CHECK).map((d) => ({ name: oneLine(d.name), anchor: anchors.get(d) ?? "", status: deviceStatus(d) })),
      hasDevices: r.devices.length > 0,
      more: r.devices.length > MAX_DEVICES_PER_CHECK ? HTML_TEXT.moreDevices(r.devices.length - MAX_DEVICES_PER_CHECK) : "",
    }));
}

function diffView(diff: ReportDiff, report: RunReport): DiffView {
  const anchors = new Map<string, string>();
  report.devices.forEach((d, i) => {
    if (!anchors.has(d.name)) anchors.set(d.name, `device-${i + 1}`);
  });
  const row = (i: DiffItem, note: string): DiffRowView => ({
    device: oneLine(i.device),
    anchor: anchors.get(i.device) ?? "",
    hasAnchor: anchors.has(i.device),
    check: i.check,
    severity: SEVERITY_LABEL[i.severity] ?? i.severity,
    key: i.key === undefined ? TEXT.deviceWide : oneLine(i.key),
    hop: i.hop ?? "",
    message: visibleText(i.message),
    note,
  });
  const table = (id: string, title: string, rows: DiffRowView[]): DiffTableView => ({
    id,
    title,
    count: rows.length,
    rows: rows.slice(0, MAX_DIFF_ROWS),
    more: rows.length > MAX_DIFF_ROWS ? HTML_TEXT.moreRows(rows.length - MAX_DIFF_ROWS) : "",
  });
  const tables = [
    table("diff-new", DIFF_TEXT.newProblems, diff.newProblems.map((i) => row(i, CHECK_STATUS_LABEL[i.checkStatus]))),
    table("diff-resolved", DIFF_TEXT.resolved, diff.resolved.map((i) => row(i, DIFF_TEXT.nowLabel(CHECK_STATUS_LABEL[i.now])))),
    table("diff-unchecked", `${DIFF_TEXT.notRechecked}: ${DIFF_TEXT.notRecheckedMeaning}`, diff.notRechecked.map((i) => row(i, DIFF_TEXT.cause[i.cause] ?? i.cause))),
  ].filter((t) => t.count > 0);
  const still = new Map<string, number>();
  for (const i of diff.stillFailing) still.set(i.check, (still.get(i.check) ?? 0) + 1);
  const run = (r: ReportDiff["previous"], f: typeof DIFF_TEXT.previousRun) => f(formatTime(r.startedAt), r.tool, r.devices, r.exitCode);
  const label = (s: DeviceStatus): Labelled => ({ value: s, label: DEVICE_STATUS_LABEL[s] ?? s });
  return {
    previous: run(diff.previous, DIFF_TEXT.previousRun),
    current: run(diff.current, DIFF_TEXT.currentRun),
    empty: diffIsEmpty(diff),
    noChange: DIFF_TEXT.noChange,
    counts: DIFF_TEXT.counts({ newProblems: diff.newProblems.length, resolved: diff.resolved.length, stillFailing: diff.stillFailing.length, notRechecked: diff.notRechecked.length }),
    devicesLine: DIFF_TEXT.devicesLine(diff.devicesAdded.length, diff.devicesRemoved.length, diff.statusChanges.length),
    tables,
    stillFailing: [...still].map(([check, count]) => ({ check, count })),
    hasStillFailing: still.size > 0,
    stillFailingCount: diff.stillFailing.length,
    statusChanges: diff.statusChanges.slice(0, MAX_DIFF_ROWS).map((c) => ({ device: oneLine(c.device), from: label(c.from), to: label(c.to) })),
    hasStatusChanges: diff.statusChanges.length > 0,
    statusChangesMore: diff.statusChanges.length > MAX_DIFF_ROWS ? HTML_TEXT.moreRows(diff.statusChanges.length - MAX_DIFF_ROWS) : "",
    added: diff.devicesAdded.map(oneLine).join(", "),
    removed: diff.devicesRemoved.map(oneLine).join(", "),
    hasAdded: diff.devicesAdded.length > 0,
    hasRemoved: diff.devicesRemoved.length > 0,
  };
}

function deviceStatus(d: DeviceResult): Labelled {
  return { value: d.status, label: DEVICE_STATUS_LABEL[d.status] ?? d.status };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
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
