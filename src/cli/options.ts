// `preflight run` options: parsed by commander, then checked here all at once, so a user with three
// mistakes hears about all three (exit 3) before any device is contacted.
import { SEVERITIES, type Severity } from "../model/result.js";
import type { Diagnostic } from "../util/diagnostics.js";
import { didYouMeanHint } from "../util/did-you-mean.js";

import { FILE_FORMATS, FORMATS, type FileFormat, type ReportFormat } from "../report/formats.js";
import type { AuditRequest } from "../runner/prepare.js";
import { parseLoginRate, type TransportRequest } from "../transport/run-options.js";
import type { Command } from "commander";
import { checkQueueOptions, type RawQueueOptions } from "./queue-options.js";

export interface RawRunOptions extends RawQueueOptions {
  inventory?: string;
  fromCapture?: string;
  group: string[];
  device: string[];
  tag: string[];
  checks: string[];
  targetVersion?: string;
  path: string[];
  dataDir?: string;
  strictPath?: boolean;
  out: string;
  format: string[];
  stdout?: string;
  baseline?: string;
  waivers?: string;
  concurrency: string;
  knownHosts?: string;
  acceptNewHostKeys: boolean;
  identity?: string;
  failOn: string;
  connectTimeout: string;
  commandTimeout: string;
  deviceTimeout: string;
  progress: boolean;
  /** Store the run in this history database too (`preflight serve`'s): a PostgreSQL URL or a PGlite folder. */
  db?: string;
  /** `run --resume DIR`: finish the run whose journal is in DIR (src/cli/resume.ts). */
  resume?: string;
  // Transport flags (registered by addTransportOptions; optional until every command registers them).
  loginRate?: string;
  maxLoginsPerCredential?: string;
  connectRetries?: string;
  sshConfig?: string;
}

/** The audit request plus what only the CLI needs: report files, stdout, baseline, waivers, progress. */
export interface RunOptions extends AuditRequest {
  /** Written to files in --out. */
  formats: FileFormat[];
  /** Printed on stdout instead of the terminal summary (one format only). */
  stdout?: ReportFormat;
  /** The previous run's report.json to compare with. */
  baseline?: string;
  /** A waivers file (docs/reports.md). */
  waivers?: string;
  progress: boolean;
  /** Login pacing and retries (src/transport/run-options.ts): the runner hands them to every SSH session. */
  transport: TransportRequest;
}

/**
 * The transport's flags, for `run` and `capture` (call it next to the selection options). AAA-safe logins:
 * docs/transport.md.
 */
export function addTransportOptions(command: Command): Command {
  return command
    .option("--ssh-config <file>", "OpenSSH client config for HostName, Port, ProxyJump, timeouts and algorithms; 'none' reads none (default: ~/.ssh/config if it exists)")
    .option("--login-rate <rate>", "at most this many logins started per second across the run, e.g. 5, 0.5/s, 120/min (default: no limit)")
    .option("--max-logins-per-credential <n>", "at most this many logins in progress at once per user name, on top of --concurrency (default: no limit)")
    .option("--connect-retries <n>", "retry a connection refused, reset or timed out before authentication this many times, with backoff; a failed login is never retried", "0");
}

/** Repeatable options also take comma-separated lists: `--group a,b --group c`. */
export function collectList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(",").map((s) => s.trim()).filter(Boolean)];
}

