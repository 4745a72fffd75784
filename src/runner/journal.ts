// The run journal (docs/resume.md): <out>/run-journal.jsonl, one JSON record per line, appended as the run goes,
// so that a run killed at any moment (kill -9, a crash, a closed laptop) can be finished with `run --resume DIR`
// without auditing a finished device again. Line 1 names the run: its options and a fingerprint of everything
// that determines its results; then one line per finished device (its evaluated result, which holds no
// credential), a line each time the run is resumed, and a last line once every device has finished.
// Reading is pure (parseJournal, fingerprintChanges); the writer appends each line with one write(2), so a kill
// leaves at most one torn last line, which the reader ignores (that device is audited again, never lost).
import { createHash } from "node:crypto";
import { closeSync, existsSync, fdatasync, fdatasyncSync, ftruncateSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { readFile } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { dataFilePath } from "../checks/load.js";
import type { LoadedCheck } from "../checks/types.js";
import type { DeviceResult, Severity } from "../model/result.js";
import type { Diagnostic } from "../util/diagnostics.js";
import type { PreparedAudit } from "./prepare.js";

export const JOURNAL_FILE = "run-journal.jsonl";
/** Held while a process writes the journal: two processes finishing one run would audit devices twice. */
export const LOCK_FILE = "run-journal.lock";
export const JOURNAL_VERSION = 1;

/** Everything a device's result depends on, apart from the device itself: any change makes a resume refuse. */
export interface RunFingerprint {
  tool: string;
  inventory: { file: string; sha256: string };
  /** The selected devices' names, in inventory order. */
  devices: string[];
  /** The checks the run evaluates, by id, with the sha256 of their files. */
  checks: { id: string; sha256: string }[];
  /**
   * Every reference data file those checks read (the pack's own or the --data-dir copy) and every TextFSM template
   * file their parsers read; null: an optional file that is absent.
   */
  data: { file: string; sha256: string | null }[];
  targetVersion?: string;
  path?: string[];
  strictPath: boolean;
  failOn: Severity;
}

export interface JournalHeader {
  type: "run";
  version: number;
  startedAt: string;
  /** The working directory of the run that started the journal: report paths are shown relative to it. */
  cwd: string;
  /** The run's command-line options, paths made absolute (the CLI's to read; no secret is ever among them). */
  options: Record<string, unknown>;
  fingerprint: RunFingerprint;
}

export interface DeviceRecord {
  type: "device";
  /** Position in the run's selection. */
  index: number;
  name: string;
  result: DeviceResult;
}

export interface ResumeRecord {
  type: "resume";
  at: string;
  /** Devices that had finished before this resume. */
  finished: number;
}

export interface CompleteRecord {
  type: "complete";
  finishedAt: string;
}

export interface Journal {
  header: JournalHeader;
  /** The finished devices' results by name (the first record of a device wins). */
  finished: Map<string, DeviceResult>;
  resumes: ResumeRecord[];
  complete?: CompleteRecord;
  /** Length in bytes of the whole records: a torn tail after them is cut before anything is appended. */
  validBytes: number;
  /** Things the reader tolerated (a torn last line, a duplicate record), for the user to hear about. */
  warnings: string[];
}

/** A device that finished counts: ready, blocked, warning, error and unreachable. not-run (interrupted) does not. */
export function isFinished(result: DeviceResult): boolean {
  return result.status !== "not-run";
}

/** The journal, or the problems that make it unusable (file:line: sentence), never an exception. */
export function parseJournal(bytes: Buffer, file: string): { journal: Journal } | { problems: Diagnostic[] } {
  const problem = (line: number, message: string) => ({ problems: [{ file, line, col: line ? 1 : 0, message }] });
  const warnings: string[] = [];
  // Lines as byte ranges: validBytes must count bytes, and a torn write may end inside a UTF-8 sequence.
  const lines: { start: number; end: number; complete: boolean }[] = [];
  for (let start = 0; start < bytes.length; ) {
    const nl = bytes.indexOf(0x0a, start);
    if (nl === -1) {
      lines.push({ start, end: bytes.length, complete: false });
      break;
    }
    lines.push({ start, end: nl, complete: true });
    start = nl + 1;
  }
  const records: { value: unknown; line: number; end: number }[] = [];
  for (const [i, range] of lines.entries()) {
    const text = bytes.subarray(range.start, range.end).toString("utf8");
    let value: unknown;
    let error: string | undefined;
    if (!range.complete) error = "the line was cut off";
    else if (text.trim() === "") error = "the line is empty";
    else {
      try {
        value = JSON.parse(text);
      } catch (err) {
        error = (err as Error).message;
      }
    }
    if (error === undefined) {
      records.push({ value, line: i + 1, end: range.end + 1 });
      continue;
    }
    // Only the last line may be broken: the run was killed while writing it. Anything after it means the file was damaged.
    if (i === lines.length - 1) {
      warnings.push(`${file}:${i + 1}: the last line is incomplete (the run was stopped while writing it) and is ignored: ${error}`);
      break;
    }
    return problem(i + 1, `not a journal record (${error}); the journal is damaged: start the run again`);
  }
  const first = records[0];
  if (!first || first.line !== 1) return problem(0, "the journal has no complete first line: the run was stopped before it started; start it again");
  const header = first.value as Partial<JournalHeader>;
  if (!isObject(header) || header.type !== "run" || typeof header.startedAt !== "string" || !isObject(header.options) || !isObject(header.fingerprint) || !Array.isArray(header.fingerprint.devices)) {
    return problem(1, "not a preflight run journal (the first line does not name a run)");
  }
  if (header.version !== JOURNAL_VERSION) return problem(1, `journal version ${String(header.version)} is not one this preflight reads (${JOURNAL_VERSION})`);
  const names = header.fingerprint.devices;
  const finished = new Map<string, DeviceResult>();
  const resumes: ResumeRecord[] = [];
  let complete: CompleteRecord | undefined;
  for (const { value, line } of records.slice(1)) {
    const record = value as Partial<DeviceRecord | ResumeRecord | CompleteRecord>;
    if (!isObject(record)) return problem(line, "not a journal record (not a JSON object)");
    if (record.type === "device") {
      const r = record as Partial<DeviceRecord>;
      if (typeof r.name !== "string" || !isObject(r.result) || r.result.name !== r.name || typeof r.result.status !== "string") return problem(line, "a device record without a device result");
      if (r.index === undefined || names[r.index] !== r.name) return problem(line, `device "${r.name}" is not device ${String(r.index)} of the run's selection`);
      if (!isFinished(r.result)) continue;
      if (finished.has(r.name)) {
        warnings.push(`${file}:${line}: device "${r.name}" has a second record; the first one is kept`);
        continue;
      }
      finished.set(r.name, r.result);
    } else if (record.type === "resume") {
      const r = record as Partial<ResumeRecord>;
      if (typeof r.at !== "string" || typeof r.finished !== "number") return problem(line, "a resume record without its time and count");
      resumes.push({ type: "resume", at: r.at, finished: r.finished });
    } else if (record.type === "complete") {
      const r = record as Partial<CompleteRecord>;
      if (typeof r.finishedAt !== "string") return problem(line, "a complete record without its time");
      complete = { type: "complete", finishedAt: r.finishedAt };
    } else {
      return problem(line, `unknown record type ${JSON.stringify(record.type)}`);
    }
  }
  const validBytes = records[records.length - 1]!.end;
  return { journal: { header: header as JournalHeader, finished, resumes, ...(complete ? { complete } : {}), validBytes, warnings } };
}

/** Reads DIR's journal; a missing journal is a problem like any other. */
export function readJournal(dir: string): { journal: Journal; file: string } | { problems: Diagnostic[] } {
  const file = join(resolve(dir), JOURNAL_FILE);
  if (!existsSync(file)) {
    const what = existsSync(dir) ? `"${dir}" has no run journal (${JOURNAL_FILE})` : `"${dir}" does not exist`;
    return { problems: [{ file: "--resume", line: 0, col: 0, message: `${what}: give the --out folder of a run that was started by this preflight` }] };
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    return { problems: [{ file, line: 0, col: 0, message: `cannot read the run journal: ${(err as Error).message}` }] };
  }
  const parsed = parseJournal(bytes, file);
  return "journal" in parsed ? { journal: parsed.journal, file } : parsed;
}

/** The fingerprint of a prepared run: hashes the inventory and every data file its checks read. */
export async function runFingerprint(audit: PreparedAudit, tool: string): Promise<RunFingerprint> {
  const checks = audit.checks.filter((c) => audit.plans.some((p) => p.checks.includes(c)));
  const data = new Map<string, string | null>();
  for (const check of checks) for (const file of dataFilesOf(check)) data.set(file, null);
  for (const file of data.keys()) data.set(file, await sha256OfFile(file));
  for (const check of checks) for (const used of check.userData ?? []) data.set(used.file, used.sha256);
  const { request } = audit;
  return {
    tool,
    inventory: await inventoryFingerprint(audit),
    devices: audit.plans.map((p) => p.device.name),
    checks: checks.map((c) => ({ id: c.definition.id, sha256: c.sha256 })).sort((a, b) => a.id.localeCompare(b.id)),
    data: [...data].map(([file, sha256]) => ({ file, sha256 })).sort((a, b) => a.file.localeCompare(b.file)),
    ...(request.targetVersion ? { targetVersion: request.targetVersion } : {}),
    ...(request.path ? { path: request.path } : {}),
    strictPath: request.strictPath === true,
    failOn: request.failOn,
  };
}

/**
 * A file inventory by the sha256 of its bytes; a source that is not a file (NetBox, netbox+https://...) by the
 * sha256 of the devices it gave, as loaded (names, addresses, platforms, groups, targets, vars; credentials are
 * references to environment variables, never secrets), so that an estate edited in NetBox is a change too.
 */
async function inventoryFingerprint(audit: PreparedAudit): Promise<RunFingerprint["inventory"]> {
  const source = audit.inventoryFile;
  if (isUrl(source)) return { file: source, sha256: createHash("sha256").update(JSON.stringify(audit.devices)).digest("hex") };
  return { file: resolve(source), sha256: (await sha256OfFile(source)) ?? "absent" };
}

/** An inventory source named by a URL rather than a path (netbox+https://...). */
export function isUrl(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source);
}

