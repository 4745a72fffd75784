// End to end, as a team runs it: the built `preflight serve` process with the embedded database (PGlite in its
// --state-dir), then the same suite against a real PostgreSQL server started by the test (test/helpers/postgres.ts).
// A token is created with the bootstrap admin token, an audit of simulated firewalls is started over HTTP and
// followed by Server-Sent Events, its JSON/HTML/JUnit reports fetched; the server is restarted and still has the
// run, a run in progress when the server is killed is marked interrupted, and `preflight run --db` adds CLI runs.
// A webhook receiver on loopback gets the run's signed device.blocked and run.finished events, and the delivery log
// lists them.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Document } from "yaml";
import type { RunReport } from "../../src/model/result.js";
import { panosDevice, type PortSpec } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import { withSuiteOutputs } from "../../src/platforms/paloalto_panos/simulator/suite/index.js";
import { startFleet } from "../../src/simulator/fleet.js";
import type { SimFleet } from "../../src/simulator/types.js";
import { BIN, preflight, ROOT } from "../helpers/cli.js";
import { startPostgres, type PostgresServer } from "../helpers/postgres.js";
import { parseSse, type SseEvent } from "../helpers/sse.js";
import { verifySignature } from "../../src/webhooks/sign.js";

const CREDS = { username: "audit", password: "serve-e2e-Pa55word" };
const WEBHOOK_SECRET = "whsec-serve-e2e-0123456789";
const ENV = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password, PREFLIGHT_WEBHOOK_SECRET: WEBHOOK_SECRET };

