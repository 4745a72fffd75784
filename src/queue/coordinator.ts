// The coordinator side of `run --queue`: one job per device on its site's queue, results merged by inventory
// position as workers finish them, the same DeviceResult[] as a local run. Each device is reported once: the first
// final outcome of its job wins and the job is then removed. A job that failed every attempt becomes the device's
// `error`, listing each attempt. Ctrl-C removes the jobs not yet taken; a queue that stops answering ends the run
// with what it has, the rest `not-run`.
import { randomUUID } from "node:crypto";
import { Queue, QueueEvents, type Job } from "bullmq";
import { Redis } from "ioredis";
import pLimit from "p-limit";
import type { DeviceResult } from "../model/result.js";
import type { DeviceArtifact } from "../runner/artifact.js";
import { notRun } from "../runner/evaluate-device.js";
import { abortReason } from "../runner/gather.js";
import type { DevicePlan } from "../runner/plan.js";
import type { RunOptions } from "../runner/run.js";
import { TOOL } from "../util/tool.js";
import { displayQueue, jobForPlan, jobId, queueName, redisOptions, siteOf, type AuditJob, type AuditOutcome, type QueueAddress } from "./job.js";
import type { AttemptLog } from "./worker.js";

/** Tries per device on the queue before it is `error` (a worker killed mid-audit does not use one up). */
export const QUEUE_ATTEMPTS = 3;

export interface QueueAuditorOptions {
  address: QueueAddress;
  /** The run's id in the job ids (`<runId>.<index>`) and the log; default a new UUID (`preflight serve` gives its run's). */
  runId?: string;
  /** Tries per device before it is `error` (a worker that dies mid-audit does not use one up: the lease hands it on). */
  attempts: number;
  /** How long the queue may stay unanswered before the run gives up on it. */
  goneAfterMs: number;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  /** Ask the workers for each device's artifact too (what a capture saves). */
  returnArtifacts: boolean;
  /** Status lines for the user (stderr). */
  log: (line: string) => void;
  /** How often outstanding jobs are looked up directly, in case an event was missed. */
  sweepMs?: number;
}

type Auditor = (plans: readonly DevicePlan[], options: Omit<RunOptions, "connect">) => Promise<DeviceResult[]>;

/** How long a finished run's jobs stay in Redis if the coordinator could not remove them (seconds). */
const KEEP_FINISHED_S = 24 * 3600;

export function queueAuditor(options: QueueAuditorOptions): Auditor {
  return (plans, run) => auditOnQueue(plans, run, options);
}

