// `preflight list`: the checks available (built-in library plus any given files or folders) as an aligned
// table, filtered by platform, tag, severity and free text, so an engineer finds the check to run or explain.
import { relative } from "node:path";
import { knownPlatforms } from "../platforms/registry.js";
import { SEVERITIES, type Severity } from "../model/result.js";
import { EXIT } from "../model/status.js";
import { formatDiagnostic } from "../util/diagnostics.js";
import { didYouMeanHint } from "../util/did-you-mean.js";
import { loadChecks } from "./library.js";
import type { CommandIo } from "./testing.js";
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
const TEXT = {
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
  if (chosen.length === 0) return `${TEXT.noMatch}\n`;
  const rows = [
    TEXT.columns,
    ...chosen.map(({ definition: d }) => [d.id, d.severity, d.platforms.join(","), (d.tags ?? []).join(","), d.title]),
  ];
  const widths = TEXT.columns.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  // The last column is not padded: trailing spaces would only make lines wrap in narrow terminals.
  const lines = rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  "));
  return [...lines, "", TEXT.count(chosen.length)].join("\n") + "\n";
}

/** Why each unusable filter value cannot match anything, with did-you-mean. */
function filterProblems(checks: readonly LoadedCheck[], filters: ListFilters): string[] {
  const out: string[] = [];
  if (filters.severity && !(SEVERITIES as readonly string[]).includes(filters.severity)) out.push(TEXT.badSeverity(filters.severity));
  const platforms = [...new Set([...knownPlatforms(), ...checks.flatMap((c) => c.definition.platforms)])];
  if (filters.platform && !platforms.includes(filters.platform)) out.push(TEXT.badPlatform(filters.platform, platforms));
  const tags = [...new Set(checks.flatMap((c) => c.definition.tags ?? []))].sort();
  if (filters.tag && !tags.includes(filters.tag)) out.push(TEXT.badTag(filters.tag, tags));
  return out;
}

/**
 * `preflight list [--platform p] [--tag t] [--severity s] [--text words] [--checks paths]`: exit 0 with the
 * table, 3 when a check does not load or a filter value is unknown (with did-you-mean), 4 when nothing matches.
 */
export async function listCommand(filters: ListFilters, io: CommandIo, paths: readonly string[] = []): Promise<number> {
  const { checks, diagnostics } = await loadChecks(paths);
  const cwd = io.cwd ?? process.cwd();
  for (const d of diagnostics) io.stderr.write(`${formatDiagnostic({ ...d, file: relative(cwd, d.file) || d.file })}\n`);
  const problems = filterProblems(checks, filters);
  for (const p of problems) io.stderr.write(`preflight list: ${p}\n`);
  if (diagnostics.length || problems.length) return EXIT.badInput;
  const matched = filterChecks(checks, filters);
  if (matched.length === 0) {
    io.stderr.write(`${TEXT.noMatch}\n`);
    return EXIT.nothingToDo;
  }
  io.stdout.write(listChecks(matched));
  return EXIT.ready;
}
