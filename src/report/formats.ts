// Every report format in one place: the names the CLI accepts, the file each is written to, and one dispatcher.
// Each renderer is a pure function of a RunReport (plus, optionally, its comparison with the previous run), so a
// saved report.json re-renders to any format offline and byte for byte.

import type { RunReport } from "../model/result.js";
import type { ReportDiff } from "./diff/compute.js";
import { renderCsv } from "./csv.js";
import { renderHtml } from "./html.js";
import { renderJson } from "./json.js";
import { renderJunit } from "./junit.js";
import { renderMarkdown } from "./markdown.js";
import { renderOpticsCsv } from "./optics-csv.js";
import { renderSummary } from "./summary.js";

export { loadReportFile } from "./load.js";

export const FORMATS = ["json", "html", "junit", "csv", "optics-csv", "md", "summary"] as const;
export type ReportFormat = (typeof FORMATS)[number];

/** The formats written to files; "summary" is for the terminal. */
export const FILE_FORMATS = ["json", "html", "junit", "csv", "optics-csv", "md"] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

export const REPORT_FILE_NAMES: Record<FileFormat, string> = {
  json: "report.json",
  html: "report.html",
  junit: "report.junit.xml",
  csv: "report.csv",
  "optics-csv": "optics.csv",
  md: "report.md",
};

export interface RenderOptions {
  /** The comparison with the previous run: rendered as a "Compared with the previous run" section (HTML,
   *  Markdown, summary). JSON stays the bare RunReport (the contract); use renderDiffJson for the diff. JUnit and
   *  CSV ignore it: their consumers want this run's results. */
  diff?: ReportDiff;
  /** Terminal colours in the summary (default off). */
  color?: boolean;
}

export function isReportFormat(value: string): value is ReportFormat {
  return (FORMATS as readonly string[]).includes(value);
}

export function renderReport(report: RunReport, format: ReportFormat, options: RenderOptions = {}): string {
  const diff = options.diff !== undefined ? { diff: options.diff } : {};
  switch (format) {
    case "json":
      return renderJson(report);
    case "html":
      return renderHtml(report, diff);
    case "junit":
      return renderJunit(report);
    case "csv":
      return renderCsv(report);
    case "optics-csv":
      return renderOpticsCsv(report);
    case "md":
      return renderMarkdown(report, diff);
    case "summary":
      return renderSummary(report, { color: options.color ?? false, ...diff });
    default: {
      const unknown: never = format;
      throw new Error(`unknown report format ${String(unknown)}; use ${FORMATS.join(", ")}`);
    }
  }
}
