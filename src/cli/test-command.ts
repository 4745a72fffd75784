// `preflight test [checks...]`: runs the selected checks' test cases (src/checks/testing.ts) and prints the report.
import { relative } from "node:path";
import { formatTestReport, runCheckTests } from "../checks/testing.js";
import { EXIT } from "../model/status.js";
import { formatDiagnostic } from "../util/diagnostics.js";
import type { CliIo } from "./io.js";

/**
 * `preflight test [checks...]`: runs the selected checks' test cases. Exit 0 when every case passes, 1 when
 * one fails, 3 on bad input (a check or test file with problems: they are printed, the rest still runs),
 * 4 when no case ran at all.
 */
export async function testCommand(specs: readonly string[], io: CliIo): Promise<number> {
  const cwd = io.cwd;
  const run = await runCheckTests(specs);
  io.stdout.write(formatTestReport(run, cwd));
  for (const d of run.diagnostics) io.stderr.write(`${formatDiagnostic({ ...d, file: relative(cwd, d.file) || d.file })}\n`);
  if (run.diagnostics.length) return EXIT.badInput;
  const cases = run.results.flatMap((r) => r.cases);
  if (cases.some((c) => !c.passed)) return EXIT.blocked;
  return cases.length ? EXIT.ready : EXIT.nothingToDo;
}
