// The device details of the HTML view: facts, upgrade path, each check that needs attention in full (findings,
// remediation, the command output it rests on), skipped and not-applicable checks with their reason, and the
// passing checks on one line. Device text is made visible (no control characters) and cut to keep a
// 2,000-device page usable; report.json always has everything.

import { SEVERITIES, type CheckStatus, type DeviceResult, type Evidence, type Finding, type GatedCheckResult } from "../../model/result.js";
import { cut, formatDurationMs, formatValue, oneLine, visibleText } from "../format.js";
import { checksWithStatus } from "../query.js";
import { HTML_TEXT, TEXT } from "../strings.js";
import { checkStatus, severity, type Labelled } from "./common.js";

const MAX_OUTPUT_LINES = 120;
const MAX_OUTPUT_CHARS = 16_000;
const MAX_VALUE_CHARS = 400;

/** Checks shown in full (findings, remediation, evidence), most urgent first; the others are listed compactly. */
const DETAILED_STATUSES: readonly CheckStatus[] = ["fail", "error", "warn", "waived"];

const STANDARD_FACTS: readonly [key: string, label: string][] = [
  ["hostname", "Hostname"],
  ["model", "Model"],
  ["serial", "Serial number"],
  ["softwareVersion", "Software version"],
];

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

export interface DeviceDetailView {
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
}

export function deviceDetail(d: DeviceResult): DeviceDetailView {
  const shown = checksWithStatus(d.checks, DETAILED_STATUSES);
  const detailed = shown
    .sort((a, b) => DETAILED_STATUSES.indexOf(a.status) - DETAILED_STATUSES.indexOf(b.status) || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity))
    .map(checkDetail);
  const passed = checksWithStatus(d.checks, ["pass"]).map((c) => c.id);
  // Everything neither shown in full nor passed, so that a status this version does not know is still listed.
  const brief = d.checks.filter((c) => !shown.includes(c) && c.status !== "pass").map(checkBrief);
  return {
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
  };
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

function checkDetail(c: GatedCheckResult): CheckDetailView {
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

function checkBrief(c: GatedCheckResult): CheckBriefView {
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
