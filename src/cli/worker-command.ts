// `preflight worker`: serve the queues of the given sites until Ctrl-C or SIGTERM (docs/scale-out.md). Every input
// (queue URL, sites, checks, credential sets, SSH settings) is checked before the worker connects; a problem is
// exit 3. Stopping lets the devices in progress finish; a second Ctrl-C quits at once (their leases hand them on).
import { builtinCredentialSet, DEFAULT_CREDENTIAL_SET } from "../inventory/credential-sets.js";
import { loadChecks } from "../checks/library.js";
import { loadInventory } from "../inventory/load.js";
import type { CredentialRef } from "../inventory/types.js";
import { EXIT } from "../model/status.js";
import { DEFAULT_SITE, displayQueue, parseQueueUrl, SITE_PATTERN } from "../queue/job.js";
import { defaultWorkerName, startWorker } from "../queue/worker.js";
import { KnownHosts } from "../transport/known-hosts.js";
import { sessionOptionsFor } from "../transport/run-options.js";
import { SshConfigError, SshConfigFile } from "../transport/ssh-config.js";
import { formatDiagnostic, InputError, type Diagnostic } from "../util/diagnostics.js";
import type { CliIo } from "./io.js";
import { checkRunOptions, type RawRunOptions, type RunOptions } from "./options.js";
import { QUEUE_PASSWORD_IN_URL } from "./queue-options.js";
import type { AuditHooks } from "../runner/audit.js";
import { QUEUE_ATTEMPTS, queueAuditor } from "../queue/coordinator.js";

export interface WorkerCommandOptions {
  queue: string;
  site: string[];
  name?: string;
  credentialsFrom?: string;
  checks: string[];
  dataDir?: string;
  concurrency: string;
  lease: string;
  knownHosts?: string;
  acceptNewHostKeys: boolean;
  identity?: string;
  sshConfig?: string;
  loginRate?: string;
  maxLoginsPerCredential?: string;
  connectRetries?: string;
}

export async function workerCommand(opts: WorkerCommandOptions, io: CliIo): Promise<number> {
  const problems: Diagnostic[] = [];
  const problem = (file: string, message: string) => problems.push({ file, line: 0, col: 0, message });
  const parsed = parseQueueUrl(opts.queue);
  if (typeof parsed !== "string" && parsed.password !== undefined) problem("--queue", QUEUE_PASSWORD_IN_URL);
  const address = withQueuePassword(parsed, io.env);
  if (typeof address === "string") problem("--queue", address);
  const sites = opts.site.length ? [...new Set(opts.site)] : [DEFAULT_SITE];
  for (const site of sites) if (!SITE_PATTERN.test(site)) problem("--site", `"${site}" is not a site name: letters, digits, '.', '_' and '-', starting with a letter or digit`);
  const lease = Number(opts.lease);
  if (!Number.isFinite(lease) || lease < 0.5 || lease > 3600) problem("--lease", `"${opts.lease}" is not a number of seconds from 0.5 to 3600`);
  // The transport flags are the run's own: the same checks and messages.
  const { queue: _queue, ...transportFlags } = opts;
  const { options: transportOptions, diagnostics } = checkRunOptions({ ...transportFlags, inventory: "-", group: [], device: [], tag: [], path: [], out: ".", format: [], failOn: "low", connectTimeout: "15", commandTimeout: "60", deviceTimeout: "300", progress: false } satisfies RawRunOptions);
  problems.push(...diagnostics);
  const loaded = await loadChecks(opts.checks, opts.dataDir ? { dataDir: opts.dataDir } : {});
  problems.push(...loaded.diagnostics);
  let credentialSets: Record<string, CredentialRef> = { [DEFAULT_CREDENTIAL_SET]: builtinCredentialSet() };
  if (opts.credentialsFrom) {
    try {
      credentialSets = (await loadInventory(opts.credentialsFrom)).credentialSets;
    } catch (err) {
      if (err instanceof InputError) problems.push(...err.diagnostics);
      else problem(opts.credentialsFrom, (err as Error).message);
    }
  }
  let sshConfig: SshConfigFile | undefined;
  try {
    sshConfig = SshConfigFile.load(opts.sshConfig);
  } catch (err) {
    if (!(err instanceof SshConfigError)) throw err;
    problem(opts.sshConfig ?? "~/.ssh/config", err.message);
  }
  if (problems.length || typeof address === "string") {
    for (const d of problems) io.stderr.write(`${formatDiagnostic(d)}\n`);
    io.stderr.write(`preflight: ${problems.length} problem(s) in the input; the worker did not start (exit 3)\n`);
    return EXIT.badInput;
  }
  const name = opts.name ?? defaultWorkerName();
  const log = (line: string) => io.stderr.write(`worker ${name}: ${line}\n`);
  const worker = await startWorker({
    address,
    sites,
    name,
    concurrency: transportOptions.concurrency,
    leaseMs: Math.round(lease * 1000),
    checks: loaded.checks,
    credentialSets,
    env: io.env,
    ...(opts.identity ? { identity: opts.identity } : {}),
    ssh: { knownHosts: new KnownHosts(opts.knownHosts), acceptNewHostKeys: opts.acceptNewHostKeys, session: sessionOptionsFor(transportOptions.transport), ...(sshConfig ? { sshConfig } : {}) },
    log,
  });
  log(`serving site(s) ${sites.join(", ")} on ${displayQueue(address)} with ${loaded.checks.length} checks; Ctrl-C or SIGTERM stops it after the devices in progress`);
  await new Promise<void>((resolve) => {
    if (io.signal?.aborted) resolve();
    io.signal?.addEventListener("abort", () => resolve(), { once: true });
    process.once("SIGTERM", () => resolve());
  });
  log("stopping: finishing the devices in progress");
  await worker.close();
  log("stopped");
  return EXIT.ready;
}

/** `run --queue` (and `capture --queue`, which wants the artifacts back): the auditor that hands the devices to the workers (options already checked). */
export function coordinatorFor(options: RunOptions, io: CliIo, want: { artifacts: boolean } = { artifacts: false }): NonNullable<AuditHooks["auditor"]> {
  const address = withQueuePassword(parseQueueUrl(options.queue ?? ""), io.env);
  if (typeof address === "string") throw new Error(address);
  return queueAuditor({
    address,
    attempts: QUEUE_ATTEMPTS,
    goneAfterMs: options.queueTimeoutMs ?? 30_000,
    connectTimeoutMs: options.connectTimeoutMs,
    commandTimeoutMs: options.commandTimeoutMs,
    returnArtifacts: want.artifacts,
    log: (line) => io.stderr.write(`preflight: ${line}\n`),
  });
}

/** The queue's password comes from PREFLIGHT_QUEUE_PASSWORD, never from the command line. */
export function withQueuePassword<T>(address: T | string, env: NodeJS.ProcessEnv): T | string {
  if (typeof address === "string" || !env.PREFLIGHT_QUEUE_PASSWORD) return address;
  const a = address as T & { password?: string };
  return a.password ? address : { ...a, password: env.PREFLIGHT_QUEUE_PASSWORD };
}
