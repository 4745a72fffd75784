// Webhook signatures: HMAC-SHA256 over "<timestamp>.<body>" with the endpoint's shared secret, sent as
// `X-Preflight-Signature: sha256=<hex>` next to `X-Preflight-Timestamp` (Unix seconds). Signing the timestamp with
// the body lets a receiver refuse replays of an old delivery; the check is constant-time. docs/webhooks.md.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-preflight-signature";
export const TIMESTAMP_HEADER = "x-preflight-timestamp";

export function signBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export type Verdict = { ok: true } | { ok: false; reason: string };

/** What a receiver does: the signature matches and the timestamp is within `toleranceS` of now. */
export function verifySignature(secret: string, headers: { signature?: string; timestamp?: string }, body: string, nowS = Math.floor(Date.now() / 1000), toleranceS = 300): Verdict {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(timestamp)) return { ok: false, reason: "missing signature or timestamp" };
  if (Math.abs(nowS - timestamp) > toleranceS) return { ok: false, reason: `timestamp ${timestamp} is more than ${toleranceS} s from now` };
  const want = Buffer.from(signBody(secret, timestamp, body));
  const got = Buffer.from(headers.signature);
  return want.length === got.length && timingSafeEqual(want, got) ? { ok: true } : { ok: false, reason: "signature does not match" };
}
