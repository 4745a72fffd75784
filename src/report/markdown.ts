// The Markdown report, for tickets and change requests: a summary table, the blocked devices with their findings,
// the devices whose audit is incomplete with the reason, and optionally what changed since the previous run.
// Everything that came from a device is escaped, so a hostile serial number cannot add table columns, links,
// code spans or HTML to the ticket it is pasted into.

import { DEVICE_STATUSES, SEVERITIES, type CheckResult, type DeviceResult, type DeviceStatus, type RunReport } from "../model/result.js";
import type { DiffItem, ReportDiff } from "../diff/diff.js";
import { diffIsEmpty } from "../diff/diff.js";
import { devicesInReadingOrder, formatTime, formatValue, oneLine, cut } from "./format.js";
import { CHECK_STATUS_LABEL, DEVICE_STATUS_LABEL, DEVICE_STATUS_MEANING, DIFF_TEXT, MD_TEXT, SEVERITY_LABEL, TEXT, exitCodeMeaning } from "./strings.js";

export interface MarkdownOptions {
  diff?: ReportDiff;
}

// Ticket systems cap a description (Jira at 32 767 characters): list enough to act on, point to the full report.
const MAX_DEVICES = 25;
const MAX_FINDINGS_PER_DEVICE = 20;
const MAX_DIFF_ROWS = 50;
const MAX_CELL = 300;

const INCOMPLETE: readonly DeviceStatus[] = ["error", "unreachable", "not-run"];
const ATTENTION = new Set(["fail", "warn", "error"]);

/**
 * Device text made literal in Markdown: a backslash before every character that Markdown, GFM tables or GitHub's
 * math give a meaning in running text (including `<`, so no HTML; `[`, so no link or image), and one line, so a
 * newline cannot end a table row. Characters that matter only at the start of a line are safe here: device text
 * never starts one.
 */
