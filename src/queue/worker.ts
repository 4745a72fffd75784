// `preflight worker`: takes device audits from the queues of the sites it serves (one BullMQ queue per site),
// audits each device with this install's checks and this machine's credentials, and hands back the evaluated
// result. A job whose checks differ from this install's (by id or digest) is refused, never audited with other
// checks. BullMQ's lock is the lease: a worker that dies stops renewing it, and another takes the device over.
import { hostname } from "node:os";
import { Worker, type Job } from "bullmq";
import type { LoadedCheck } from "../checks/types.js";
import { resolveSecrets } from "../inventory/secrets.js";
import type { CredentialRef, Device, Secrets } from "../inventory/types.js";
import { platformPlugin } from "../platforms/registry.js";
import type { PathPlanner } from "../platforms/types.js";
import { planDevice } from "../runner/plan.js";
import { auditOneDevice } from "../runner/run.js";
import { sshConnector, type SshConnectorOptions } from "../runner/ssh-connector.js";
import { TOOL } from "../util/tool.js";
import { checkDigest, JOB_VERSION, queueName, redisOptions, type AuditJob, type AuditOutcome, type QueueAddress } from "./job.js";

export interface WorkerOptions {
  address: QueueAddress;
  /** The sites served; DEFAULT_SITE for devices without one. */
  sites: string[];
  /** How this worker names itself in job logs and results. */
  name: string;
  /** Devices audited at once, per site. */
  concurrency: number;
  /** BullMQ lock duration: how long a device stays with a worker that stopped answering before another takes it. */
  leaseMs: number;
  /** This install's checks (and data), loaded once. */
  checks: readonly LoadedCheck[];
  /** The credential sets this worker may use, by name ("default" always). */
  credentialSets: Readonly<Record<string, CredentialRef>>;
  env: NodeJS.ProcessEnv;
  identity?: string;
  /** SSH: known hosts, host-key policy, ssh_config and the login pacing; timeouts come with each job. */
  ssh: Omit<SshConnectorOptions, "secrets" | "timeouts">;
  log: (line: string) => void;
}

export interface RunningWorker {
  /** Stops taking jobs and waits for the devices in progress (force: drop them; the lease hands them on). */
  close(force?: boolean): Promise<void>;
}

/** One line of a job's log (BullMQ job logs): the coordinator lists every attempt from these when a device fails. */
export interface AttemptLog {
  attempt: number;
  worker: string;
  event: "started" | "failed" | "done";
  message?: string;
}

