// Text made safe for Markdown, shared by the Markdown report and the diff's Markdown section (src/report/diff/).

import { cut, oneLine } from "./format.js";

/** A table cell holds at most this much device text; the report files have the rest. */
const MAX_CELL = 300;

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
export function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}
