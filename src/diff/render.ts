// `preflight diff OLD.json NEW.json`: the comparison of two runs on its own, as Markdown (a ticket), a few
// terminal lines, or JSON (a pipeline). The same sections appear inside the reports when a run is compared.

import { markdownDiffSection } from "../report/markdown.js";
import { diffLines } from "../report/summary.js";
import type { ReportDiff } from "./diff.js";

export const DIFF_FORMATS = ["md", "summary", "json"] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

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
