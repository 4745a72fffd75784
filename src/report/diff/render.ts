// The comparison of two runs as text: the "Compared with the previous run" sections of the Markdown report and the
// terminal summary, and `preflight diff OLD.json NEW.json` on its own as Markdown (a ticket), a few terminal lines,
// or JSON (a pipeline). The reports import these sections from here; nothing here imports a report renderer.

import { cut, formatTime, MAX_DETAIL_CHARS, oneLine } from "../format.js";
import { code, escapeMarkdown } from "../markdown-text.js";
import { CHECK_STATUS_LABEL, DEVICE_STATUS_LABEL, DIFF_TEXT, SEVERITY_LABEL, TEXT } from "../strings.js";
import { countPerCheck } from "../query.js";
import { diffIsEmpty, type DiffItem, type ReportDiff } from "./compute.js";

export const DIFF_FORMATS = ["md", "summary", "json"] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** Rows per Markdown table: ticket systems cap a description; the diff JSON has them all. */
const MAX_DIFF_ROWS = 50;
/** New problems and status changes listed by name in the terminal lines; the rest are counted. */
const MAX_DIFF_LINES = 5;

/** The diff as JSON: a stable, documented shape (ReportDiff), 2-space indented, trailing newline. */
export function renderDiffJson(diff: ReportDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}

export function renderDiff(diff: ReportDiff, format: DiffFormat): string {
  switch (format) {
    case "md":
      return `${markdownDiffSection(diff, "#").join("\n").trimEnd()}\n`;
    case "summary":
      return `${diffLines(diff).join("\n")}\n`;
    case "json":
      return renderDiffJson(diff);
    default: {
      const unknown: never = format;
      throw new Error(`unknown diff format ${String(unknown)}; use ${DIFF_FORMATS.join(", ")}`);
    }
  }
}

/** What changed since the previous run, in a few lines: counts, then the first new problems by name. */
export function diffLines(diff: ReportDiff): string[] {
  const lines = [`${DIFF_TEXT.heading} (${formatTime(diff.previous.startedAt)}):`];
  if (diffIsEmpty(diff)) {
    lines.push(`  ${DIFF_TEXT.noChange}`);
    return lines;
  }
  const counts = { newProblems: diff.newProblems.length, resolved: diff.resolved.length, stillFailing: diff.stillFailing.length, notRechecked: diff.notRechecked.length };
  lines.push(`  ${DIFF_TEXT.counts(counts)}; ${DIFF_TEXT.devicesLine(diff.devicesAdded.length, diff.devicesRemoved.length, diff.statusChanges.length)}`);
  for (const i of diff.newProblems.slice(0, MAX_DIFF_LINES)) {
    lines.push(`  + ${cut(oneLine(`${i.device}  ${i.check}: ${i.message}`), MAX_DETAIL_CHARS, "…")}`);
  }
  if (diff.newProblems.length > MAX_DIFF_LINES) lines.push(`  ${TEXT.moreDevices(diff.newProblems.length - MAX_DIFF_LINES)}`);
  for (const c of diff.statusChanges.slice(0, MAX_DIFF_LINES)) {
    lines.push(`  ~ ${oneLine(c.device)}: ${DEVICE_STATUS_LABEL[c.from].toLowerCase()} -> ${DEVICE_STATUS_LABEL[c.to].toLowerCase()}`);
  }
  if (diff.statusChanges.length > MAX_DIFF_LINES) lines.push(`  ${TEXT.moreDevices(diff.statusChanges.length - MAX_DIFF_LINES)}`);
  return lines;
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
  return countPerCheck(items).map(([id, n]) => `- ${code(id)}: ${n}`).join("\n");
}
