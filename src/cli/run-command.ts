// `preflight run`: validate everything first, audit the selected devices (live over SSH or replayed from a
// capture), write the reports, print the summary, and return the exit code. A live run keeps a journal in its
// --out folder; `run --resume DIR` finishes a stopped run from it (./resume.ts, docs/resume.md).
import { runPreparedAudit } from "../runner/audit.js";
import { shownPath, type CliIo } from "./io.js";
import type { RawRunOptions } from "./options.js";
import { emitReport } from "./output.js";
import { prepareRun } from "./prepare.js";
import { createProgress } from "./progress.js";
import { openHistory, recordCliRun } from "../server/db/history.js";
import { redactUrl } from "../server/db/sql.js";
import type { Store } from "../server/db/store.js";
import { lockForResume, openJournal, resumeOptions, type ResumeRequest } from "./resume.js";

export async function runCommand(raw: RawRunOptions, io: CliIo, resume?: ResumeRequest): Promise<number> {
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
  const journal = await openJournal(raw, audit, io, resume);
  if (typeof journal === "number") {
    await history?.sql.close();
    return journal;
  }
  const progress = createProgress(io.stderr, journal?.remaining ?? audit.plans.length, options.progress);
  // Report paths relative to the folder the run was started from, so that a resumed run's report is the same.
  const cwd = resume?.journal.header.cwd ?? io.cwd;
  try {
    const { report } = await runPreparedAudit(audit, {
      ...(io.signal ? { signal: io.signal } : {}),
      onDeviceDone: (result, done, total) => {
        journal?.deviceDone(result);
        progress.deviceDone(result, done, total);
      },
      displayPath: (file) => shownPath(cwd, file),
      ...journal?.hooks,
      // The queue client (bullmq, ioredis) is loaded only for --queue.
      ...(options.queue ? { auditor: (await import("./worker-command.js")).coordinatorFor(options, io) } : {}),
    });
    progress.stop();
    journal?.finish(report);
    if (history) {
      try {
        const id = await recordCliRun(history, report);
        io.stderr.write(`run ${id} stored in ${redactUrl(raw.db!)}\n`);
      } catch (err) {
        io.stderr.write(`--db: the run could not be stored: ${(err as Error).message}\n`);
      }
    }
    return await emitReport(report, prepared.outputs, { out: options.out, formats: options.formats, ...(options.stdout ? { stdout: options.stdout } : {}) }, io);
  } finally {
    journal?.close();
    await history?.sql.close();
  }
}

/** `run --resume DIR`: the options come from DIR's journal; `given` names those also typed on the command line. */
export async function resumeCommand(raw: RawRunOptions, given: readonly string[], io: CliIo): Promise<number> {
  const lock = lockForResume(raw, io);
  if (typeof lock === "number") return lock;
  try {
    const resumed = resumeOptions(raw, given, io);
    if (typeof resumed === "number") return resumed;
    return await runCommand(resumed.raw, io, resumed.resume);
  } finally {
    lock?.release();
  }
}
