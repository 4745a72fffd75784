// The coordinator's flags of `run --queue` (docs/scale-out.md), checked with the run's other options.
import { parseQueueUrl } from "../queue/job.js";

export interface RawQueueOptions {
  queue?: string;
  queueTimeout?: string;
  fromCapture?: string;
}

/** `--queue URL` and `--queue-timeout SECONDS`, or the problems with them. */
export function checkQueueOptions(raw: RawQueueOptions, problem: (option: string, message: string) => void): { queue?: string; queueTimeoutMs?: number } {
  if (raw.queue === undefined) return {};
  const address = parseQueueUrl(raw.queue);
  if (typeof address === "string") problem("--queue", address);
  if (raw.fromCapture !== undefined) problem("--queue", "a capture is evaluated here, offline: --queue and --from-capture do not go together");
  const seconds = Number(raw.queueTimeout ?? "30");
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 86_400) problem("--queue-timeout", `"${raw.queueTimeout}" is not a number of seconds from 1 to 86400`);
  return { queue: raw.queue, queueTimeoutMs: Math.round((Number.isFinite(seconds) ? seconds : 30) * 1000) };
}
