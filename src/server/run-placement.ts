// Where `preflight serve` audits a run: here, in the server's process (the default), or, with `serve --queue URL`,
// on the site workers through the same coordinator as `run --queue` (src/queue/coordinator.ts, docs/scale-out.md).
// app.ts asks this one function and puts what it returns into the run's AuditRequest and runPreparedAudit hooks;
// progress, cancel and the stored report then work as for a local run (the coordinator has runAudit's contract).
import { QUEUE_ATTEMPTS, queueAuditor } from "../queue/coordinator.js";
import type { QueueAddress } from "../queue/job.js";
import type { AuditHooks } from "../runner/audit.js";
import type { AuditRequest } from "../runner/prepare.js";

/** `serve --queue URL` (checked by the serve command: no password in the URL, the timeout in range). */
export interface ServerQueue {
  /** As given on the command line, without a password. */
  url: string;
  /** Where to connect: the URL's address with $PREFLIGHT_QUEUE_PASSWORD. */
  address: QueueAddress;
  /** `--queue-timeout`: how long the queue may stay unanswered before a run gives up on it (the rest not-run). */
  goneAfterMs: number;
}

export interface RunPlacement {
  /** Merged into the run's request: with a queue, no device secret is resolved here (the workers hold them). */
  request: Pick<AuditRequest, "queue" | "queueTimeoutMs">;
  /** The runPreparedAudit hooks for the prepared request (its time limits travel with each job). */
  hooks: (request: AuditRequest) => Pick<AuditHooks, "auditor">;
}

/** `log`: the coordinator's status lines (queued, no worker for a site, cancelled jobs, the queue gone), per run. */
export function runPlacement(queue: ServerQueue | undefined, runId: string, log: (line: string) => void): RunPlacement {
  if (!queue) return { request: {}, hooks: () => ({}) };
  return {
    request: { queue: queue.url, queueTimeoutMs: queue.goneAfterMs },
    hooks: (request) => ({
      auditor: queueAuditor({
        address: queue.address,
        runId,
        attempts: QUEUE_ATTEMPTS,
        goneAfterMs: queue.goneAfterMs,
        connectTimeoutMs: request.connectTimeoutMs,
        commandTimeoutMs: request.commandTimeoutMs,
        returnArtifacts: false,
        log: (line) => log(`run ${runId}: ${line}`),
      }),
    }),
  };
}