export function defaultWorkerName(): string {
  return `${hostname()}:${process.pid}`;
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const byId = new Map(options.checks.map((c) => [c.definition.id, { check: c, digest: checkDigest(c) }]));
  const secrets = new Map<string, Secrets>();
  const planners = new Map<string, PathPlanner | undefined>();
  const shutdown = new AbortController();

  const credentialsFor = async (name: string): Promise<{ ref: CredentialRef; secrets: Secrets }> => {
    const ref = options.credentialSets[name];
    if (!ref) throw new Error(`worker ${options.name} has no credential set "${name}": give it an inventory that defines it (--credentials-from)`);
    let resolved = secrets.get(name);
    if (!resolved) {
      resolved = await resolveSecrets(ref, options.env, options.identity ? { identityFile: options.identity } : {});
      secrets.set(name, resolved);
    }
    return { ref, secrets: resolved };
  };
  const plannerFor = async (platform: string): Promise<PathPlanner | undefined> => {
    if (!planners.has(platform)) planners.set(platform, await platformPlugin(platform)?.upgradePaths?.load());
    return planners.get(platform);
  };

  const audit = async (job: Job<AuditJob, AuditOutcome>, signal: AbortSignal): Promise<AuditOutcome> => {
    const data = job.data;
    if (data.version !== JOB_VERSION) throw new Error(`worker ${options.name} reads jobs of version ${JOB_VERSION}, not ${String(data.version)}: run the same preflight release on the coordinator and the workers`);
    if (data.tool !== TOOL.version) throw new Error(`worker ${options.name} runs preflight ${TOOL.version}, the coordinator ${data.tool}: run the same release everywhere`);
    const checks: LoadedCheck[] = [];
    const problems: string[] = [];
    for (const wanted of data.checks) {
      const mine = byId.get(wanted.id);
      if (!mine) problems.push(`has no check ${wanted.id}`);
      else if (mine.digest !== wanted.digest) problems.push(`has another ${wanted.id} (digest ${mine.digest.slice(0, 12)} here, ${wanted.digest.slice(0, 12)} on the coordinator)`);
      else checks.push(mine.check);
    }
    if (problems.length) throw new Error(`worker ${options.name} refuses the job: it ${problems.join("; ")}; install the coordinator's checks and data (--checks, --data-dir)`);
    const { ref, secrets: deviceSecrets } = await credentialsFor(data.device.credentials);
    const device: Device = { ...data.device, credentials: ref };
    const planner = await plannerFor(device.platform);
    const plan = planDevice(device, checks, {
      ...(data.targetVersion ? { targetVersion: data.targetVersion } : {}),
      ...(data.explicitPath ? { path: data.explicitPath } : {}),
      ...(data.strictPath ? { strictPath: true } : {}),
      ...(planner ? { pathPlanners: new Map([[device.platform, planner]]) } : {}),
    });
    const connect = sshConnector({ ...options.ssh, secrets: new Map([[ref.name, deviceSecrets]]), timeouts: { connectMs: data.connectTimeoutMs, authMs: data.connectTimeoutMs, commandMs: data.commandTimeoutMs } });
    const { artifact, result } = await auditOneDevice(plan, { connect, failOn: data.failOn, deviceTimeoutMs: data.deviceTimeoutMs }, signal);
    return { result, worker: options.name, ...(data.returnArtifact ? { artifact } : {}) };
  };

  const processor = async (job: Job<AuditJob, AuditOutcome>, _token?: string, jobSignal?: AbortSignal): Promise<AuditOutcome> => {
    const attempt = Math.max(1, job.attemptsStarted);
    const entry = (event: AttemptLog["event"], message?: string): string => JSON.stringify({ attempt, worker: options.name, event, ...(message !== undefined ? { message } : {}) } satisfies AttemptLog);
    await job.log(entry("started"));
    const signal = jobSignal ? AbortSignal.any([jobSignal, shutdown.signal]) : shutdown.signal;
    try {
      const outcome = await audit(job, signal);
      options.log(`${job.data.device.name}: ${outcome.result.status}${outcome.result.durationMs !== undefined ? ` in ${(outcome.result.durationMs / 1000).toFixed(1)} s` : ""}`);
      return outcome;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      options.log(`${job.data.device.name}: attempt ${attempt} failed: ${message}`);
      await job.log(entry("failed", message)).catch(() => undefined);
      throw err;
    }
  };

  let lastError = "";
  const workers = options.sites.map((site) => {
    const worker = new Worker<AuditJob, AuditOutcome>(queueName(site), processor, {
      connection: redisOptions(options.address) as never,
      concurrency: options.concurrency,
      name: options.name,
      lockDuration: options.leaseMs,
      // The stalled-job check runs as often as a lease lasts: a dead worker's device waits at most about two leases.
      stalledInterval: options.leaseMs,
      maxStalledCount: 2,
    });
    // Connection trouble is retried by ioredis; say it once per distinct message, not once per retry.
    worker.on("error", (err) => {
      if (err.message !== lastError) options.log(`queue error (site ${site}): ${err.message}; retrying`);
      lastError = err.message;
    });
    return worker;
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  return {
    close: async (force = false) => {
      if (force) shutdown.abort(new Error(`worker ${options.name} is shutting down`));
      await Promise.all(workers.map((w) => w.close(force)));
    },
  };
}
