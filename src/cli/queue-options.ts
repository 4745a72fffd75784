// The coordinator's flags of `run --queue` (docs/scale-out.md), checked with the run's other options.
import { parseQueueUrl } from "../queue/job.js";

export interface RawQueueOptions {
  queue?: string;
  queueTimeout?: string;
  fromCapture?: string;
}

/** A password in the URL would be seen in the process list and kept in the run's journal (run --resume). */
export const QUEUE_PASSWORD_IN_URL = "the URL holds a password: put it in PREFLIGHT_QUEUE_PASSWORD instead (a URL is visible in the process list and kept in the run's journal)";

/** `--queue URL` and `--queue-timeout SECONDS`, or the problems with them. */
export function checkQueueOptions(raw: RawQueueOptions, problem: (option: string, message: string) => void): { queue?: string; queueTimeoutMs?: number } {
  if (raw.queue === undefined) return {};
  const address = parseQueueUrl(raw.queue);
  if (typeof address === "string") problem("--queue", address);
  else if (address.password !== undefined) problem("--queue", QUEUE_PASSWORD_IN_URL);
  if (raw.fromCapture !== undefined) problem("--queue", "a capture is evaluated here, offline: --queue and --from-capture do not go together");
  const seconds = Number(raw.queueTimeout ?? "30");
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 86_400) problem("--queue-timeout", `"${raw.queueTimeout}" is not a number of seconds from 1 to 86400`);
  return { queue: raw.queue, queueTimeoutMs: Math.round((Number.isFinite(seconds) ? seconds : 30) * 1000) };
}
