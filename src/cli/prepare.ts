// The CLI side of the input stage shared by `run` and `capture`: check the options, read the baseline and
// waivers, hand the rest to the pipeline (src/runner/prepare.ts), and print every problem at once (exit 3)
// or why there is nothing to do (exit 4).
import { EXIT } from "../model/status.js";
import { prepareAudit, type PreparedAudit } from "../runner/prepare.js";
import { formatDiagnostic, type Diagnostic } from "../util/diagnostics.js";
import type { CliIo } from "./io.js";
import { checkRunOptions, type RawRunOptions, type RunOptions } from "./options.js";
import { loadOutputInputs, type OutputInputs } from "./output.js";

export interface Prepared {
  options: RunOptions;
  /** The baseline report and waivers, read before any device is contacted. */
  outputs: OutputInputs;
  audit: PreparedAudit;
}

/** Either everything needed to run, or the exit code after the problems were printed. */
export async function prepareRun(raw: RawRunOptions, io: CliIo): Promise<Prepared | number> {
  const { options, diagnostics } = checkRunOptions(raw);
  const outputs = loadOutputInputs({ ...(options.baseline ? { baseline: options.baseline } : {}), ...(options.waivers ? { waivers: options.waivers } : {}) }, diagnostics);
  const preparation = await prepareAudit(options, io.env, diagnostics);
  switch (preparation.kind) {
    case "ready":
      return { options, outputs, audit: preparation.audit };
    case "nothing-to-do":
      io.stderr.write(`preflight: ${preparation.message}; nothing to do (exit 4)\n`);
      return EXIT.nothingToDo;
    case "bad-input":
      return fail(io, preparation.diagnostics);
  }
}

function fail(io: CliIo, diagnostics: readonly Diagnostic[]): number {
  for (const d of diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
  io.stderr.write(`preflight: ${diagnostics.length} problem(s) in the input; nothing was run (exit 3)\n`);
  return EXIT.badInput;
}
