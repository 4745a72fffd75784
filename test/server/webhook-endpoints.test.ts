// Webhook endpoints added over the API (POST/GET/DELETE /api/v1/webhooks): each with its own secret, shown once, and
// an event filter, delivered alongside a `--webhook` endpoint; a simulated firewall over SSH, an in-memory PGlite and
// a loopback receiver that verifies every signature with the endpoint's own secret.
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { panosDevice, type PortSpec } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import { withSuiteOutputs } from "../../src/platforms/paloalto_panos/simulator/suite/index.js";
import { buildApp, type PreflightServer } from "../../src/server/app.js";
import { openSql, type Sql } from "../../src/server/db/sql.js";
import { startFleet } from "../../src/simulator/fleet.js";
import { fleetInventoryYaml } from "../../src/simulator/inventory.js";
import type { SimFleet } from "../../src/simulator/types.js";
import { verifySignature } from "../../src/webhooks/sign.js";

const CREDS = { username: "audit", password: "serve-hooks-Pa55word" };
const FS: PortSpec = { slot: 1, port: 2, sfp: { vendorName: "FS", partNumber: "SFP-10GSR-85", serial: "FS1" } };
const ADMIN = "pft_admin-token-for-the-webhook-endpoint-tests";
const FLAG_SECRET = "whsec-from-the-command-line-0123456789";

let fleet: SimFleet;
let server: PreflightServer;
let sql: Sql;
let receiver: Server;
let base: string;
let inventory: string;
const got: { path: string; event: string; signature: string; timestamp: string; body: string }[] = [];
const admin = (opts: InjectOptions, token = ADMIN) => server.app.inject({ ...opts, headers: { authorization: `Bearer ${token}`, ...opts.headers } });

