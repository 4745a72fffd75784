// `preflight list`: loads the checks, prints the filtered table (src/checks/list.ts) and sets the exit code.
import { relative } from "node:path";
import { loadChecks } from "../checks/library.js";
import { filterChecks, filterProblems, listChecks, LIST_TEXT, type ListFilters } from "../checks/list.js";
import { EXIT } from "../model/status.js";
import { formatDiagnostic } from "../util/diagnostics.js";
import type { CliIo } from "./io.js";

/**
 * `preflight list [--platform p] [--tag t] [--severity s] [--text words] [--checks paths]`: exit 0 with the
 * table, 3 when a check does not load or a filter value is unknown (with did-you-mean), 4 when nothing matches.
 */
export async function listCommand(filters: ListFilters, io: CliIo, paths: readonly string[] = []): Promise<number> {
  const { checks, diagnostics } = await loadChecks(paths);
  const cwd = io.cwd;
  for (const d of diagnostics) io.stderr.write(`${formatDiagnostic({ ...d, file: relative(cwd, d.file) || d.file })}\n`);
  const problems = filterProblems(checks, filters);
  for (const p of problems) io.stderr.write(`preflight list: ${p}\n`);
  if (diagnostics.length || problems.length) return EXIT.badInput;
  const matched = filterChecks(checks, filters);
  if (matched.length === 0) {
    io.stderr.write(`${LIST_TEXT.noMatch}\n`);
    return EXIT.nothingToDo;
  }
  io.stdout.write(listChecks(matched));
  return EXIT.ready;
}
