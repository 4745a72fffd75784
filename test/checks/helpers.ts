// Shared test helpers for the check engine: load a check (failing the test on diagnostics) and build the
// gathered-output map a device would produce.
import { loadCheckFile } from "../../src/checks/load.js";
import type { GatheredOutput } from "../../src/checks/evaluate.js";
import type { LoadedCheck } from "../../src/checks/types.js";
import { formatDiagnostic } from "../../src/util/diagnostics.js";

export async function loadOk(file: string): Promise<LoadedCheck> {
  const { check, diagnostics } = await loadCheckFile(file);
  if (!check) throw new Error(diagnostics.map(formatDiagnostic).join("\n"));
  return check;
}

export function outputs(entries: Record<string, string | { error: string }>): Map<string, GatheredOutput> {
  return new Map(Object.entries(entries).map(([command, v]) => [command, typeof v === "string" ? { command, output: v } : { command, error: v.error }]));
}

/** Collects what a command writes to stdout and stderr. */
export function sink() {
  let out = "";
  let err = "";
  return {
    stdout: { write: (s: string) => ((out += s), true) },
    stderr: { write: (s: string) => ((err += s), true) },
    env: {},
    cwd: process.cwd(),
    out: () => out,
    err: () => err,
  };
}