beforeAll(async () => {
  fleet = await startFleet([withSuiteOutputs(panosDevice({ name: "fw-blocked", model: "PA-3220", swVersion: "10.1.9-h1", ports: [FS], ...CREDS }))]);
  inventory = fleetInventoryYaml(fleet, { group: "lab", targetVersion: "10.2.4-h4" });
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      got.push({ path: req.url ?? "", event: String(req.headers["x-preflight-event"]), signature: String(req.headers["x-preflight-signature"]), timestamp: String(req.headers["x-preflight-timestamp"]), body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  sql = await openSql("memory:");
  server = await buildApp({
    dataDir: mkdtempSync(join(tmpdir(), "preflight-hooks-")),
    env: { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password, PREFLIGHT_ADMIN_TOKEN: ADMIN },
    sql,
    webhooks: [{ url: `${base}/flag`, secret: FLAG_SECRET }],
  });
});

afterAll(async () => {
  await server?.app.close();
  await new Promise((resolve) => receiver?.close(resolve));
  await fleet?.close();
});

async function audit(): Promise<string> {
  const res = await admin({ method: "POST", url: "/api/v1/runs", payload: { inventory, knownHosts: fleet.knownHosts(), checks: ["panos-transceivers-supported"] } });
  expect(res.statusCode, res.body).toBe(202);
  await server.runsDone();
  return (res.json() as { id: string }).id;
}
const runOf = (h: { body: string }) => (JSON.parse(h.body) as { data: { run: { id: string } } }).data.run.id;

describe("webhook endpoints over the API", () => {
  let all: { id: string; secret: string };
  let finishedOnly: { id: string; secret: string };

  it("adds endpoints with their own secret (shown once, 201), an event filter, and lists them without secrets", async () => {
    const a = await admin({ method: "POST", url: "/api/v1/webhooks", payload: { url: `${base}/all` } });
    expect(a.statusCode, a.body).toBe(201);
    all = a.json() as { id: string; secret: string };
    expect(all).toMatchObject({ url: `${base}/all`, events: null, createdBy: "bootstrap", secret: expect.stringMatching(/^whsec_[\w-]{43}$/) });
    expect(a.headers.location).toBe(`/api/v1/webhooks/${all.id}`);
    const b = await admin({ method: "POST", url: "/api/v1/webhooks", payload: { url: `${base}/finished`, events: ["run.finished"] } });
    finishedOnly = b.json() as { id: string; secret: string };
    expect(finishedOnly.secret).not.toBe(all.secret);
    const list = await admin({ method: "GET", url: "/api/v1/webhooks" });
    expect((list.json() as { endpoints: { id: string; events: string[] | null }[] }).endpoints.map((e) => [e.id, e.events])).toEqual([
      [all.id, null],
      [finishedOnly.id, ["run.finished"]],
    ]);
    for (const text of [list.body, (await admin({ method: "GET", url: "/api/v1/webhooks/deliveries" })).body, (await admin({ method: "GET", url: "/api/v1/audit-log" })).body]) {
      expect(text).not.toContain(all.secret);
      expect(text).not.toContain(finishedOnly.secret);
    }
    const deliveries = (await admin({ method: "GET", url: "/api/v1/webhooks/deliveries" })).json() as { endpoints: { url: string }[] };
    expect(deliveries.endpoints.map((e) => e.url)).toEqual([`${base}/flag`, `${base}/all`, `${base}/finished`]);
  });

  it("refuses what it cannot use: a bad URL or one with credentials (422), an unknown event (400), a scoped admin (403)", async () => {
    const bad = await admin({ method: "POST", url: "/api/v1/webhooks", payload: { url: "ftp://hooks.example.com/" } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ detail: 'url: "ftp://hooks.example.com/" is not an http(s) URL' });
    const creds = await admin({ method: "POST", url: "/api/v1/webhooks", payload: { url: "https://u:pw@hooks.example.com/" } });
    expect(creds.statusCode).toBe(422);
    expect(creds.body).not.toContain("pw@");
    expect((await admin({ method: "POST", url: "/api/v1/webhooks", payload: { url: `${base}/x`, events: ["run.started"] } })).statusCode).toBe(400);
    const scoped = (await admin({ method: "POST", url: "/api/v1/tokens", payload: { name: "lab admin", role: "admin", groups: ["lab"] } })).json() as { token: string };
    expect((await admin({ method: "POST", url: "/api/v1/webhooks", payload: { url: `${base}/x` } }, scoped.token)).statusCode).toBe(403);
    expect((await admin({ method: "GET", url: "/api/v1/webhooks" }, scoped.token)).statusCode).toBe(403);
    expect((await admin({ method: "DELETE", url: `/api/v1/webhooks/${all.id}` }, scoped.token)).statusCode).toBe(403);
  });

  it("delivers to every endpoint with its own secret and filter, alongside --webhook; a deleted endpoint gets nothing more", async () => {
    const first = await audit();
    for (let i = 0; i < 100 && got.filter((h) => runOf(h) === first).length < 5; i++) await new Promise((r) => setTimeout(r, 50));
    const mine = got.filter((h) => runOf(h) === first);
    expect(mine.map((h) => `${h.path} ${h.event}`).sort()).toEqual(["/all device.blocked", "/all run.finished", "/finished run.finished", "/flag device.blocked", "/flag run.finished"]);
    const secretOf: Record<string, string> = { "/all": all.secret, "/finished": finishedOnly.secret, "/flag": FLAG_SECRET };
    for (const h of mine) {
      expect(verifySignature(secretOf[h.path]!, h, h.body), h.path).toEqual({ ok: true });
      // Signed with its own secret only: another endpoint's does not verify it.
      expect(verifySignature(h.path === "/all" ? finishedOnly.secret : all.secret, h, h.body).ok).toBe(false);
    }
    const log = (await admin({ method: "GET", url: `/api/v1/webhooks/deliveries?run=${first}` })).json() as { deliveries: { url: string; delivered: boolean }[] };
    expect(log.deliveries).toHaveLength(5);
    expect(log.deliveries.every((d) => d.delivered)).toBe(true);

    expect((await admin({ method: "DELETE", url: `/api/v1/webhooks/${all.id}` })).statusCode).toBe(204);
    expect((await admin({ method: "DELETE", url: `/api/v1/webhooks/${all.id}` })).statusCode).toBe(404);
    const second = await audit();
    for (let i = 0; i < 100 && got.filter((h) => runOf(h) === second).length < 3; i++) await new Promise((r) => setTimeout(r, 50));
    expect(got.filter((h) => runOf(h) === second).map((h) => `${h.path} ${h.event}`).sort()).toEqual(["/finished run.finished", "/flag device.blocked", "/flag run.finished"]);
    const audited = (await admin({ method: "GET", url: "/api/v1/audit-log" })).json() as { entries: { action: string; target: string }[] };
    expect(audited.entries.filter((e) => e.action.startsWith("webhook.")).map((e) => `${e.action} ${e.target}`)).toEqual([`webhook.delete ${all.id}`, `webhook.create ${finishedOnly.id}`, `webhook.create ${all.id}`]);
    // The table keeps the secret (deliveries are signed with it), and nothing else shows it.
    expect((await sql.query<{ secret: string }>("SELECT secret FROM webhook_endpoints")).map((r) => r.secret)).toEqual([finishedOnly.secret]);
  });
});
