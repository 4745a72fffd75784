// The short summary printed to the terminal at the end of a run: counts, the devices that need attention with
// the first thing wrong on each, and what the exit code means. Colour is optional decoration; every status is a
// word, so the text reads the same without it (NO_COLOR, logs, CI).

import { DEVICE_STATUSES, SEVERITIES, type CheckResult, type DeviceResult, type DeviceStatus, type RunReport } from "../model/result.js";
import type { ReportDiff } from "./diff/compute.js";
import { diffLines } from "./diff/render.js";
import { MAX_DETAIL_CHARS, cut, devicesInReadingOrder, oneLine } from "./format.js";
import { blockingChecks, checksWithStatus, devicesWithStatus, findingCount, mostSevereFirst } from "./query.js";
import { DEVICE_STATUS_LABEL, SEVERITY_LABEL, TEXT } from "./strings.js";

export interface SummaryOptions {
  color: boolean;
  /** When given, a few lines on what changed since the previous run. */
  diff?: ReportDiff;
}

/** Device lines shown before "and N more": enough to act on, short enough to stay on one screen. */
const MAX_DEVICE_LINES = 20;

/** Names are padded to line up the details, up to this width; a longer name just pushes its own line. */
const MAX_NAME_WIDTH = 32;

/** The devices listed by name: those that stop the upgrade or whose audit did not complete. */
const LISTED: readonly DeviceStatus[] = ["blocked", "error", "unreachable"];

const ANSI = { reset: "\u001b[0m", bold: "\u001b[1m", red: "\u001b[31m", green: "\u001b[32m", yellow: "\u001b[33m", magenta: "\u001b[35m", dim: "\u001b[2m" };

const STATUS_COLOR: Record<DeviceStatus, string> = {
  blocked: ANSI.bold + ANSI.red,
  error: ANSI.magenta,
  unreachable: ANSI.yellow,
  "not-run": ANSI.dim,
  warning: ANSI.yellow,
  ready: ANSI.green,
};

export function renderSummary(report: RunReport, options: SummaryOptions): string {
  const paint = (code: string, text: string): string => (options.color ? `${code}${text}${ANSI.reset}` : text);
  const { summary, meta } = report;
  const lines: string[] = [];

  const counts = DEVICE_STATUSES.map((s) => {
    const text = `${summary.byStatus[s]} ${DEVICE_STATUS_LABEL[s].toLowerCase()}`;
    return summary.byStatus[s] > 0 ? paint(STATUS_COLOR[s], text) : text;
  });
  lines.push(TEXT.summaryDevices(summary.devices, counts.join(", ")));
  lines.push(TEXT.summaryFindings(SEVERITIES.map((s) => `${summary.findingsBySeverity[s]} ${SEVERITY_LABEL[s].toLowerCase()}`).join(", ")));
  if (meta.interrupted) lines.push(TEXT.interrupted);
  if (meta.fromCapture !== undefined) lines.push(TEXT.fromCapture(meta.fromCapture));

  const listed = devicesWithStatus(devicesInReadingOrder(report.devices), LISTED);
  if (listed.length > 0) {
    const width = Math.max(...listed.map((d) => DEVICE_STATUS_LABEL[d.status].length));
    const nameWidth = Math.min(MAX_NAME_WIDTH, Math.max(...listed.map((d) => oneLine(d.name).length)));
    lines.push("");
    for (const d of listed.slice(0, MAX_DEVICE_LINES)) {
      const label = DEVICE_STATUS_LABEL[d.status].toUpperCase().padEnd(width);
      lines.push(`  ${paint(STATUS_COLOR[d.status], label)}  ${oneLine(d.name).padEnd(nameWidth)}  ${cut(oneLine(firstProblem(d)), MAX_DETAIL_CHARS, "…")}`);
    }
    if (listed.length > MAX_DEVICE_LINES) lines.push(`  ${TEXT.moreDevices(listed.length - MAX_DEVICE_LINES)}`);
  }

  if (options.diff !== undefined) lines.push("", ...diffLines(options.diff));

  lines.push("");
  lines.push(paint(ANSI.bold, TEXT.exitCode(summary.exitCode)));
  return `${lines.join("\n")}\n`;
}

/** The one thing to say about a listed device: its reason, else what its most severe blocking or broken check says. */
function firstProblem(d: DeviceResult): string {
  if (d.reason !== undefined && d.reason.trim() !== "") return d.reason;
  const check = mostSevereFirst(d.status === "blocked" ? blockingChecks(d) : checksWithStatus(d.checks, ["error"]))[0];
  if (check === undefined) return TEXT.noReason;
  const others = findingCount(d) - (check.findings.length > 0 ? 1 : 0);
  return `${check.id}: ${checkProblem(check)}${others > 0 ? ` ${TEXT.moreFindings(others)}` : ""}`;
}

function checkProblem(c: CheckResult): string {
  return c.findings[0]?.message ?? c.reason ?? c.title;
}
