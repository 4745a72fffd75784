// The CLI side of the run journal (src/runner/journal.ts, docs/resume.md). A live `run` starts a journal in its
// --out folder and records each device as it finishes. `run --resume DIR` takes the run's options from DIR's
// journal (options also given on the command line must agree with them), refuses when anything that decides the
// results changed since, and hands the runner the devices that finished, so that only the others are audited.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { AuditHooks } from "../runner/audit.js";
import { fingerprintChanges, isFinished, isUrl, JOURNAL_FILE, JournalWriter, lockJournal, readJournal, runFingerprint, type Journal, type JournalLock } from "../runner/journal.js";
import type { PreparedAudit } from "../runner/prepare.js";
import type { DeviceResult, RunReport } from "../model/result.js";
import { EXIT } from "../model/status.js";
import { formatDiagnostic, type Diagnostic } from "../util/diagnostics.js";
import { TOOL } from "../util/tool.js";
import type { CliIo } from "./io.js";
import type { RawRunOptions } from "./options.js";

/** A run being resumed: its folder and its journal as read. */
export interface ResumeRequest {
  dir: string;
  file: string;
  journal: Journal;
}

/**
 * Given with --resume, these may differ from the journal's: they change what is printed or where the run is also
 * stored, not what is audited. --db is never journaled (its URL may carry a password); give it again to resume.
 */
const FREE_WITH_RESUME = new Set(["resume", "progress", "db"]);
/** Options that name a file or folder: kept absolute in the journal, so a resume works from any folder (a URL stays as it is). */
const PATH_OPTIONS = new Set(["inventory", "fromCapture", "dataDir", "out", "knownHosts", "identity", "sshConfig", "baseline", "waivers"]);
const LIST_OPTIONS = ["group", "device", "tag", "checks", "path", "format"];

/** The options as the journal keeps them: paths absolute (a --checks entry that is a file or folder too). */
export function journalOptions(raw: RawRunOptions, cwd: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || FREE_WITH_RESUME.has(key)) continue;
    out[key] = normalised(key, value, cwd);
  }
  return out;
}

function normalised(key: string, value: unknown, cwd: string): unknown {
  if (PATH_OPTIONS.has(key) && typeof value === "string") return isUrl(value) ? value : resolve(cwd, value);
  if (key === "checks" && Array.isArray(value)) return value.map((spec: string) => (!spec.startsWith("!") && existsSync(resolve(cwd, spec)) ? resolve(cwd, spec) : spec));
  return value;
}

/**
 * `run --resume DIR`: the run's options from DIR's journal, or exit 3 after saying why not (no journal, a damaged
 * one, options on the command line that contradict it). `given` names the options typed on the command line.
 */
export function resumeOptions(raw: RawRunOptions, given: readonly string[], io: CliIo): { raw: RawRunOptions; resume: ResumeRequest } | number {
  const dir = resolve(io.cwd, raw.resume!);
  const read = readJournal(dir);
  if ("problems" in read) return refuse(io, read.problems, `cannot resume ${raw.resume!}`);
  const { journal, file } = read;
  const options = journal.header.options;
  const problems: Diagnostic[] = [];
  for (const key of LIST_OPTIONS) {
    if (options[key] !== undefined && !(Array.isArray(options[key]) && (options[key] as unknown[]).every((v) => typeof v === "string"))) {
      problems.push({ file, line: 1, col: 1, message: `the run's option "${key}" is not a list of strings: the journal is damaged` });
    }
  }
  const record = raw as unknown as Record<string, unknown>;
  for (const key of given) {
    if (FREE_WITH_RESUME.has(key)) continue;
    const mine = key === "out" ? resolve(io.cwd, String(record.out)) : normalised(key, record[key], io.cwd);
    const theirs = key === "out" ? dir : options[key];
    if (JSON.stringify(mine) !== JSON.stringify(theirs ?? null)) {
      problems.push({ file: `--${kebab(key)}`, line: 0, col: 0, message: `${show(record[key])} contradicts the run being resumed (${theirs === undefined ? "not given" : show(theirs)}): a resumed run keeps the options it was started with; drop the option, or start a new run` });
    }
  }
  if (problems.length) return refuse(io, problems, `cannot resume ${raw.resume!}`);
  for (const warning of journal.warnings) io.stderr.write(`preflight: ${warning}\n`);
  const resumed = { ...options, out: dir, progress: raw.progress, ...(raw.db ? { db: raw.db } : {}) } as unknown as RawRunOptions;
  return { raw: resumed, resume: { dir, file, journal } };
}

/** The journal of one `run`: what the runner needs from it, and the calls that record the run's progress. */
export interface RunJournal {
  hooks: Pick<AuditHooks, "startedAt" | "finishedAt" | "finished" | "resumed">;
  /** Devices left to audit. */
  remaining: number;
  deviceDone(result: DeviceResult): void;
  /** After the audit: marks the journal complete when every device has finished. */
  finish(report: RunReport): void;
  close(): void;
}

/**
 * Starts the journal of a new live run in its --out folder, or continues the one being resumed after checking
 * that the run's inputs are what they were. A replay (--from-capture) keeps no journal: it contacts no device.
 * Returns exit 3 (after saying what changed) when the run cannot be resumed.
 */