/** The reference data files a check reads, and the TextFSM template files its parsers read (a site's own template can change too). */
function dataFilesOf(check: LoadedCheck): string[] {
  const user = new Map((check.userData ?? []).map((u) => [u.name, u.file]));
  const data = Object.entries(check.definition.data ?? {}).map(([name, spec]) => user.get(name) ?? dataFilePath(check.file, spec.file));
  const templates = Object.values(check.definition.gather).flatMap((spec) => (spec.parser === "textfsm" && typeof spec.options?.template === "string" && isAbsolute(spec.options.template) ? [spec.options.template] : []));
  return [...data, ...templates];
}

async function sha256OfFile(file: string): Promise<string | null> {
  const bytes = await readFile(file).catch(() => undefined);
  return bytes ? createHash("sha256").update(bytes).digest("hex") : null;
}

/** What differs between the journal's fingerprint and the run's now, one sentence each; empty: the same run. */
export function fingerprintChanges(before: RunFingerprint, now: RunFingerprint): string[] {
  const out: string[] = [];
  const short = (h: string | null) => (h === null ? "absent" : h.slice(0, 12));
  if (before.tool !== now.tool) out.push(`preflight's version changed from ${before.tool} to ${now.tool}`);
  if (before.inventory.file !== now.inventory.file) out.push(`the inventory is ${now.inventory.file}, the journal's run read ${before.inventory.file}`);
  else if (before.inventory.sha256 !== now.inventory.sha256) out.push(`the inventory ${now.inventory.file} changed (sha256 ${short(before.inventory.sha256)}… is now ${short(now.inventory.sha256)}…)`);
  const added = now.devices.filter((d) => !before.devices.includes(d));
  const removed = before.devices.filter((d) => !now.devices.includes(d));
  if (added.length || removed.length) {
    out.push(`the selected devices changed (${[added.length ? `now also ${added.join(", ")}` : "", removed.length ? `no longer ${removed.join(", ")}` : ""].filter(Boolean).join("; ")})`);
  } else if (before.devices.join("\n") !== now.devices.join("\n")) {
    out.push("the selected devices are in a different order");
  }
  out.push(...keyedChanges(before.checks.map((c) => [c.id, c.sha256]), now.checks.map((c) => [c.id, c.sha256]), "check", short));
  out.push(...keyedChanges(before.data.map((d) => [d.file, d.sha256]), now.data.map((d) => [d.file, d.sha256]), "data file", short));
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  if (!same(before.targetVersion, now.targetVersion)) out.push(`the target version changed from ${before.targetVersion ?? "none"} to ${now.targetVersion ?? "none"}`);
  if (!same(before.path, now.path)) out.push(`the upgrade path changed from ${before.path?.join(",") ?? "none"} to ${now.path?.join(",") ?? "none"}`);
  if (before.strictPath !== now.strictPath) out.push(`--strict-path changed from ${String(before.strictPath)} to ${String(now.strictPath)}`);
  if (before.failOn !== now.failOn) out.push(`--fail-on changed from ${before.failOn} to ${now.failOn}`);
  return out;
}