async function auditOnQueue(plans: readonly DevicePlan[], run: Omit<RunOptions, "connect">, options: QueueAuditorOptions): Promise<DeviceResult[]> {
  const where = displayQueue(options.address);
  const connection = redisOptions(options.address) as never;
  const runId = options.runId ?? randomUUID();
  const results: (DeviceResult | undefined)[] = new Array(plans.length);
  const outstanding = new Map<string, { index: number; queue: Queue }>();
  const sites = new Map<string, number[]>();
  plans.forEach((plan, index) => sites.set(siteOf(plan.device), [...(sites.get(siteOf(plan.device)) ?? []), index]));

  let done = 0;
  let stopReason: string | undefined;
  let wake: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (wake = resolve));
  const stop = (reason: string) => {
    stopReason ??= reason;
    wake();
  };
  const settle = (id: string, result: DeviceResult, artifact?: DeviceArtifact) => {
    const entry = outstanding.get(id);
    if (!entry || results[entry.index] !== undefined || stopReason !== undefined) return;
    outstanding.delete(id);
    results[entry.index] = result;
    if (artifact) run.onGathered?.({ ...artifact, device: plans[entry.index]!.device }, entry.index);
    done += 1;
    run.onDeviceDone?.(result, done, plans.length);
    if (outstanding.size === 0) wake();
  };

  // Reads a job's final state; anything still waiting or running is left for a later event or sweep.
  const collect = async (id: string): Promise<void> => {
    const entry = outstanding.get(id);
    if (!entry) return;
    const job = (await entry.queue.getJob(id)) as Job<AuditJob, AuditOutcome> | undefined;
    if (!job) return;
    const state = await job.getState();
    const plan = plans[entry.index]!;
    if (state === "completed") {
      settle(id, checkedResult(plan, job.returnvalue), job.returnvalue?.artifact);
    } else if (state === "failed") {
      const { logs } = await entry.queue.getJobLogs(id);
      settle(id, failedResult(plan, job, logs));
    } else {
      return;
    }
    await job.remove().catch(() => undefined);
  };

  const queues = new Map<string, Queue>();
  const events: QueueEvents[] = [];
  const health = new Redis({ ...(redisOptions(options.address) as object), maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true, retryStrategy: () => 500 });
  let lastError = "";
  health.on("error", (err: Error) => (lastError = err.message));
  const onError = (err: Error) => (lastError = err.message);
  const timers: NodeJS.Timeout[] = [];
  let lastEvent = Date.now();
  const onAbort = () => stop(abortReason(run.signal!));
  run.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    try {
      await withTimeout(health.connect(), options.goneAfterMs, `no answer from the queue at ${where}`);
    } catch (err) {
      throw new Error(`cannot reach the queue at ${where}: ${(err as Error).message}`);
    }
    for (const site of sites.keys()) {
      const queue = new Queue(queueName(site), { connection, streams: { events: { maxLen: Math.max(10_000, plans.length * 20) } } });
      queue.on("error", onError);
      queues.set(site, queue);
      const ev = new QueueEvents(queueName(site), { connection });
      ev.on("error", onError);
      // Listening starts before the jobs are added, so no completion is missed.
      await ev.waitUntilReady();
      const onFinal = ({ jobId: id }: { jobId: string }) => {
        lastEvent = Date.now();
        if (outstanding.has(id)) void collect(id).catch(onError);
      };
      ev.on("completed", onFinal);
      ev.on("failed", onFinal);
      events.push(ev);
    }

    // Enqueue, site by site, in inventory order.
    for (const [site, indices] of sites) {
      const queue = queues.get(site)!;
      for (const index of indices) outstanding.set(jobId(runId, index), { index, queue });
      const job = (index: number) => ({
        name: plans[index]!.device.name,
        data: jobForPlan(plans[index]!, { runId, index, tool: TOOL.version, failOn: run.failOn, connectTimeoutMs: options.connectTimeoutMs, commandTimeoutMs: options.commandTimeoutMs, deviceTimeoutMs: run.deviceTimeoutMs, returnArtifact: options.returnArtifacts }),
        opts: { jobId: jobId(runId, index), attempts: options.attempts, backoff: { type: "fixed", delay: 1000 }, removeOnComplete: { age: KEEP_FINISHED_S }, removeOnFail: { age: KEEP_FINISHED_S } },
      });
      // 500 jobs at a time, each batch built only when it is sent: a 10,000-device run never holds every job at once.
      for (let i = 0; i < indices.length; i += 500) await queue.addBulk(indices.slice(i, i + 500).map(job));
    }
    const perSite = [...sites].map(([site, indices]) => `${site}: ${indices.length}`).join(", ");
    options.log(`queued ${plans.length} device(s) on ${where} (site ${perSite}); run ${runId}`);
    for (const [site, queue] of queues) {
      const workers = await queue.getWorkersCount().catch(() => -1);
      if (workers === 0) options.log(`no worker serves site ${site} yet: its devices wait until one starts (preflight worker --queue ${where}${site === "default" ? "" : ` --site ${site}`})`);
    }
    if (run.signal?.aborted) stop(abortReason(run.signal));

    // A missed event must not stall the run: when the events go quiet, the outstanding jobs are looked up directly.
    const sweepMs = options.sweepMs ?? 2000;
    const sweepLimit = pLimit(16);
    let sweeping = false;
    timers.push(
      setInterval(() => {
        if (sweeping || stopReason !== undefined || Date.now() - lastEvent < sweepMs) return;
        sweeping = true;
        void Promise.all([...outstanding.keys()].map((id) => sweepLimit(() => collect(id).catch(onError)))).finally(() => (sweeping = false));
      }, sweepMs),
    );
    // The queue's heartbeat: a run must not wait forever on a Redis that is gone.
    let lastAnswer = Date.now();
    let pinging = false;
    timers.push(
      setInterval(() => {
        if (pinging) return;
        pinging = true;
        void withTimeout(health.ping(), 1000, "no answer")
          .then(() => (lastAnswer = Date.now()))
          .catch((err: Error) => {
            lastError = err.message;
            if (Date.now() - lastAnswer > options.goneAfterMs) stop(`the queue at ${where} stopped answering (${lastError})`);
          })
          .finally(() => (pinging = false));
      }, 500),
    );
    if (outstanding.size === 0) wake();
    await finished;
  } catch (err) {
    stopReason ??= (err as Error).message;
  } finally {
    run.signal?.removeEventListener("abort", onAbort);
    for (const t of timers) clearInterval(t);
    if (stopReason !== undefined && outstanding.size && !stopReason.startsWith("the queue at")) await cancelQueued([...outstanding.keys()], outstanding, options.log);
    await closeAll([...events, ...queues.values()], health);
  }
  const missing = plans.length - results.filter(Boolean).length;
  if (stopReason !== undefined && missing) options.log(`${missing} device(s) not audited: ${stopReason}`);
  return plans.map((plan, index) => results[index] ?? notRun(plan, stopReason ?? "not run"));
}

