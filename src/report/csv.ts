// The CSV report, for spreadsheets and ad-hoc scripts: one row per finding (RFC 4180, CRLF line ends). A check
// that did not pass but has no finding (an error, a skip with a reason) gets one row with its reason as the
// message, and a device with no such row at all (ready, or unreachable before any check) gets one device row,
// so that every device of the run appears and filtering the sheet by status never loses one.
// Cells that a spreadsheet would read as a formula are neutralised: device text is untrusted.

import type { CheckResult, CheckStatus, DeviceResult, Finding, RunReport } from "../model/result.js";
import { formatValue, visibleText } from "./format.js";
import { checksWithStatus } from "./query.js";

export const CSV_COLUMNS = [
  "device",
  "host",
  "platform",
  "groups",
  "status",
  "check",
  "severity",
  "check status",
  "key",
  "hop",
  "message",
  "expected",
  "actual",
  "remediation",
] as const;

/** Check statuses that produce rows; pass and not-applicable are the normal case and would drown the sheet. */
const ROW_STATUSES: readonly CheckStatus[] = ["fail", "warn", "error", "waived", "skip"];

/**
 * A cell a spreadsheet would evaluate (`=`, `+`, `-`, `@`, and tab / CR which some strip before looking) gets
 * a leading apostrophe, as OWASP recommends: `=HYPERLINK(...)` in a serial number stays text.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180: quote a field holding a quote, comma or line break, doubling the quotes inside. */
export function csvField(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function renderCsv(report: RunReport): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const d of report.devices) {
    const before = rows.length;
    for (const c of checksWithStatus(d.checks, ROW_STATUSES)) {
      if (c.findings.length === 0) rows.push(row(d, c, { message: c.reason ?? c.title }));
      else for (const f of c.findings) rows.push(row(d, c, f));
    }
    if (rows.length === before) rows.push(deviceRow(d));
  }
  return rows.map((r) => r.map((cell) => csvField(neutraliseFormula(cell))).join(",")).join("\r\n") + "\r\n";
}

function device(d: DeviceResult): string[] {
  return [d.name, d.port === 22 ? d.host : `${d.host}:${d.port}`, d.platform, d.groups.join(";"), d.status].map(text);
}

function row(d: DeviceResult, c: CheckResult, f: Finding): string[] {
  return [
    ...device(d),
    c.id,
    c.severity,
    c.status,
    text(f.key ?? ""),
    text(f.hop ?? ""),
    // A check's reason (waived, partly waived, error) qualifies each of its findings: keep it next to them.
    text(c.reason !== undefined && f.message !== c.reason ? `${f.message} (${c.reason})` : f.message),
    text(formatValue(f.expected)),
    text(formatValue(f.actual)),
    text(c.remediation ?? ""),
  ];
}

function deviceRow(d: DeviceResult): string[] {
  return [...device(d), "", "", "", "", "", text(d.reason ?? ""), "", "", ""];
}

/** Device text without control characters (a NUL or an escape sequence in a cell helps no one); newlines kept. */
function text(value: string): string {
  return visibleText(value);
}
