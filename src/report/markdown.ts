// The Markdown report, for tickets and change requests: a summary table, the blocked devices with their findings,
// the devices whose audit is incomplete with the reason, and optionally what changed since the previous run.
// Everything that came from a device is escaped, so a hostile serial number cannot add table columns, links,
// code spans or HTML to the ticket it is pasted into.

import { DEVICE_STATUSES, SEVERITIES, type CheckResult, type DeviceResult, type DeviceStatus, type RunReport } from "../model/result.js";
import { PROBLEM, checksOnDevices, checksWithStatus, devicesWithStatus, mostSevereFirst } from "./query.js";
import type { ReportDiff } from "./diff/compute.js";
import { markdownDiffSection } from "./diff/render.js";
import { devicesInReadingOrder, formatTime, formatValue } from "./format.js";
import { code, escapeMarkdown } from "./markdown-text.js";
import { CHECK_STATUS_LABEL, DEVICE_STATUS_LABEL, DEVICE_STATUS_MEANING, MD_TEXT, SEVERITY_LABEL, TEXT, exitCodeMeaning } from "./strings.js";

export { escapeMarkdown } from "./markdown-text.js";

export interface MarkdownOptions {
  diff?: ReportDiff;
}

// Ticket systems cap a description (Jira at 32 767 characters): list enough to act on, point to the full report.
const MAX_DEVICES = 25;
const MAX_FINDINGS_PER_DEVICE = 20;
const MAX_WAIVED_ROWS = 50;

const INCOMPLETE: readonly DeviceStatus[] = ["error", "unreachable", "not-run"];

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
  const blocked = devicesWithStatus(ordered, ["blocked"]);
  if (blocked.length === 0) out.push(MD_TEXT.noBlocked, "");
  for (const d of blocked.slice(0, MAX_DEVICES)) out.push(...blockedDevice(d));
  if (blocked.length > MAX_DEVICES) out.push(MD_TEXT.moreDevices(blocked.length - MAX_DEVICES), "");

  const incomplete = devicesWithStatus(ordered, INCOMPLETE);
  if (incomplete.length > 0) {
    out.push(`## ${MD_TEXT.incomplete} (${incomplete.length})`, "", MD_TEXT.incompleteMeaning, "");
    out.push("| Device | Host | Status | Reason |", "|---|---|---|---|");
    for (const d of incomplete.slice(0, MAX_DEVICES)) {
      out.push(`| ${escapeMarkdown(d.name)} | ${escapeMarkdown(d.host)} | ${DEVICE_STATUS_LABEL[d.status]} | ${escapeMarkdown(incompleteReason(d))} |`);
    }
    if (incomplete.length > MAX_DEVICES) out.push("", MD_TEXT.moreDevices(incomplete.length - MAX_DEVICES));
    out.push("");
  }

  const warnings = devicesWithStatus(ordered, ["warning"]);
  if (warnings.length > 0) {
    out.push(`## ${MD_TEXT.warnings} (${warnings.length})`, "");
    out.push("| Device | Checks |", "|---|---|");
    for (const d of warnings.slice(0, MAX_DEVICES)) {
      const checks = checksWithStatus(d.checks, PROBLEM).map((c) => `${code(c.id)} ${CHECK_STATUS_LABEL[c.status]}`);
      out.push(`| ${escapeMarkdown(d.name)} | ${checks.join(", ")} |`);
    }
    if (warnings.length > MAX_DEVICES) out.push("", MD_TEXT.moreDevices(warnings.length - MAX_DEVICES));
    out.push("");
  }

  const waived = checksOnDevices(ordered, ["waived"]);
  if (waived.length > 0) {
    out.push(`## ${MD_TEXT.waived} (${waived.length})`, "");
    out.push("| Device | Check | Reason |", "|---|---|---|");
    for (const { device, check } of waived.slice(0, MAX_WAIVED_ROWS)) out.push(`| ${escapeMarkdown(device.name)} | ${code(check.id)} | ${escapeMarkdown(check.reason ?? "")} |`);
    if (waived.length > MAX_WAIVED_ROWS) out.push("", MD_TEXT.moreFindings(waived.length - MAX_WAIVED_ROWS));
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
  const checks = mostSevereFirst(checksWithStatus(d.checks, PROBLEM));
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
  const errored = checksWithStatus(d.checks, ["error"]).map((c) => `${c.id}: ${c.reason ?? c.title}`);
  return errored.length > 0 ? errored.join("; ") : TEXT.noReason;
}