function keyedChanges(before: [string, string | null][], now: [string, string | null][], what: string, short: (h: string | null) => string): string[] {
  const was = new Map(before);
  const is = new Map(now);
  const out: string[] = [];
  for (const [key, hash] of is) {
    if (!was.has(key)) out.push(`${what} ${key} is new to the run`);
    else if (was.get(key) !== hash) out.push(`${what} ${key} changed (sha256 ${short(was.get(key)!)}… is now ${short(hash)}…)`);
  }
  for (const key of was.keys()) if (!is.has(key)) out.push(`${what} ${key} is no longer part of the run`);
  return out;
}

/**
 * Appends records to a journal. Each record is one write(2) of a whole line, so a killed process leaves the
 * lines before it intact; the data is also flushed to the disk in the background (at most one flush at a time),
 * so a power cut loses at most the last few records, whose devices are then audited again.
 */
export class JournalWriter {
  /** Set when a record could not be written (a full disk): nothing more is written, the run goes on. */
  failure: Error | undefined;
  private flushing = false;
  private dirty = false;
  private closed = false;

  private constructor(
    readonly file: string,
    private readonly fd: number,
  ) {}

  /** A new journal for a new run: replaces any journal in DIR. */
  static start(dir: string, header: Omit<JournalHeader, "type" | "version">): JournalWriter {
    const file = join(resolve(dir), JOURNAL_FILE);
    const writer = new JournalWriter(file, openSync(file, "w"));
    writer.append({ type: "run", version: JOURNAL_VERSION, ...header });
    return writer;
  }

