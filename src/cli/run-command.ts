// `preflight run`: validate everything first, audit the selected devices (live over SSH or replayed from a
// capture), write the reports, print the summary, and return the exit code.
import { relative } from "node:path";
import { runPreparedAudit } from "../runner/audit.js";
import type { CliIo } from "./io.js";
import type { RawRunOptions } from "./options.js";
import { emitReport } from "./output.js";
import { prepareRun } from "./prepare.js";
import { createProgress } from "./progress.js";
import { openHistory, recordCliRun } from "../server/db/history.js";
import type { Store } from "../server/db/store.js";
import { redactUrl } from "../server/db/sql.js";

export async function runCommand(raw: RawRunOptions, io: CliIo): Promise<number> {
  const prepared = await prepareRun(raw, io);
  if (typeof prepared === "number") return prepared;
  const { options, audit } = prepared;
  // --db: opened before any device is contacted, so a wrong URL costs nothing (docs/server.md).
  let history: Store | undefined;
  if (raw.db) {
    try {
      history = await openHistory(raw.db, io.cwd);
    } catch (err) {
      io.stderr.write(`--db: cannot open ${redactUrl(raw.db)}: ${(err as Error).message}\n`);
      return 3;
    }
  }
  const progress = createProgress(io.stderr, audit.plans.length, options.progress);
  const { report } = await runPreparedAudit(audit, {
    ...(io.signal ? { signal: io.signal } : {}),
    onDeviceDone: (result, done, total) => progress.deviceDone(result, done, total),
    displayPath: (file) => relative(io.cwd, file) || file,
  });
  progress.stop();
  if (history) {
    try {
      const id = await recordCliRun(history, report);
      io.stderr.write(`run ${id} stored in ${redactUrl(raw.db!)}\n`);
    } catch (err) {
      io.stderr.write(`--db: the run could not be stored: ${(err as Error).message}\n`);
    } finally {
      await history.sql.close();
    }
  }
  return emitReport(report, prepared.outputs, { out: options.out, formats: options.formats, ...(options.stdout ? { stdout: options.stdout } : {}) }, io);
}
