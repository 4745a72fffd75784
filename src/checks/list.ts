// `preflight list`: the checks available (built-in library plus any given files or folders) as an aligned
// table, filtered by platform, tag, severity and free text, so an engineer finds the check to run or explain.
import { knownPlatforms } from "../platforms/registry.js";
import { SEVERITIES, type Severity } from "../model/result.js";
import { didYouMeanHint } from "../util/did-you-mean.js";
import type { LoadedCheck } from "./types.js";

export interface ListFilters {
  /** Only checks for this platform (netmiko name). */
  platform?: string;
  /** Only checks with this tag. */
  tag?: string;
  /** Only checks at or above this severity, as --fail-on counts it. */
  severity?: string;
  /** Only checks whose id, title, description or tags contain this text (case-insensitive). */
  text?: string;
}

// User-facing wording, kept together.
export const LIST_TEXT = {
  columns: ["ID", "SEVERITY", "PLATFORMS", "TAGS", "TITLE"],
  noMatch: "no check matches the filters",
  count: (n: number) => `${n} check${n === 1 ? "" : "s"}`,
  badSeverity: (s: string) => `unknown severity "${s}"${didYouMeanHint(s, SEVERITIES)}; use one of ${SEVERITIES.join(", ")}`,
  badPlatform: (p: string, known: string[]) => `unknown platform "${p}"${didYouMeanHint(p, known)}; known: ${known.join(", ")}`,
  badTag: (t: string, known: string[]) => `no check has the tag "${t}"${didYouMeanHint(t, known)}${known.length ? `; tags in use: ${known.join(", ")}` : ""}`,
};

export function filterChecks(checks: readonly LoadedCheck[], filters: ListFilters): LoadedCheck[] {
  const atOrAbove = filters.severity ? SEVERITIES.slice(0, SEVERITIES.indexOf(filters.severity as Severity) + 1) : undefined;
  const text = filters.text?.toLowerCase();
  return checks.filter((c) => {
    const d = c.definition;
    if (filters.platform && !d.platforms.includes(filters.platform)) return false;
    if (filters.tag && !(d.tags ?? []).includes(filters.tag)) return false;
    if (atOrAbove && !atOrAbove.includes(d.severity)) return false;
    if (text && ![d.id, d.title, d.description, ...(d.tags ?? [])].some((s) => s.toLowerCase().includes(text))) return false;
    return true;
  });
}

/** The checks that pass the filters, by id, as a table with a count; or a sentence when none does. */
export function listChecks(checks: readonly LoadedCheck[], filters: ListFilters = {}): string {
  const chosen = filterChecks(checks, filters).sort((a, b) => a.definition.id.localeCompare(b.definition.id));
  if (chosen.length === 0) return `${LIST_TEXT.noMatch}\n`;
  const rows = [
    LIST_TEXT.columns,
    ...chosen.map(({ definition: d }) => [d.id, d.severity, d.platforms.join(","), (d.tags ?? []).join(","), d.title]),
  ];
  const widths = LIST_TEXT.columns.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  // The last column is not padded: trailing spaces would only make lines wrap in narrow terminals.
  const lines = rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  "));
  return [...lines, "", LIST_TEXT.count(chosen.length)].join("\n") + "\n";
}

/** Why each unusable filter value cannot match anything, with did-you-mean. */
export function filterProblems(checks: readonly LoadedCheck[], filters: ListFilters): string[] {
  const out: string[] = [];
  if (filters.severity && !(SEVERITIES as readonly string[]).includes(filters.severity)) out.push(LIST_TEXT.badSeverity(filters.severity));
  const platforms = [...new Set([...knownPlatforms(), ...checks.flatMap((c) => c.definition.platforms)])];
  if (filters.platform && !platforms.includes(filters.platform)) out.push(LIST_TEXT.badPlatform(filters.platform, platforms));
  const tags = [...new Set(checks.flatMap((c) => c.definition.tags ?? []))].sort();
  if (filters.tag && !tags.includes(filters.tag)) out.push(LIST_TEXT.badTag(filters.tag, tags));
  return out;
}
