// One device audit as a queue job: what the coordinator sends (the device without any secret, the ids and digests
// of its checks, the target and path, the run's gate and time limits) and what a worker sends back (the evaluated
// DeviceResult, and the gathered artifact only when asked). Shared by src/queue/coordinator.ts and worker.ts.
import { createHash } from "node:crypto";
import type { LoadedCheck } from "../checks/types.js";
import type { Device } from "../inventory/types.js";
import type { DeviceResult, Severity } from "../model/result.js";
import type { DeviceArtifact } from "../runner/artifact.js";
import type { DevicePlan } from "../runner/plan.js";

/** Bumped when the job's shape changes: a worker refuses a job of another version. */
export const JOB_VERSION = 1;

/** A device has no `site` in the inventory: it is in this one, and a worker started without --site serves it. */
export const DEFAULT_SITE = "default";

/** Site names, as the inventory schema allows them (they become part of a queue name). */
export const SITE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** One BullMQ queue per site: a worker consumes only its sites' queues, so a device never reaches another site. */
export function queueName(site: string): string {
  return `preflight-site-${site}`;
}

export function siteOf(device: Device): string {
  return device.site ?? DEFAULT_SITE;
}

/** The device as it travels: its credential set by NAME only; the worker maps the name to its own variables. */
export type JobDevice = Omit<Device, "credentials"> & { credentials: string };

export interface AuditJob {
  version: typeof JOB_VERSION;
  /** The coordinator's run (job ids are `<runId>.<index>`). */
  runId: string;
  /** The device's position in the run: results are merged in this order. */
  index: number;
  /** preflight's version on the coordinator: a worker of another version refuses the job. */
  tool: string;
  device: JobDevice;
  /** The device's checks, in the plan's order, each with the digest of its file and data (checkDigest). */
  checks: { id: string; digest: string }[];
  targetVersion?: string;
  explicitPath?: string[];
  strictPath?: boolean;
  failOn: Severity;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  deviceTimeoutMs: number;
  /** Send the gathered artifact back too (a capture wants it; a run does not). */
  returnArtifact: boolean;
}

export interface AuditOutcome {
  result: DeviceResult;
  artifact?: DeviceArtifact;
  /** The worker that audited the device (its --name, or host:pid). */
  worker: string;
}

/**
 * What identifies a check's behaviour: the sha256 of its YAML and of its loaded reference data (the pack's data or
 * the user's --data-dir replacement, as parsed). Two installs with the same digest evaluate the same way.
 */
export function checkDigest(check: LoadedCheck): string {
  return createHash("sha256").update(check.sha256).update("\n").update(JSON.stringify(check.data)).digest("hex");
}

export function jobForPlan(plan: DevicePlan, run: { runId: string; index: number; tool: string; failOn: Severity; connectTimeoutMs: number; commandTimeoutMs: number; deviceTimeoutMs: number; returnArtifact: boolean }): AuditJob {
  const { credentials, ...device } = plan.device;
  return {
    version: JOB_VERSION,
    runId: run.runId,
    index: run.index,
    tool: run.tool,
    device: { ...device, credentials: credentials.name },
    checks: plan.checks.map((c) => ({ id: c.definition.id, digest: checkDigest(c) })),
    ...(plan.targetVersion ? { targetVersion: plan.targetVersion } : {}),
    ...(plan.explicitPath ? { explicitPath: plan.explicitPath } : {}),
    ...(plan.strictPath ? { strictPath: true } : {}),
    failOn: run.failOn,
    connectTimeoutMs: run.connectTimeoutMs,
    commandTimeoutMs: run.commandTimeoutMs,
    deviceTimeoutMs: run.deviceTimeoutMs,
    returnArtifact: run.returnArtifact,
  };
}

export function jobId(runId: string, index: number): string {
  return `${runId}.${index}`;
}

/** The queue's address: redis://[user:password@]host:port[/db] or rediss:// for TLS. */
export interface QueueAddress {
  host: string;
  port: number;
  db?: number;
  username?: string;
  password?: string;
  tls?: boolean;
}

export function parseQueueUrl(text: string): QueueAddress | string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${text}" is not a URL; use redis://host:port (rediss:// for TLS)`;
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") return `"${url.protocol}" is not a queue scheme; use redis://host:port (rediss:// for TLS)`;
  if (!url.hostname) return `"${text}" names no host; use redis://host:port`;
  const port = url.port ? Number(url.port) : 6379;
  const dbText = url.pathname.replace(/^\//, "");
  if (dbText !== "" && !/^\d+$/.test(dbText)) return `"${dbText}" is not a Redis database number`;
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port,
    ...(dbText !== "" ? { db: Number(dbText) } : {}),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === "rediss:" ? { tls: true } : {}),
  };
}

/** The address as printed: never the password. */
export function displayQueue(address: QueueAddress): string {
  return `${address.tls ? "rediss" : "redis"}://${address.host.includes(":") ? `[${address.host}]` : address.host}:${address.port}${address.db !== undefined ? `/${address.db}` : ""}`;
}

/** ioredis options for BullMQ; `maxRetriesPerRequest: null` is what BullMQ's workers require. */
export function redisOptions(address: QueueAddress): Record<string, unknown> {
  return {
    host: address.host,
    port: address.port,
    ...(address.db !== undefined ? { db: address.db } : {}),
    ...(address.username ? { username: address.username } : {}),
    ...(address.password ? { password: address.password } : {}),
    ...(address.tls ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}
