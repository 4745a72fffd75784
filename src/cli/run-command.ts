// `preflight run`: validate everything first, audit the selected devices (live over SSH or replayed from a
// capture), write the reports, print the summary, and return the exit code.
import { runPreparedAudit } from "../runner/audit.js";
import { shownPath, type CliIo } from "./io.js";
import type { RawRunOptions } from "./options.js";
import { emitReport } from "./output.js";
import { prepareRun } from "./prepare.js";
import { createProgress } from "./progress.js";

export async function runCommand(raw: RawRunOptions, io: CliIo): Promise<number> {
  const prepared = await prepareRun(raw, io);
  if (typeof prepared === "number") return prepared;
  const { options, audit } = prepared;
  const progress = createProgress(io.stderr, audit.plans.length, options.progress);
  const { report } = await runPreparedAudit(audit, {
    ...(io.signal ? { signal: io.signal } : {}),
    onDeviceDone: (result, done, total) => progress.deviceDone(result, done, total),
    displayPath: (file) => shownPath(io.cwd, file),
  });
  progress.stop();
  return emitReport(report, prepared.outputs, { out: options.out, formats: options.formats, ...(options.stdout ? { stdout: options.stdout } : {}) }, io);
}