  /** Continues a journal read by readJournal: a torn last line is cut off first so the next record starts a line. */
  static resume(file: string, journal: Journal): JournalWriter {
    const fd = openSync(file, "r+");
    ftruncateSync(fd, journal.validBytes);
    closeSync(fd);
    return new JournalWriter(file, openSync(file, "a"));
  }

  /** A finished device; an interrupted (not-run) one is not recorded, so a resume audits it. */
  device(index: number, result: DeviceResult): void {
    if (isFinished(result)) this.append({ type: "device", index, name: result.name, result } satisfies DeviceRecord);
  }

  resumed(at: Date, finished: number): void {
    this.append({ type: "resume", at: at.toISOString(), finished } satisfies ResumeRecord);
  }

  complete(finishedAt: Date): void {
    this.append({ type: "complete", finishedAt: finishedAt.toISOString() } satisfies CompleteRecord);
  }

  /** Flushes what was written and closes the file (once a background flush in progress has returned). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      fdatasyncSync(this.fd);
    } catch (err) {
      this.failure ??= err as Error;
    }
    if (!this.flushing) closeSync(this.fd);
  }

  private append(record: object): void {
    if (this.closed || this.failure) return;
    const line = Buffer.from(`${JSON.stringify(record)}\n`, "utf8");
    try {
      // writeSync loops until every byte is written; a regular file takes the whole line in one call in practice.
      writeSync(this.fd, line);
    } catch (err) {
      // A full disk must not stop the audit: the run goes on without its journal (a part-written line is a torn tail).
      this.failure = err as Error;
      return;
    }
    this.flush();
  }

  private flush(): void {
    if (this.flushing) {
      this.dirty = true;
      return;
    }
    this.flushing = true;
    this.dirty = false;
    fdatasync(this.fd, () => {
      this.flushing = false;
      if (this.closed) closeSync(this.fd);
      else if (this.dirty) this.flush();
    });
  }
}

export interface JournalLock {
  release(): void;
}

/**
 * Takes DIR's journal lock (a file naming this process). A lock left by a process that is gone (killed, crashed)
 * on this machine is taken over; one held by a live process, or by another machine, is a problem to report.
 */
export function lockJournal(dir: string): JournalLock | { problem: string } {
  const folder = resolve(dir);
  const file = join(folder, LOCK_FILE);
  const me = { pid: process.pid, host: hostname() };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, `${JSON.stringify(me)}\n`);
      closeSync(fd);
      return { release: () => rmSync(file, { force: true }) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") return { problem: `cannot lock the run journal (${file}): ${(err as Error).message}` };
    }
    const holder = lockHolder(file);
    if (holder && !(holder.host === me.host && (holder.pid === me.pid || !alive(holder.pid)))) {
      const where = holder.host === me.host ? `process ${holder.pid}` : `process ${holder.pid} on ${holder.host}`;
      return { problem: `another preflight (${where}) is running the run in ${folder}; if it is not, delete ${file}` };
    }
    rmSync(file, { force: true });
  }
  return { problem: `cannot lock the run journal (${file}): another process keeps taking it` };
}

function lockHolder(file: string): { pid: number; host: string } | undefined {
  try {
    const value = JSON.parse(readFileSync(file, "utf8")) as { pid?: unknown; host?: unknown };
    return typeof value.pid === "number" && typeof value.host === "string" ? { pid: value.pid, host: value.host } : undefined;
  } catch {
    // Unreadable or torn (its writer was killed while writing it): nobody holds it.
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