export async function openJournal(raw: RawRunOptions, audit: PreparedAudit, io: CliIo, resume?: ResumeRequest): Promise<RunJournal | undefined | number> {
  // A live run keeps a journal, on the queue too (run --queue); a replay of a capture does not.
  if (audit.source.kind === "replay") {
    if (resume) return refuse(io, [{ file: resume.file, line: 1, col: 1, message: "the journal names a replay of a capture, which is not resumed: run it again" }], `cannot resume ${resume.dir}`);
    return undefined;
  }
  const fingerprint = await runFingerprint(audit, TOOL.version);
  const indexOf = new Map(audit.plans.map((p, i) => [p.device.name, i]));
  const total = audit.plans.length;
  if (!resume) {
    const dir = resolve(io.cwd, audit.request.out);
    const earlier = existsSync(join(dir, JOURNAL_FILE)) ? readJournal(dir) : undefined;
    if (earlier && "journal" in earlier && !earlier.journal.complete) {
      const { finished, header } = earlier.journal;
      io.stderr.write(`preflight: ${dir} held an unfinished run (${finished.size} of ${header.fingerprint.devices.length} devices); this new run replaces its journal (\`run --resume DIR\` continues a run instead)\n`);
    }
    const lock = lockJournal(dir);
    if ("problem" in lock) return refuse(io, [{ file: "--out", line: 0, col: 0, message: lock.problem }], `the output folder ${dir} is in use`);
    const startedAt = new Date();
    const writer = JournalWriter.start(dir, { startedAt: startedAt.toISOString(), cwd: io.cwd, options: journalOptions(raw, io.cwd), fingerprint });
    return journalFor(io, writer, { startedAt }, total, indexOf, false, lock);
  }
  const { journal } = resume;
  const changes = fingerprintChanges(journal.header.fingerprint, fingerprint);
  if (changes.length) {
    return refuse(io, changes.map((message) => ({ file: resume.file, line: 0, col: 0, message: `since the run started, ${message}` })), `the run's inputs changed since it started: ${resume.dir} was not resumed (start a new run)`);
  }
  const done = journal.finished.size;
  const hooks: RunJournal["hooks"] = { startedAt: new Date(journal.header.startedAt), finished: journal.finished };
  if (journal.complete && done === total) {
    io.stderr.write(`preflight: the run in ${resume.dir} is complete (${total} devices): writing its report from the journal, no device is contacted\n`);
    const resumed = journal.resumes.map((r) => ({ at: r.at, finished: r.finished }));
    return journalFor(io, undefined, { ...hooks, finishedAt: new Date(journal.complete.finishedAt), ...(resumed.length ? { resumed } : {}) }, 0, indexOf, true);
  }
  const writer = JournalWriter.resume(resume.file, journal);
  const now = new Date();
  writer.resumed(now, done);
  const resumed = [...journal.resumes.map((r) => ({ at: r.at, finished: r.finished })), { at: now.toISOString(), finished: done }];
  io.stderr.write(`preflight: resuming the run in ${resume.dir}: ${done} of ${total} devices finished before and are not contacted again; auditing the other ${total - done}\n`);
  return journalFor(io, writer, { ...hooks, resumed }, total - done, indexOf, false);
}

function journalFor(io: CliIo, writer: JournalWriter | undefined, hooks: RunJournal["hooks"], remaining: number, indexOf: ReadonlyMap<string, number>, complete: boolean, lock?: JournalLock): RunJournal {
  let warned = false;
  return {
    hooks,
    remaining,
    deviceDone: (result) => {
      writer?.device(indexOf.get(result.name)!, result);
      if (writer?.failure && !warned) {
        warned = true;
        io.stderr.write(`preflight: cannot write the run journal ${writer.file} (${writer.failure.message}): the audit goes on, but the devices from here on are not recorded and a resume would audit them again\n`);
      }
    },
    finish: (report) => {
      if (!complete && !report.meta.interrupted && report.devices.every(isFinished)) writer?.complete(new Date(report.meta.finishedAt));
    },
    close: () => {
      writer?.close();
      lock?.release();
    },
  };
}

/**
 * Holds DIR's journal lock for a resume, from before the journal is read until the report is written, so that
 * two resumes of one run cannot both audit its unfinished devices. No journal: nothing to lock (the resume refuses).
 */
export function lockForResume(raw: RawRunOptions, io: CliIo): JournalLock | undefined | number {
  const dir = resolve(io.cwd, raw.resume!);
  if (!existsSync(join(dir, JOURNAL_FILE))) return undefined;
  const lock = lockJournal(dir);
  return "problem" in lock ? refuse(io, [{ file: "--resume", line: 0, col: 0, message: lock.problem }], `cannot resume ${raw.resume!}`) : lock;
}

function refuse(io: CliIo, problems: readonly Diagnostic[], headline: string): number {
  for (const d of problems) io.stderr.write(`${formatDiagnostic(d)}\n`);
  io.stderr.write(`preflight: ${headline}; nothing was run (exit 3)\n`);
  return EXIT.badInput;
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function show(value: unknown): string {
  return Array.isArray(value) ? value.join(",") : String(value);
}