/** Ctrl-C: jobs no worker has taken are removed; one being audited finishes on its worker and is not reported. */
async function cancelQueued(ids: string[], outstanding: ReadonlyMap<string, { queue: Queue }>, log: (line: string) => void): Promise<void> {
  let removed = 0;
  const limit = pLimit(16);
  await withTimeout(
    Promise.all(
      ids.map((id) =>
        limit(async () => {
          const queue = outstanding.get(id)?.queue;
          const job = await queue?.getJob(id);
          if (!job) return;
          const state = await job.getState();
          if (state === "active") return;
          await job.remove();
          removed += 1;
        }).catch(() => undefined),
      ),
    ),
    5000,
    "cancelling took too long",
  ).catch(() => undefined);
  log(`cancelled ${removed} queued job(s)`);
}

async function closeAll(clients: { close(): Promise<void>; disconnect(): Promise<void> }[], health: Redis): Promise<void> {
  await withTimeout(Promise.allSettled(clients.map((c) => c.close())), 3000, "close").catch(() => Promise.allSettled(clients.map((c) => c.disconnect())));
  health.disconnect();
}

/** A worker's answer is trusted only for the device it was asked about. */
function checkedResult(plan: DevicePlan, outcome: AuditOutcome | undefined): DeviceResult {
  const result = outcome?.result;
  if (!result || typeof result !== "object" || result.name !== plan.device.name || typeof result.status !== "string") {
    return { ...notRun(plan, ""), status: "error", reason: `the worker${outcome?.worker ? ` ${outcome.worker}` : ""} answered with no result for ${plan.device.name}` };
  }
  return result;
}

/** Every attempt the job's log records, then the engine's final reason: the device's `error`. */
function failedResult(plan: DevicePlan, job: Job<AuditJob, AuditOutcome>, logs: string[]): DeviceResult {
  const attempts = new Map<number, { worker: string; failed?: string }>();
  for (const line of logs) {
    let entry: AttemptLog;
    try {
      entry = JSON.parse(line) as AttemptLog;
    } catch {
      continue;
    }
    if (typeof entry.attempt !== "number") continue;
    if (entry.event === "started") attempts.set(entry.attempt, { worker: entry.worker });
    else if (entry.event === "failed") attempts.set(entry.attempt, { worker: entry.worker, failed: entry.message ?? "failed" });
  }
  const lines = [...attempts].sort(([a], [b]) => a - b).map(([n, a]) => `attempt ${n} on ${a.worker}: ${a.failed ?? "no answer within the lease (the worker died, lost the queue, or was too busy to renew its lease)"}`);
  const last = [...attempts.values()].at(-1);
  if (job.failedReason && job.failedReason !== last?.failed) lines.push(`then: ${job.failedReason}`);
  return { ...notRun(plan, ""), status: "error", reason: `no worker could audit ${plan.device.name} (${attempts.size} attempt(s)): ${lines.join("; ")}` };
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