/** Always returns options (with safe stand-ins for bad values) so the other inputs can be checked too. */
export function checkRunOptions(raw: RawRunOptions): { options: RunOptions; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const problem = (option: string, message: string) => diagnostics.push({ file: option, line: 0, col: 0, message });
  if (!raw.inventory && !raw.fromCapture) problem("--inventory", "an inventory is required (YAML or CSV); `npm run demo` shows one");
  const formats = raw.format.map((f) => f.toLowerCase());
  for (const f of formats) {
    if (!(FILE_FORMATS as readonly string[]).includes(f)) problem("--format", `unknown format "${f}"${didYouMeanHint(f, [...FILE_FORMATS])}; use ${FILE_FORMATS.join(", ")}`);
  }
  const stdout = raw.stdout?.toLowerCase();
  if (stdout !== undefined && !(FORMATS as readonly string[]).includes(stdout)) problem("--stdout", `unknown format "${stdout}"${didYouMeanHint(stdout, [...FORMATS])}; use one of ${FORMATS.join(", ")}`);
  const concurrency = integer(raw.concurrency, "--concurrency", 1, 1000, problem);
  const seconds = (value: string, option: string) => integer(value, option, 1, 86_400, problem) * 1000;
  const connectTimeoutMs = seconds(raw.connectTimeout, "--connect-timeout");
  const commandTimeoutMs = seconds(raw.commandTimeout, "--command-timeout");
  const deviceTimeoutMs = seconds(raw.deviceTimeout, "--device-timeout");
  if (raw.path?.length && raw.targetVersion && raw.path[raw.path.length - 1] !== raw.targetVersion) {
    problem("--path", `the path must end at the target version ${raw.targetVersion}, not ${raw.path[raw.path.length - 1]}`);
  }
  const transport = checkTransportOptions(raw, problem);
  if (!(SEVERITIES as readonly string[]).includes(raw.failOn)) problem("--fail-on", `unknown severity "${raw.failOn}"${didYouMeanHint(raw.failOn, [...SEVERITIES])}; use ${SEVERITIES.join(", ")}`);
  return {
    diagnostics,
    options: {
      ...(raw.inventory ? { inventory: raw.inventory } : {}),
      ...(raw.fromCapture ? { fromCapture: raw.fromCapture } : {}),
      groups: raw.group,
      devices: raw.device,
      tags: raw.tag,
      checks: raw.checks,
      ...(raw.targetVersion ? { targetVersion: raw.targetVersion } : {}),
      ...(raw.path?.length ? { path: raw.path } : {}),
      ...(raw.dataDir ? { dataDir: raw.dataDir } : {}),
      ...(raw.strictPath ? { strictPath: true } : {}),
      out: raw.out,
      formats: [...new Set(formats.filter((f) => (FILE_FORMATS as readonly string[]).includes(f)))] as FileFormat[],
      ...(stdout && (FORMATS as readonly string[]).includes(stdout) ? { stdout: stdout as ReportFormat } : {}),
      ...(raw.baseline ? { baseline: raw.baseline } : {}),
      ...(raw.waivers ? { waivers: raw.waivers } : {}),
      concurrency,
      ...(raw.knownHosts ? { knownHosts: raw.knownHosts } : {}),
      acceptNewHostKeys: raw.acceptNewHostKeys,
      ...(raw.identity ? { identity: raw.identity } : {}),
      failOn: (SEVERITIES as readonly string[]).includes(raw.failOn) ? (raw.failOn as Severity) : "low",
      connectTimeoutMs,
      commandTimeoutMs,
      deviceTimeoutMs,
      progress: raw.progress,
      transport,
      ...(raw.sshConfig ? { sshConfig: raw.sshConfig } : {}),
      ...checkQueueOptions(raw, problem),
    },
  };
}

function checkTransportOptions(raw: RawRunOptions, problem: (o: string, m: string) => void): TransportRequest {
  const transport: TransportRequest = { connectRetries: raw.connectRetries === undefined ? 0 : integer(raw.connectRetries, "--connect-retries", 0, 10, problem) };
  if (raw.loginRate !== undefined) {
    const rate = parseLoginRate(raw.loginRate);
    if (rate === undefined) problem("--login-rate", `"${raw.loginRate}" is not a login rate; use a number of logins per second (5, 0.5/s) or per minute (120/min)`);
    else transport.loginRate = rate;
  }
  if (raw.maxLoginsPerCredential !== undefined) transport.loginsPerCredential = integer(raw.maxLoginsPerCredential, "--max-logins-per-credential", 1, 1000, problem);
  return transport;
}

function integer(value: string, option: string, min: number, max: number, problem: (o: string, m: string) => void): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    problem(option, `"${value}" is not a whole number from ${min} to ${max}`);
    return min;
  }
  return n;
}