export function escapeMarkdown(text: string): string {
  return cut(oneLine(text), MAX_CELL, "…").replace(/[\\`*_[\]<>#|~&$]/g, "\\$&");
}

/** Our own words inside a code span need no escaping but a backtick; used for ids we control only. */
function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

export function renderMarkdown(report: RunReport, options: MarkdownOptions = {}): string {
  const { meta, summary } = report;
  const out: string[] = [];
  const targets = meta.targetVersions.length > 0 ? meta.targetVersions.join(", ") : TEXT.noTarget;
  out.push(`# ${MD_TEXT.title}`, "");
  out.push(escapeMarkdown(MD_TEXT.run(formatTime(meta.startedAt), targets, `${meta.tool.name} ${meta.tool.version}`)), "");
  out.push(`**Exit code ${summary.exitCode}**: ${exitCodeMeaning(summary.exitCode)}.`, "");
  if (meta.interrupted) out.push(`> ${TEXT.interrupted}`, "");
  if (meta.fromCapture !== undefined) out.push(`> ${escapeMarkdown(TEXT.fromCapture(meta.fromCapture))}`, "");
  const list = (items: string[]) => (items.length > 0 ? items.join(", ") : TEXT.noFilter);
  out.push(
    escapeMarkdown(
      MD_TEXT.selection(meta.selection.inventory, list(meta.selection.groups), list(meta.selection.devices), list(meta.selection.tags), SEVERITY_LABEL[meta.failOn]),
    ),
    "",
  );

  out.push(`## ${MD_TEXT.summary}`, "");
  out.push("| Status | Devices | Meaning |", "|---|---:|---|");
  for (const s of DEVICE_STATUSES) out.push(`| ${DEVICE_STATUS_LABEL[s]} | ${summary.byStatus[s]} | ${DEVICE_STATUS_MEANING[s]} |`);
  out.push(`| **Total** | **${summary.devices}** | |`, "");
  out.push("| Severity | Findings |", "|---|---:|");
  for (const s of SEVERITIES) out.push(`| ${SEVERITY_LABEL[s]} | ${summary.findingsBySeverity[s]} |`);
  out.push("");

  const ordered = devicesInReadingOrder(report.devices);
  out.push(`## ${MD_TEXT.blocked} (${summary.byStatus.blocked})`, "");
  const blocked = ordered.filter((d) => d.status === "blocked");
  if (blocked.length === 0) out.push(MD_TEXT.noBlocked, "");
  for (const d of blocked.slice(0, MAX_DEVICES)) out.push(...blockedDevice(d));
  if (blocked.length > MAX_DEVICES) out.push(MD_TEXT.moreDevices(blocked.length - MAX_DEVICES), "");

  const incomplete = ordered.filter((d) => INCOMPLETE.includes(d.status));
  if (incomplete.length > 0) {
    out.push(`## ${MD_TEXT.incomplete} (${incomplete.length})`, "", MD_TEXT.incompleteMeaning, "");
    out.push("| Device | Host | Status | Reason |", "|---|---|---|---|");
    for (const d of incomplete.slice(0, MAX_DEVICES)) {
      out.push(`| ${escapeMarkdown(d.name)} | ${escapeMarkdown(d.host)} | ${DEVICE_STATUS_LABEL[d.status]} | ${escapeMarkdown(incompleteReason(d))} |`);
    }
    if (incomplete.length > MAX_DEVICES) out.push("", MD_TEXT.moreDevices(incomplete.length - MAX_DEVICES));
    out.push("");
  }

  const warnings = ordered.filter((d) => d.status === "warning");
  if (warnings.length > 0) {
    out.push(`## ${MD_TEXT.warnings} (${warnings.length})`, "");
    out.push("| Device | Checks |", "|---|---|");
    for (const d of warnings.slice(0, MAX_DEVICES)) {
      const checks = d.checks.filter((c) => ATTENTION.has(c.status)).map((c) => `${code(c.id)} ${CHECK_STATUS_LABEL[c.status]}`);
      out.push(`| ${escapeMarkdown(d.name)} | ${checks.join(", ")} |`);
    }
    if (warnings.length > MAX_DEVICES) out.push("", MD_TEXT.moreDevices(warnings.length - MAX_DEVICES));
    out.push("");
  }

  const waived = ordered.flatMap((d) => d.checks.filter((c) => c.status === "waived").map((c) => ({ d, c })));
  if (waived.length > 0) {
    out.push(`## ${MD_TEXT.waived} (${waived.length})`, "");
    out.push("| Device | Check | Reason |", "|---|---|---|");
    for (const { d, c } of waived.slice(0, MAX_DIFF_ROWS)) out.push(`| ${escapeMarkdown(d.name)} | ${code(c.id)} | ${escapeMarkdown(c.reason ?? "")} |`);
    if (waived.length > MAX_DIFF_ROWS) out.push("", MD_TEXT.moreFindings(waived.length - MAX_DIFF_ROWS));
    out.push("");
  }

  if (options.diff !== undefined) out.push(...markdownDiffSection(options.diff, "##"));
  return `${out.join("\n").trimEnd()}\n`;
}

function blockedDevice(d: DeviceResult): string[] {
  const facts = [d.facts.model, d.facts.softwareVersion].filter((v): v is string => v !== undefined).map(escapeMarkdown);
  const head = `### ${escapeMarkdown(d.name)} (${escapeMarkdown(d.host)})${facts.length > 0 ? ` — ${facts.join(", ")}` : ""}`;
  const lines = [head, ""];
  if (d.upgradePath.length > 0) lines.push(`Upgrade path: ${d.upgradePath.map(escapeMarkdown).join(" → ")}`, "");
  lines.push("| Check | Severity | Result | Item | Release | Message | Expected | Actual |", "|---|---|---|---|---|---|---|---|");
  const checks = d.checks.filter((c) => ATTENTION.has(c.status)).sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  let rows = 0;
  let hidden = 0;
  const remediations: string[] = [];
  for (const c of checks) {
    if (c.remediation !== undefined && c.status !== "error") remediations.push(`- ${code(c.id)}: ${escapeMarkdown(c.remediation)}`);
    for (const row of checkRows(c)) {
      if (rows < MAX_FINDINGS_PER_DEVICE) lines.push(row);
      else hidden += 1;
      rows += 1;
    }
  }
  if (hidden > 0) lines.push("", MD_TEXT.moreFindings(hidden));
  lines.push("");
  if (remediations.length > 0) lines.push(`**${MD_TEXT.remediation}**`, "", ...remediations, "");
  return lines;
}

function checkRows(c: CheckResult): string[] {
  const head = `${code(c.id)} | ${SEVERITY_LABEL[c.severity]} | ${CHECK_STATUS_LABEL[c.status]}`;
  if (c.findings.length === 0) return [`| ${head} | | | ${escapeMarkdown(c.reason ?? c.title)} | | |`];
  return c.findings.map(
    (f) =>
      `| ${head} | ${escapeMarkdown(f.key ?? TEXT.deviceWide)} | ${escapeMarkdown(f.hop ?? "")} | ${escapeMarkdown(f.message)} | ${escapeMarkdown(formatValue(f.expected))} | ${escapeMarkdown(formatValue(f.actual))} |`,
  );
}

function incompleteReason(d: DeviceResult): string {
  if (d.reason !== undefined && d.reason.trim() !== "") return d.reason;
  const errored = d.checks.filter((c) => c.status === "error").map((c) => `${c.id}: ${c.reason ?? c.title}`);
  return errored.length > 0 ? errored.join("; ") : TEXT.noReason;
}

/** The "Compared with the previous run" section; `level` is the heading level of its title ("#" for `preflight diff`). */
export function markdownDiffSection(diff: ReportDiff, level: string): string[] {
  const out = [`${level} ${DIFF_TEXT.heading}`, ""];
  const run = (r: ReportDiff["previous"], f: typeof DIFF_TEXT.previousRun) => escapeMarkdown(f(formatTime(r.startedAt), r.tool, r.devices, r.exitCode));
  out.push(run(diff.previous, DIFF_TEXT.previousRun), "", run(diff.current, DIFF_TEXT.currentRun), "");
  if (diffIsEmpty(diff)) {
    out.push(DIFF_TEXT.noChange, "");
    if (diff.stillFailing.length > 0) out.push(`${DIFF_TEXT.stillFailing}: ${diff.stillFailing.length}.`, "");
    return out;
  }
  out.push(`- ${DIFF_TEXT.counts({ newProblems: diff.newProblems.length, resolved: diff.resolved.length, stillFailing: diff.stillFailing.length, notRechecked: diff.notRechecked.length })}`);
  out.push(`- ${DIFF_TEXT.devicesLine(diff.devicesAdded.length, diff.devicesRemoved.length, diff.statusChanges.length)}`, "");
  const sub = `${level}#`;
  const table = (title: string, items: (DiffItem & { note?: string })[]) => {
    if (items.length === 0) return;
    out.push(`${sub} ${title} (${items.length})`, "", "| Device | Check | Severity | Item | Release | Message | |", "|---|---|---|---|---|---|---|");
    for (const i of items.slice(0, MAX_DIFF_ROWS)) {
      out.push(
        `| ${escapeMarkdown(i.device)} | ${code(i.check)} | ${SEVERITY_LABEL[i.severity]} | ${escapeMarkdown(i.key ?? TEXT.deviceWide)} | ${escapeMarkdown(i.hop ?? "")} | ${escapeMarkdown(i.message)} | ${i.note ?? ""} |`,
      );
    }
    if (items.length > MAX_DIFF_ROWS) out.push("", DIFF_TEXT.more(items.length - MAX_DIFF_ROWS));
    out.push("");
  };
  table(DIFF_TEXT.newProblems, diff.newProblems.map((i) => ({ ...i, note: CHECK_STATUS_LABEL[i.checkStatus] })));
  table(DIFF_TEXT.resolved, diff.resolved.map((i) => ({ ...i, note: DIFF_TEXT.nowLabel(CHECK_STATUS_LABEL[i.now]) })));
  table(DIFF_TEXT.notRechecked, diff.notRechecked.map((i) => ({ ...i, note: DIFF_TEXT.cause[i.cause] ?? i.cause })));
  if (diff.stillFailing.length > 0) out.push(`${sub} ${DIFF_TEXT.stillFailing} (${diff.stillFailing.length})`, "", summaryByCheck(diff.stillFailing), "");
  if (diff.statusChanges.length > 0) {
    out.push(`${sub} ${DIFF_TEXT.statusChanges} (${diff.statusChanges.length})`, "", "| Device | Before | Now |", "|---|---|---|");
    for (const c of diff.statusChanges.slice(0, MAX_DIFF_ROWS)) out.push(`| ${escapeMarkdown(c.device)} | ${DEVICE_STATUS_LABEL[c.from]} | ${DEVICE_STATUS_LABEL[c.to]} |`);
    if (diff.statusChanges.length > MAX_DIFF_ROWS) out.push("", DIFF_TEXT.more(diff.statusChanges.length - MAX_DIFF_ROWS));
    out.push("");
  }
  const names = (title: string, list: string[]) => {
    if (list.length === 0) return;
    const shown = list.slice(0, MAX_DIFF_ROWS).map(escapeMarkdown).join(", ");
    out.push(`${sub} ${title} (${list.length})`, "", list.length > MAX_DIFF_ROWS ? `${shown} ${DIFF_TEXT.more(list.length - MAX_DIFF_ROWS)}` : shown, "");
  };
  names(DIFF_TEXT.devicesAdded, diff.devicesAdded);
  names(DIFF_TEXT.devicesRemoved, diff.devicesRemoved);
  return out;
}

/** Still-failing problems are the expected bulk of a recurring sweep: one line per check rather than per item. */
function summaryByCheck(items: DiffItem[]): string {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.check, (counts.get(i.check) ?? 0) + 1);
  return [...counts].map(([id, n]) => `- ${code(id)}: ${n}`).join("\n");
}