/** What the webhook receiver got: each request's headers and raw body. */
const hooks: { event: string; signature: string; timestamp: string; body: string }[] = [];
let receiver: Server;
let receiverUrl: string;
// A Palo Alto-supplied optic as the device reports it (vendor-name OEM, the PAN SKU as part number: PR #111 capture).
const OEM: PortSpec = { slot: 1, port: 1, sfp: { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", serial: "OEM1" } };
const FS: PortSpec = { slot: 1, port: 2, sfp: { vendorName: "FS", partNumber: "SFP-10GSR-85", serial: "FS1" } };

interface Serving {
  child: ChildProcess;
  base: string;
  stderr: () => string;
}

async function serve(args: string[]): Promise<Serving> {
  const child = spawn(process.execPath, [BIN, "serve", "--listen", "127.0.0.1:0", ...args], { cwd: ROOT, env: ENV, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  const base = await new Promise<string>((resolve, reject) => {
    child.stderr!.on("data", (c: Buffer) => {
      stderr += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(stderr);
      // The listening line comes last, after the bootstrap token when there is one.
      if (m?.[1]) resolve(m[1]);
    });
    child.on("close", (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  return { child, base, stderr: () => stderr };
}

async function stop(s: Serving, signal: NodeJS.Signals): Promise<number | null> {
  if (s.child.exitCode !== null) return s.child.exitCode;
  return new Promise((resolve) => {
    s.child.once("close", (code) => resolve(code));
    s.child.kill(signal);
  });
}

/** Reads an event stream until run-finished (or the server closes it). */
async function follow(url: string, token: string): Promise<{ status: number; type: string | null; events: SseEvent[] }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" } });
  let text = "";
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    text += decoder.decode(chunk, { stream: true });
    if (/event: run-finished\n[^\n]*\n\n/.test(text)) break;
  }
  return { status: res.status, type: res.headers.get("content-type"), events: parseSse(text) };
}

function inventoryYaml(fleet: SimFleet): string {
  const groups: Record<string, string> = { "fw-a": "cust-a", "fw-b": "cust-b", "fw-hang": "cust-a" };
  return new Document({
    defaults: { credentials: "default" },
    groups: { "cust-a": { target_version: "10.2.4-h4" }, "cust-b": { target_version: "10.2.4-h4" } },
    hosts: Object.fromEntries(
      fleet.devices.map((d) => [d.spec.name, { host: d.host, port: d.port, platform: d.spec.platform, groups: [groups[d.spec.name]], tags: d.spec.tags ?? [] }]),
    ),
  }).toString();
}

let fleet: SimFleet;
let inventory: string;
let pgServer: PostgresServer | undefined;

beforeAll(async () => {
  fleet = await startFleet([
    withSuiteOutputs(panosDevice({ name: "fw-a", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM, FS], ...CREDS, tags: ["sweep"] })),
    withSuiteOutputs(panosDevice({ name: "fw-b", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM], ...CREDS, tags: ["sweep"] })),
    // Logs in and never gives a prompt: a run of it is still in progress when the server is killed.
    withSuiteOutputs(panosDevice({ name: "fw-hang", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM], ...CREDS, tags: ["hang"], faults: [{ kind: "hang-after-login" }] })),
  ]);
  inventory = inventoryYaml(fleet);
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      hooks.push({ event: String(req.headers["x-preflight-event"]), signature: String(req.headers["x-preflight-signature"]), timestamp: String(req.headers["x-preflight-timestamp"]), body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await fleet?.close();
  await pgServer?.stop();
});

const BACKENDS: { name: string; db: () => Promise<string | undefined> }[] = [
  { name: "embedded PGlite in --state-dir", db: async () => undefined },
  {
    name: "PostgreSQL server",
    db: async () => {
      pgServer = await startPostgres();
      return pgServer.createDatabase("preflight_e2e");
    },
  },
];

describe.each(BACKENDS)("preflight serve end to end: $name", ({ db }) => {
  let stateDir: string;
  let args: string[];
  let dbTarget: string;
  let server: Serving;
  let adminToken: string;
  let operator: string;
  let viewerA: string;
  let runId: string;
  const api = (path: string, token: string, init: RequestInit = {}) =>
    fetch(`${server.base}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.body ? { "content-type": "application/json" } : {}) } });

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), "preflight-serve-e2e-"));
    const url = await db();
    dbTarget = url ?? join(stateDir, "db");
    args = ["--state-dir", stateDir, ...(url ? ["--db", url] : []), "--webhook", receiverUrl, "--public-url", "https://preflight.example.com"];
  }, 120_000);

  afterAll(async () => {
    if (server) await stop(server, "SIGINT");
  });

  it("starts with a bootstrap admin token, creates tokens, audits over the API, follows SSE, serves JSON/HTML/JUnit", { timeout: 240_000 }, async () => {
    server = await serve(args);
    const token = /\n {2}(pft_\S+)\n/.exec(server.stderr())?.[1];
    expect(token, server.stderr()).toBeDefined();
    adminToken = token!;
    const mk = async (body: object) => {
      const res = await api("/api/v1/tokens", adminToken, { method: "POST", body: JSON.stringify(body) });
      expect(res.status).toBe(201);
      return ((await res.json()) as { token: string }).token;
    };
    operator = await mk({ name: "ci pipeline", role: "operator" });
    viewerA = await mk({ name: "customer A", role: "viewer", groups: ["cust-a"] });
    expect((await api("/api/v1/runs", viewerA, { method: "POST", body: JSON.stringify({ inventory }) })).status).toBe(403);

    const start = await api("/api/v1/runs", operator, { method: "POST", body: JSON.stringify({ inventory, knownHosts: fleet.knownHosts(), tags: ["sweep"] }) });
    expect(start.status).toBe(202);
    runId = ((await start.json()) as { id: string }).id;
    const stream = await follow(`${server.base}/api/v1/runs/${runId}/events`, operator);
    expect(stream.status).toBe(200);
    expect(stream.type).toMatch(/^text\/event-stream/);
    expect(stream.events.map((e) => e.event)).toEqual(["device-done", "device-done", "run-finished"]);
    expect(stream.events.at(-1)!.data).toMatchObject({ run: runId, status: "finished", exitCode: 1 });

    const run = (await (await api(`/api/v1/runs/${runId}`, operator)).json()) as { status: string; progress: { done: number; total: number } };
    expect(run).toMatchObject({ status: "finished", progress: { done: 2, total: 2 } });
    const json = (await (await api(`/api/v1/runs/${runId}/report?format=json`, operator)).json()) as RunReport;
    expect(json.devices.map((d) => [d.name, d.status])).toEqual([
      ["fw-a", "blocked"],
      ["fw-b", "ready"],
    ]);
    const html = await api(`/api/v1/runs/${runId}/report?format=html`, operator);
    expect(html.headers.get("content-type")).toMatch(/text\/html/);
    expect(await html.text()).toContain("SFP-10GSR-85");
    const junit = await (await api(`/api/v1/runs/${runId}/report?format=junit`, operator)).text();
    expect(junit).toMatch(/<testsuites/);
    expect(junit).toContain("fw-a");
    expect(server.stderr()).not.toContain(CREDS.password);

    // The webhooks: device.blocked for fw-a, then run.finished, each signed with the shared secret.
    const mine = () => hooks.filter((h) => (JSON.parse(h.body) as { data: { run: { id: string } } }).data.run.id === runId);
    for (let i = 0; i < 100 && mine().length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(mine().map((h) => h.event)).toEqual(["device.blocked", "run.finished"]);
    for (const h of mine()) expect(verifySignature(WEBHOOK_SECRET, h, h.body)).toEqual({ ok: true });
    const [blocked, finished] = mine().map((h) => (JSON.parse(h.body) as { data: Record<string, unknown> }).data);
    expect(blocked).toMatchObject({ device: { name: "fw-a" }, checks: [expect.objectContaining({ id: "panos-transceivers-supported" })] });
    expect(finished).toMatchObject({ verdict: "blocked", exitCode: 1, blocked: [{ name: "fw-a" }], links: { html: `https://preflight.example.com/api/v1/runs/${runId}/report.html` } });
    expect(JSON.stringify(mine())).not.toContain(WEBHOOK_SECRET);
    // The delivery log, for an admin of every group only. A delivery is logged once the receiver has answered, so
    // just after the receiver got it the log may not have it yet (bounded wait: 100 x 100 ms).
    type DeliveryLog = { endpoints: { url: string }[]; deliveries: { event: string; delivered: boolean; attempts: { status: number }[] }[] };
    let log = (await (await api(`/api/v1/webhooks/deliveries?run=${runId}`, adminToken)).json()) as DeliveryLog;
    for (let i = 0; i < 100 && log.deliveries.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
      log = (await (await api(`/api/v1/webhooks/deliveries?run=${runId}`, adminToken)).json()) as DeliveryLog;
    }
    expect(log.endpoints).toEqual([{ url: receiverUrl, events: null }]);
    expect(log.deliveries.map((d) => [d.event, d.delivered, d.attempts.map((a) => a.status)]).sort()).toEqual([
      ["device.blocked", true, [204]],
      ["run.finished", true, [204]],
    ]);
    expect((await api("/api/v1/webhooks/deliveries", operator)).status).toBe(403);
  });

  it("after a restart still lists the run and serves its reports; the bootstrap token is not printed again", { timeout: 240_000 }, async () => {
    expect(await stop(server, "SIGINT")).toBe(0);
    server = await serve(args);
    expect(server.stderr()).not.toMatch(/pft_/);
    const list = (await (await api("/api/v1/runs", adminToken)).json()) as { runs: { id: string; status: string }[] };
    expect(list.runs).toContainEqual(expect.objectContaining({ id: runId, status: "finished" }));
    const report = (await (await api(`/api/v1/runs/${runId}/report`, operator)).json()) as RunReport;
    expect(report.devices).toHaveLength(2);
    expect(await (await api(`/api/v1/runs/${runId}/report?format=junit`, operator)).text()).toMatch(/<testsuites/);
    // A customer's viewer sees its own device only, after the restart too.
    const scoped = (await (await api(`/api/v1/runs/${runId}/report`, viewerA)).json()) as RunReport;
    expect(scoped.devices.map((d) => d.name)).toEqual(["fw-a"]);
    expect((await api("/api/v1/devices/fw-b/history", viewerA)).status).toBe(404);
    const stream = await follow(`${server.base}/api/v1/runs/${runId}/events`, viewerA);
    expect(stream.events.map((e) => [e.event, (e.data as { device?: string }).device])).toEqual([
      ["device-done", "fw-a"],
      ["run-finished", undefined],
    ]);
  });

  it("marks a run that was in progress when the server was killed as interrupted", { timeout: 240_000 }, async () => {
    const start = await api("/api/v1/runs", operator, { method: "POST", body: JSON.stringify({ inventory, knownHosts: fleet.knownHosts(), tags: ["hang"] }) });
    expect(start.status).toBe(202);
    const id = ((await start.json()) as { id: string }).id;
    expect(((await (await api(`/api/v1/runs/${id}`, operator)).json()) as { status: string }).status).toBe("running");
    await stop(server, "SIGKILL");
    server = await serve(args);
    expect(server.stderr()).toMatch(/1 run\(s\) were in progress when the server last stopped; marked interrupted/);
    const run = (await (await api(`/api/v1/runs/${id}`, operator)).json()) as { status: string; error: string };
    expect(run).toMatchObject({ status: "interrupted", error: expect.stringMatching(/server stopped/) });
    expect((await api(`/api/v1/runs/${id}/report`, operator)).status).toBe(409);
    const stream = await follow(`${server.base}/api/v1/runs/${id}/events`, operator);
    expect(stream.events.map((e) => e.event)).toEqual(["run-finished"]);
    expect(stream.events[0]!.data).toMatchObject({ status: "interrupted" });
    expect((await api(`/api/v1/runs/${id}/cancel`, operator, { method: "POST" })).status).toBe(409);
  });

  it("on Ctrl-C cancels a run in progress, ends its event stream with run-finished, and exits 0", { timeout: 240_000 }, async () => {
    const start = await api("/api/v1/runs", operator, { method: "POST", body: JSON.stringify({ inventory, knownHosts: fleet.knownHosts(), tags: ["hang"] }) });
    const id = ((await start.json()) as { id: string }).id;
    const stream = follow(`${server.base}/api/v1/runs/${id}/events`, operator);
    await new Promise((r) => setTimeout(r, 500));
    expect(await stop(server, "SIGINT")).toBe(0);
    const { events } = await stream;
    expect(events.at(-1)).toMatchObject({ event: "run-finished", data: { run: id, status: "cancelled" } });
    server = await serve(args);
    expect(((await (await api(`/api/v1/runs/${id}`, operator)).json()) as { status: string }).status).toBe("cancelled");
    const report = (await (await api(`/api/v1/runs/${id}/report`, operator)).json()) as RunReport;
    expect(report.meta.interrupted).toBe(true);
    expect(report.devices.map((d) => [d.name, d.status])).toEqual([["fw-hang", "not-run"]]);
  });

  it("stores a `preflight run --db` run in the same history, compared with the API's run of the same selection", { timeout: 240_000 }, async () => {
    // The embedded database is one process's: the CLI writes it while the server is stopped.
    expect(await stop(server, "SIGINT")).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), "preflight-run-db-"));
    writeFileSync(join(dir, "inventory.yaml"), inventory);
    writeFileSync(join(dir, "known_hosts"), fleet.knownHosts());
    // A URL's password (the test server trusts loopback and ignores it) is shown nowhere and kept in no file.
    const cliDb = dbTarget.startsWith("postgres://") ? dbTarget.replace("preflight@", "preflight:pw-in-the-url@") : dbTarget;
    const ran = await preflight(
      ["run", "--inventory", join(dir, "inventory.yaml"), "--known-hosts", join(dir, "known_hosts"), "--tag", "sweep", "--out", join(dir, "out"), "--db", cliDb],
      { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password },
    );
    expect(ran.code, ran.stderr).toBe(1);
    const stored = /run (\S+) stored in/.exec(ran.stderr)?.[1];
    expect(stored, ran.stderr).toBeDefined();
    const written = readdirSync(join(dir, "out"), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(written.length).toBeGreaterThan(0);
    for (const text of [ran.stderr, ran.stdout, ...written.map((e) => readFileSync(join(e.parentPath, e.name), "utf8"))]) {
      expect(text).not.toContain("pw-in-the-url");
      expect(text).not.toContain(CREDS.password);
    }
    server = await serve(args);
    const run = (await (await api(`/api/v1/runs/${stored}`, operator)).json()) as { source: string; status: string; startedBy: string };
    expect(run).toMatchObject({ source: "cli", status: "finished" });
    const changes = (await (await api(`/api/v1/runs/${stored}/changes`, operator)).json()) as { previousRun: string; diff: { newProblems: unknown[]; devicesAdded: string[] } };
    expect(changes.previousRun).toBe(runId);
    expect(changes.diff).toMatchObject({ newProblems: [], devicesAdded: [] });
    const history = (await (await api("/api/v1/devices/fw-a/history", operator)).json()) as { history: { runId: string }[] };
    expect(history.history.map((h) => h.runId)).toEqual([stored, runId]);
    const audit = (await (await api("/api/v1/audit-log", adminToken)).json()) as { entries: { actor: string; action: string; target: string }[] };
    expect(audit.entries).toContainEqual(expect.objectContaining({ actor: "ci pipeline", action: "run.start", target: runId }));
    expect((await api("/api/v1/audit-log", operator)).status).toBe(403);
    expect(await stop(server, "SIGINT")).toBe(0);
  });

  it("refuses a database it cannot open with exit 3, naming it without its password", { timeout: 60_000 }, async () => {
    const ran = await preflight(["serve", "--listen", "127.0.0.1:0", "--state-dir", stateDir, "--db", "postgres://u:s3cret-pw@127.0.0.1:1/x"]);
    expect(ran.code).toBe(3);
    expect(ran.stderr).toContain("--db: cannot open postgres://u:***@127.0.0.1:1/x");
    expect(ran.stderr).not.toContain("s3cret-pw");
  });
});
