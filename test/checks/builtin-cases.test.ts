// Every built-in check ships with test cases, and they all pass: one vitest test per case, generated from
// the test files, so a failing case is named in the test output with its explanation.
import { describe, expect, it } from "vitest";
import { builtinChecksDir } from "../../src/checks/library.js";
import { runCheckTests } from "../../src/checks/testing.js";
import { formatDiagnostic } from "../../src/util/diagnostics.js";

const run = await runCheckTests([builtinChecksDir()]);

describe("built-in checks", () => {
  it("load, and so do their test files", () => {
    expect(run.diagnostics.map(formatDiagnostic)).toEqual([]);
  });

  it("each have a test file: a check cannot ship without cases", () => {
    expect(run.checksWithoutTests).toEqual([]);
    expect(run.results.length).toBeGreaterThan(0);
  });

  for (const r of run.results) {
    describe(r.check, () => {
      for (const c of r.cases) {
        it(c.name, () => {
          expect(c.passed, `${c.file}:${c.line}:${c.col}\n${c.explanation}`).toBe(true);
        });
      }
    });
  }
});
