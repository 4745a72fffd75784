// `preflight explain <id|file>`: finds the check and its test file, prints the explanation (src/checks/explain.ts).
import { relative, resolve } from "node:path";
import { explainCheck, EXPLAIN_TEXT, type TestsSummary } from "../checks/explain.js";
import { loadChecks } from "../checks/library.js";
import { findTestFiles, loadTestCases } from "../checks/testing.js";
import { EXIT } from "../model/status.js";
import { formatDiagnostic } from "../util/diagnostics.js";
import type { CliIo } from "./io.js";

/**
 * `preflight explain <id|file> [--checks paths]`: prints the explanation. `paths` (check files or folders)
 * are searched besides the built-in library. Exit 0, or 3 when nothing is called that (with did-you-mean).
 */
export async function explainCommand(idOrFile: string, io: CliIo, paths: readonly string[] = []): Promise<number> {
  const { checks, diagnostics } = await loadChecks([...paths, idOrFile]);
  const check = checks.find((c) => c.definition.id === idOrFile || c.file === resolve(idOrFile));
  if (!check) {
    // Problems in other checks do not matter here; the ones about this spec (or its file) do.
    const relevant = diagnostics.filter((d) => d.file === "--checks" || d.file === resolve(idOrFile));
    if (relevant.length === 0) io.stderr.write(`${EXPLAIN_TEXT.notAnId(idOrFile)}\n`);
    for (const d of relevant) io.stderr.write(`${formatDiagnostic({ ...d, file: relative(io.cwd, d.file) || d.file })}\n`);
    return EXIT.badInput;
  }
  const testFile = findTestFiles([check.file]).get(check.file);
  let tests: TestsSummary = { file: resolve(check.file, "..", "tests", `${check.definition.id}.yaml`), cases: [], problems: 0 };
  if (testFile) {
    const loaded = await loadTestCases(testFile, check);
    tests = { file: testFile, cases: loaded.cases, problems: loaded.diagnostics.length };
  }
  io.stdout.write(explainCheck(check, { tests, cwd: io.cwd }));
  return EXIT.ready;
}
