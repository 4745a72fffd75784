// Webhook delivery: one JSON POST per event and endpoint, signed (sign.ts), retried with exponential backoff on
// what may pass (network errors, timeouts, 408, 429, 5xx; a 429/503 Retry-After is honoured up to the backoff cap),
// never on another 4xx (the receiver said no); every attempt is recorded in the delivery, which the caller keeps as
// the delivery log. The secret is only ever used to sign: it is not in the delivery, the log or any error.
import { randomUUID } from "node:crypto";
import { signBody, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./sign.js";

export interface WebhookEndpoint {
  url: string;
  secret: string;
  /** Events sent to it (default: all). */
  events?: readonly string[];
}

export interface DeliveryAttempt {
  at: string;
  durationMs: number;
  /** The HTTP status, when the receiver answered. */
  status?: number;
  error?: string;
}

export interface Delivery {
  id: string;
  event: string;
  url: string;
  delivered: boolean;
  attempts: DeliveryAttempt[];
}

export interface DeliveryOptions {
  /** Attempts in all (default 5). */
  attempts?: number;
  /** First backoff; doubled after each failed attempt (default 1 s), capped at maxBackoffMs (default 60 s). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Per attempt (default 10 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
  now?: () => Date;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

export async function deliverWebhook(endpoint: WebhookEndpoint, event: string, payload: unknown, options: DeliveryOptions = {}): Promise<Delivery> {
  const attempts = Math.max(1, options.attempts ?? 5);
  const maxBackoff = options.maxBackoffMs ?? 60_000;
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? defaultSleep;
  const id = randomUUID();
  const body = JSON.stringify({ id, event, sentAt: now().toISOString(), data: payload });
  const delivery: Delivery = { id, event, url: endpoint.url, delivered: false, attempts: [] };
  let backoff = options.backoffMs ?? 1000;
  for (let i = 0; i < attempts && !options.signal?.aborted; i++) {
    const started = Date.now();
    const timestamp = Math.floor(now().getTime() / 1000);
    let retryAfterMs: number | undefined;
    let retry = true;
    try {
      const response = await fetch(endpoint.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "preflight-webhook",
          "x-preflight-event": event,
          "x-preflight-delivery": id,
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signBody(endpoint.secret, timestamp, body),
        },
        body,
        redirect: "manual",
        signal: options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs ?? 10_000)]) : AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await response.body?.cancel().catch(() => undefined);
      delivery.attempts.push({ at: new Date(started).toISOString(), durationMs: Date.now() - started, status: response.status });
      if (response.status >= 200 && response.status < 300) {
        delivery.delivered = true;
        return delivery;
      }
      retry = RETRYABLE_STATUS.has(response.status);
      retryAfterMs = retryAfter(response.headers.get("retry-after"));
    } catch (error) {
      delivery.attempts.push({ at: new Date(started).toISOString(), durationMs: Date.now() - started, error: describe(error) });
    }
    if (!retry || i === attempts - 1) break;
    await sleep(Math.min(maxBackoff, Math.max(backoff, retryAfterMs ?? 0)), options.signal);
    backoff = Math.min(maxBackoff, backoff * 2);
  }
  return delivery;
}

/** Retry-After in seconds (an HTTP date is also allowed by RFC 9110). */
function retryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function describe(error: unknown): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === "TimeoutError") return "timed out";
  if (err.name === "AbortError") return "cancelled";
  return err.cause?.code ?? err.cause?.message ?? err.message ?? String(error);
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
