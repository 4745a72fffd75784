// Webhook delivery against a receiver on loopback: the signature a receiver checks, retries with backoff on what may
// pass (5xx, 429 with Retry-After, a dropped connection, a timeout), none on a refusal (4xx), every attempt kept,
// and the secret in nothing but the signature.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { deliverWebhook } from "../../src/webhooks/deliver.js";
import { signBody, verifySignature } from "../../src/webhooks/sign.js";

const SECRET = "whsec-0123456789abcdef";
interface Received {
  headers: IncomingMessage["headers"];
  body: string;
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A receiver answering each request with the next behaviour in `plan` (the last one repeats). */
async function receiver(plan: ((res: ServerResponse) => void)[]): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      (plan[Math.min(received.length - 1, plan.length - 1)] as (res: ServerResponse) => void)(res);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/preflight`, received };
}

const status = (code: number, headers: Record<string, string> = {}) => (res: ServerResponse) => {
  res.writeHead(code, headers);
  res.end();
};
const noSleep = { sleep: async () => undefined };

describe("webhook delivery", () => {
  it("a delivery is signed: the receiver verifies it with the shared secret, and refuses a tampered or stale one", async () => {
    const r = await receiver([status(204)]);
    const delivery = await deliverWebhook({ url: r.url, secret: SECRET }, "run.finished", { runId: "r1", blocked: 2 });
    expect(delivery).toMatchObject({ event: "run.finished", url: r.url, delivered: true, attempts: [{ status: 204 }] });
    const got = r.received[0]!;
    expect(got.headers["content-type"]).toBe("application/json");
    expect(got.headers["x-preflight-event"]).toBe("run.finished");
    expect(got.headers["x-preflight-delivery"]).toBe(delivery.id);
    expect(JSON.parse(got.body)).toMatchObject({ id: delivery.id, event: "run.finished", data: { runId: "r1", blocked: 2 } });
    const headers = { signature: got.headers["x-preflight-signature"] as string, timestamp: got.headers["x-preflight-timestamp"] as string };
    expect(headers.signature).toBe(signBody(SECRET, Number(headers.timestamp), got.body));
    expect(verifySignature(SECRET, headers, got.body)).toEqual({ ok: true });
    expect(verifySignature(SECRET, headers, got.body.replace('"blocked":2', '"blocked":0'))).toEqual({ ok: false, reason: "signature does not match" });
    expect(verifySignature("another-secret", headers, got.body)).toEqual({ ok: false, reason: "signature does not match" });
    expect(verifySignature(SECRET, headers, got.body, Number(headers.timestamp) + 301).ok).toBe(false);
    expect(JSON.stringify([delivery, got.body])).not.toContain(SECRET);
  });

  it("5xx and 429 are retried with doubling backoff (Retry-After honoured), every attempt recorded", async () => {
    const r = await receiver([status(503), status(429, { "Retry-After": "3" }), status(500), status(200)]);
    const waits: number[] = [];
    const delivery = await deliverWebhook({ url: r.url, secret: SECRET }, "device.blocked", { device: "fw1" }, { backoffMs: 1000, sleep: async (ms) => void waits.push(ms) });
    expect(delivery.delivered).toBe(true);
    expect(delivery.attempts.map((a) => a.status)).toEqual([503, 429, 500, 200]);
    expect(waits).toEqual([1000, 3000, 4000]);
    // One delivery id across the retries, so the receiver can drop duplicates.
    expect(new Set(r.received.map((x) => x.headers["x-preflight-delivery"]))).toEqual(new Set([delivery.id]));
  });

  it("a refusal (4xx) is not retried; attempts are bounded and the backoff capped", async () => {
    const refused = await receiver([status(401)]);
    const once = await deliverWebhook({ url: refused.url, secret: SECRET }, "run.finished", {}, noSleep);
    expect(once).toMatchObject({ delivered: false, attempts: [{ status: 401 }] });
    expect(refused.received).toHaveLength(1);
    await new Promise((resolve) => server!.close(resolve));
    const failing = await receiver([status(502)]);
    const waits: number[] = [];
    const all = await deliverWebhook({ url: failing.url, secret: SECRET }, "run.finished", {}, { attempts: 4, backoffMs: 20_000, maxBackoffMs: 45_000, sleep: async (ms) => void waits.push(ms) });
    expect(all.delivered).toBe(false);
    expect(all.attempts.map((a) => a.status)).toEqual([502, 502, 502, 502]);
    expect(waits).toEqual([20_000, 40_000, 45_000]);
  });

  it("a dropped connection and a receiver that never answers are retried, each attempt saying what happened", async () => {
    const r = await receiver([(res) => res.socket?.destroy(), () => undefined, status(200)]);
    const delivery = await deliverWebhook({ url: r.url, secret: SECRET }, "run.finished", {}, { timeoutMs: 300, ...noSleep });
    expect(delivery.delivered).toBe(true);
    expect(delivery.attempts.map((a) => a.error ?? a.status)).toEqual([expect.stringMatching(/socket|ECONNRESET|other side closed/i), "timed out", 200]);
  });
});
