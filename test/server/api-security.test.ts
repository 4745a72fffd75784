// The serve API's tokens, roles and group scopes, its Server-Sent Events, its history queries and its audit log,
// against simulated Palo Alto firewalls of two customers (groups cust-a and cust-b) over SSH, on an in-memory PGlite.
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Document } from "yaml";
import type { RunReport } from "../../src/model/result.js";
import { panosDevice, type PortSpec } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import { withSuiteOutputs } from "../../src/platforms/paloalto_panos/simulator/suite/index.js";
import { buildApp, type PreflightServer } from "../../src/server/app.js";
import { openSql, type Sql } from "../../src/server/db/sql.js";
import { sha256 } from "../../src/server/db/store.js";
import { startFleet } from "../../src/simulator/fleet.js";
import type { SimFleet } from "../../src/simulator/types.js";
import { parseSse } from "../helpers/sse.js";

const CREDS = { username: "audit", password: "serve-scope-Pa55word" };
// Palo Alto-supplied optic as the device reports it (vendor-name OEM, the PAN SKU as part number: PR #111 capture).
const OEM: PortSpec = { slot: 1, port: 1, sfp: { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", serial: "OEM1" } };
const FS: PortSpec = { slot: 1, port: 2, sfp: { vendorName: "FS", partNumber: "SFP-10GSR-85", serial: "FS1" } };
const ADMIN = "pft_admin-token-for-the-scope-tests";
const GROUP: Record<string, string> = { "fw-a1": "cust-a", "fw-a2": "cust-a", "fw-b1": "cust-b" };

let fleet: SimFleet;
let server: PreflightServer;
let sql: Sql;
let dataDir: string;
let inventory: string;
const tokens = {} as Record<"viewerA" | "operatorA" | "viewer" | "operator" | "adminA", string>;

type Inject = InjectOptions;
const as = (token: string | undefined, opts: Inject) => server.app.inject({ ...opts, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...opts.headers } });
const admin = (opts: Inject) => as(ADMIN, opts);

function inventoryYaml(f: SimFleet): string {
  const doc = new Document({
    defaults: { credentials: "default" },
    groups: { "cust-a": { target_version: "10.2.4-h4" }, "cust-b": { target_version: "10.2.4-h4" } },
    hosts: Object.fromEntries(f.devices.map((d) => [d.spec.name, { host: d.host, port: d.port, platform: d.spec.platform, groups: [GROUP[d.spec.name]] }])),
  });
  return doc.toString();
}

async function newToken(name: string, role: string, groups?: string[]): Promise<string> {
  const res = await admin({ method: "POST", url: "/api/v1/tokens", payload: { name, role, ...(groups ? { groups } : {}) } });
  expect(res.statusCode).toBe(201);
  return (res.json() as { token: string }).token;
}

async function startRun(token: string, payload: Record<string, unknown> = {}): Promise<string> {
  const res = await as(token, { method: "POST", url: "/api/v1/runs", payload: { inventory, knownHosts: fleet.knownHosts(), ...payload } });
  expect(res.statusCode, res.body).toBe(202);
  return (res.json() as { id: string }).id;
}

beforeAll(async () => {
  fleet = await startFleet([
    withSuiteOutputs(panosDevice({ name: "fw-a1", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM], ...CREDS })),
    withSuiteOutputs(panosDevice({ name: "fw-a2", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM, FS], ...CREDS })),
    withSuiteOutputs(panosDevice({ name: "fw-b1", model: "PA-3220", swVersion: "10.1.9-h1", ports: [FS], ...CREDS })),
  ]);
  inventory = inventoryYaml(fleet);
  dataDir = mkdtempSync(join(tmpdir(), "preflight-serve-scope-"));
  sql = await openSql("memory:");
  server = await buildApp({ dataDir, env: { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password, PREFLIGHT_ADMIN_TOKEN: ADMIN }, sql });
  tokens.viewerA = await newToken("customer A viewer", "viewer", ["cust-a"]);
  tokens.operatorA = await newToken("customer A operator", "operator", ["cust-a"]);
  tokens.viewer = await newToken("noc viewer", "viewer");
  tokens.operator = await newToken("change pipeline", "operator");
  tokens.adminA = await newToken("customer A admin", "admin", ["cust-a"]);
});

afterAll(async () => {
  await server?.app.close();
  await fleet?.close();
});

type Route = Inject & { url: string };
const ROUTES: Route[] = [
  { method: "POST", url: "/api/v1/runs", payload: { inventory: "x" } },
  { method: "GET", url: "/api/v1/runs" },
  { method: "GET", url: "/api/v1/runs/r1" },
  { method: "GET", url: "/api/v1/runs/r1/report" },
  { method: "GET", url: "/api/v1/runs/r1/events" },
  { method: "GET", url: "/api/v1/runs/r1/changes" },
  { method: "POST", url: "/api/v1/runs/r1/cancel" },
  { method: "GET", url: "/api/v1/devices/fw-a1/history" },
  { method: "GET", url: "/api/v1/checks/panos-transceivers-supported/pass-rate" },
  { method: "GET", url: "/api/v1/groups/cust-a/pass-rate" },
  { method: "GET", url: "/api/v1/optics/history" },
  { method: "POST", url: "/api/v1/tokens", payload: { name: "x", role: "viewer" } },
  { method: "GET", url: "/api/v1/tokens" },
  { method: "DELETE", url: "/api/v1/tokens/t1" },
  { method: "GET", url: "/api/v1/audit-log" },
  { method: "GET", url: "/api/v1/webhooks/deliveries" },
  { method: "POST", url: "/api/v1/schedules", payload: { name: "x", cron: "0 2 * * *", run: { inventory: "x" } } },
  { method: "GET", url: "/api/v1/schedules" },
  { method: "DELETE", url: "/api/v1/schedules/s1" },
  ...["inventories", "check-packs", "waivers"].flatMap((path): Route[] => [
    { method: "GET", url: `/api/v1/${path}` },
    { method: "GET", url: `/api/v1/${path}/r1` },
    { method: "GET", url: `/api/v1/${path}/r1/versions` },
    { method: "PUT", url: `/api/v1/${path}/r1`, payload: {} },
    { method: "DELETE", url: `/api/v1/${path}/r1` },
  ]),
  { method: "GET", url: "/api/v1/runs/r1/inputs" },
  { method: "POST", url: "/api/v1/webhooks", payload: { url: "https://hooks.example.com/x" } },
  { method: "GET", url: "/api/v1/webhooks" },
  { method: "DELETE", url: "/api/v1/webhooks/w1" },
];
/** Stored resources: viewers read them, admins write them. */
const isResourceWrite = (r: Route) => (r.method === "PUT" || r.method === "DELETE") && /^\/api\/v1\/(inventories|check-packs|waivers)\//.test(r.url);

describe("serve: tokens and roles", () => {
  it("answers 401 (problem+json, WWW-Authenticate) on every /api/v1 route without a token or with a wrong one", async () => {
    for (const route of ROUTES) {
      for (const token of [undefined, "pft_not-a-token"]) {
        const res = await as(token, route);
        expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
        expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
        expect(res.headers["www-authenticate"]).toMatch(/^Bearer/);
      }
    }
  });

  it("answers 403 when the token's role is below the route's", async () => {
    const operatorOnly = ROUTES.filter((r) => r.method === "POST" && r.url.startsWith("/api/v1/runs"));
    const adminOnly = ROUTES.filter((r) => r.url.startsWith("/api/v1/tokens") || r.url === "/api/v1/audit-log" || r.url.startsWith("/api/v1/webhooks") || r.url.startsWith("/api/v1/schedules") || isResourceWrite(r));
    for (const route of [...operatorOnly, ...adminOnly]) expect((await as(tokens.viewer, route)).statusCode, `${route.method} ${route.url}`).toBe(403);
    for (const route of adminOnly) expect((await as(tokens.operator, route)).statusCode, `${route.method} ${route.url}`).toBe(403);
    const res = await as(tokens.viewer, operatorOnly[0]!);
    expect(res.json()).toMatchObject({ status: 403, detail: 'token "noc viewer" is viewer; this needs operator' });
  });

  it("shows a token once, stores only its sha256, lists tokens without secrets, and revokes them", async () => {
    const created = await admin({ method: "POST", url: "/api/v1/tokens", payload: { name: "short-lived", role: "viewer", groups: ["cust-b"] } });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json() as { id: string; token: string };
    expect(token).toMatch(/^pft_[\w-]{43}$/);
    const rows = await sql.query<Record<string, unknown>>("SELECT * FROM api_tokens WHERE id = $1", [id]);
    expect(rows[0]!.sha256).toBe(sha256(token));
    const everything = JSON.stringify(await sql.query("SELECT * FROM api_tokens"));
    for (const secret of [token, ...Object.values(tokens), ADMIN]) expect(everything).not.toContain(secret);
    const list = await admin({ method: "GET", url: "/api/v1/tokens" });
    expect(list.body).not.toContain(token);
    expect((list.json() as { tokens: { id: string; role: string; groups: string[] | null }[] }).tokens.find((t) => t.id === id)).toMatchObject({ role: "viewer", groups: ["cust-b"] });
    expect((await as(token, { method: "GET", url: "/api/v1/runs" })).statusCode).toBe(200);
    expect((await admin({ method: "DELETE", url: `/api/v1/tokens/${id}` })).statusCode).toBe(204);
    expect((await as(token, { method: "GET", url: "/api/v1/runs" })).statusCode).toBe(401);
    expect((await admin({ method: "DELETE", url: `/api/v1/tokens/${id}` })).statusCode).toBe(404);
    expect((await admin({ method: "DELETE", url: "/api/v1/tokens/no-such-token" })).statusCode).toBe(404);
  });

  it("refuses bad token requests: 422 for an empty group list, 400 for an unknown role, 403 for a scoped admin going wider", async () => {
    expect((await admin({ method: "POST", url: "/api/v1/tokens", payload: { name: "x", role: "viewer", groups: [] } })).statusCode).toBe(422);
    expect((await admin({ method: "POST", url: "/api/v1/tokens", payload: { name: "x", role: "root" } })).statusCode).toBe(400);
    expect((await as(tokens.adminA, { method: "POST", url: "/api/v1/tokens", payload: { name: "x", role: "viewer" } })).statusCode).toBe(403);
    expect((await as(tokens.adminA, { method: "POST", url: "/api/v1/tokens", payload: { name: "x", role: "viewer", groups: ["cust-b"] } })).statusCode).toBe(403);
    expect((await as(tokens.adminA, { method: "POST", url: "/api/v1/tokens", payload: { name: "a helper", role: "viewer", groups: ["cust-a"] } })).statusCode).toBe(201);
    const list = (await admin({ method: "GET", url: "/api/v1/tokens" })).json() as { tokens: { id: string; name: string; groups: string[] | null }[] };
    const wide = list.tokens.find((t) => t.groups === null && t.id !== "bootstrap")!;
    expect((await as(tokens.adminA, { method: "DELETE", url: `/api/v1/tokens/${wide.id}` })).statusCode).toBe(403);
    // A scoped admin lists its groups' tokens only, and does not read the (every customer's) audit log.
    const listA = (await as(tokens.adminA, { method: "GET", url: "/api/v1/tokens" })).json() as typeof list;
    expect(listA.tokens.map((t) => t.name).sort()).toEqual(["a helper", "customer A admin", "customer A operator", "customer A viewer"]);
    expect((await as(tokens.adminA, { method: "GET", url: "/api/v1/audit-log" })).statusCode).toBe(403);
    expect((await as(tokens.adminA, { method: "GET", url: "/api/v1/webhooks/deliveries" })).statusCode).toBe(403);
    const deliveries = await admin({ method: "GET", url: "/api/v1/webhooks/deliveries?limit=5" });
    expect(deliveries.statusCode).toBe(200);
    expect(deliveries.json()).toEqual({ endpoints: [], deliveries: [] });
    expect((await admin({ method: "GET", url: "/api/v1/webhooks/deliveries?limit=0" })).statusCode).toBe(400);
  });

  it("answers 404 for unknown stored resources and 422 for content the CLI's loaders refuse (test/server/resources.test.ts has the rest)", async () => {
    for (const route of ROUTES.filter((r) => /^\/api\/v1\/(inventories|check-packs|waivers)\/r1/.test(r.url) && r.method !== "PUT")) {
      const res = await admin(route);
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(404);
      expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    }
    expect((await admin({ method: "GET", url: "/api/v1/runs/r1/inputs" })).statusCode).toBe(404);
    for (const [path, payload] of [
      ["inventories", { inventory: "hosts: [" }],
      ["check-packs", { checks: ["no-such-check"] }],
      ["waivers", { waivers: "waivers: 3" }],
    ] as const) {
      const res = await admin({ method: "PUT", url: `/api/v1/${path}/r1`, payload });
      expect(res.statusCode, path).toBe(422);
      expect((res.json() as { errors: string[] }).errors.length, path).toBeGreaterThan(0);
    }
  });

  it("refuses an inventory with a password in it (422) and keeps nothing of it", async () => {
    const secret = "Plain-Text-Secret-42";
    const res = await as(tokens.operator, {
      method: "POST",
      url: "/api/v1/runs",
      payload: { inventory: `hosts:\n  fw1: { host: 127.0.0.1, platform: paloalto_panos, password: ${secret} }\n` },
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).not.toContain(secret);
    const runsDir = join(dataDir, "runs");
    const kept = existsSync(runsDir) ? readdirSync(runsDir) : [];
    expect((await sql.query("SELECT id FROM runs WHERE id = ANY($1::text[])", [kept])).length).toBe(kept.length);
    expect(JSON.stringify(await sql.query("SELECT * FROM runs"))).not.toContain(secret);
  });
});

describe("serve: runs, scopes, events, history", () => {
  let first: string;
  let second: string;

  it("follows a run by Server-Sent Events: one device-done per device, then run-finished", async () => {
    first = await startRun(tokens.operator);
    const res = await as(tokens.viewer, { method: "GET", url: `/api/v1/runs/${first}/events` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/event-stream/);
    const events = parseSse(res.body);
    expect(events.map((e) => e.event)).toEqual(["device-done", "device-done", "device-done", "run-finished"]);
    expect(events.slice(0, 3).map((e) => (e.data as { device: string }).device).sort()).toEqual(["fw-a1", "fw-a2", "fw-b1"]);
    expect(events[3]!.data).toMatchObject({ run: first, status: "finished", exitCode: 1 });
    expect(res.body).not.toContain(CREDS.password);
    await server.runsDone();
    // After the run, the stream is the stored results and the end.
    const again = parseSse((await as(tokens.viewer, { method: "GET", url: `/api/v1/runs/${first}/events` })).body);
    expect(again.map((e) => e.event)).toEqual(["device-done", "device-done", "device-done", "run-finished"]);
  });

  it("gives a viewer of group cust-a its devices only: run, report in every format, events, device history", async () => {
    const run = (await as(tokens.viewerA, { method: "GET", url: `/api/v1/runs/${first}` })).json() as { summary: { devices: number }; groups: string[]; selection?: unknown };
    expect(run.summary.devices).toBe(2);
    expect(run.groups).toEqual(["cust-a"]);
    expect(run.selection).toBeUndefined();
    expect(((await as(tokens.viewer, { method: "GET", url: `/api/v1/runs/${first}` })).json() as { groups: string[] }).groups.sort()).toEqual(["cust-a", "cust-b"]);
    const report = (await as(tokens.viewerA, { method: "GET", url: `/api/v1/runs/${first}/report?format=json` })).json() as RunReport;
    expect(report.devices.map((d) => d.name)).toEqual(["fw-a1", "fw-a2"]);
    for (const format of ["html", "junit", "csv", "md", "optics-csv"]) {
      const res = await as(tokens.viewerA, { method: "GET", url: `/api/v1/runs/${first}/report?format=${format}` });
      expect(res.statusCode).toBe(200);
      expect(res.body, format).toContain("fw-a2");
      expect(res.body, format).not.toContain("fw-b1");
    }
    const events = parseSse((await as(tokens.viewerA, { method: "GET", url: `/api/v1/runs/${first}/events` })).body);
    expect(events.filter((e) => e.event === "device-done").map((e) => (e.data as { device: string }).device)).toEqual(["fw-a1", "fw-a2"]);
    expect((await as(tokens.viewerA, { method: "GET", url: "/api/v1/devices/fw-b1/history" })).statusCode).toBe(404);
    expect((await as(tokens.viewer, { method: "GET", url: "/api/v1/devices/fw-b1/history" })).statusCode).toBe(200);
    const whole = (await as(tokens.viewer, { method: "GET", url: `/api/v1/runs/${first}/report` })).json() as RunReport;
    expect(whole.devices.map((d) => d.name)).toEqual(["fw-a1", "fw-a2", "fw-b1"]);
  });

  it("hides runs of other groups entirely, and lets a scoped operator audit its own groups only (403 otherwise)", async () => {
    const both = await startRun(tokens.operator, { groups: ["cust-a", "cust-b"], devices: ["fw-a1", "fw-b1"] });
    await server.runsDone();
    const seen = (await as(tokens.viewerA, { method: "GET", url: `/api/v1/runs/${both}/report` })).json() as RunReport;
    expect(seen.meta.selection).toMatchObject({ groups: ["cust-a"], devices: ["fw-a1"] });
    const refused = await as(tokens.operatorA, { method: "POST", url: "/api/v1/runs", payload: { inventory, knownHosts: fleet.knownHosts() } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ devices: ["fw-b1"] });
    const onlyB = await startRun(tokens.operator, { groups: ["cust-b"] });
    const mine = await startRun(tokens.operatorA, { groups: ["cust-a"] });
    await server.runsDone();
    for (const path of ["", "/report", "/events", "/changes"]) expect((await as(tokens.viewerA, { method: "GET", url: `/api/v1/runs/${onlyB}${path}` })).statusCode, path).toBe(404);
    expect((await as(tokens.operatorA, { method: "POST", url: `/api/v1/runs/${onlyB}/cancel` })).statusCode).toBe(404);
    const listA = (await as(tokens.viewerA, { method: "GET", url: "/api/v1/runs" })).json() as { runs: { id: string; summary?: unknown }[] };
    expect(listA.runs.map((r) => r.id)).toContain(mine);
    expect(listA.runs.map((r) => r.id)).not.toContain(onlyB);
    expect(listA.runs.every((r) => r.summary === undefined)).toBe(true);
    const listAll = (await as(tokens.viewer, { method: "GET", url: "/api/v1/runs" })).json() as { runs: { id: string; startedBy: string }[] };
    expect(listAll.runs.find((r) => r.id === mine)?.startedBy).toBe("customer A operator");
  });

  it("answers what changed since the previous run of the same selection", async () => {
    second = await startRun(tokens.operator);
    await server.runsDone();
    const res = await as(tokens.viewer, { method: "GET", url: `/api/v1/runs/${second}/changes` });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { previousRun: string; diff: { newProblems: unknown[]; stillFailing: { device: string; check: string }[] } };
    expect(body.previousRun).toBe(first);
    expect(body.diff.newProblems).toEqual([]);
    expect(body.diff.stillFailing.filter((p) => p.check === "panos-transceivers-supported").map((p) => p.device).sort()).toEqual(["fw-a2", "fw-b1"]);
    const scoped = (await as(tokens.viewerA, { method: "GET", url: `/api/v1/runs/${second}/changes` })).json() as typeof body;
    expect(scoped.diff.stillFailing.map((p) => p.device)).not.toContain("fw-b1");
    const none = (await as(tokens.viewer, { method: "GET", url: `/api/v1/runs/${first}/changes` })).json();
    expect(none).toEqual({ run: first, previousRun: null, diff: null });
    expect((await as(tokens.viewer, { method: "GET", url: "/api/v1/runs/nope/changes" })).statusCode).toBe(404);
  });

  it("gives a device's history, newest first, with its problems", async () => {
    const res = await as(tokens.viewerA, { method: "GET", url: "/api/v1/devices/fw-a2/history" });
    expect(res.statusCode).toBe(200);
    const { history } = res.json() as { history: { runId: string; status: string; softwareVersion: string; problems: { check: string; blocks: boolean }[] }[] };
    expect(history.map((h) => h.runId).slice(0, 2)).toEqual([second, expect.any(String)]);
    expect(history.map((h) => h.runId)).toContain(first);
    expect(history[0]).toMatchObject({ status: "blocked", softwareVersion: "10.1.9-h1" });
    expect(history[0]!.problems).toContainEqual(expect.objectContaining({ check: "panos-transceivers-supported", blocks: true }));
    expect((await as(tokens.viewer, { method: "GET", url: "/api/v1/devices/no-such-device/history" })).statusCode).toBe(404);
  });

  it("gives a check's pass rate per run and per day, over the devices in scope", async () => {
    const res = await as(tokens.viewer, { method: "GET", url: "/api/v1/checks/panos-transceivers-supported/pass-rate" });
    expect(res.statusCode).toBe(200);
    const { points } = res.json() as { points: { runId: string; pass: number; fail: number; passRate: number }[] };
    expect(points.find((p) => p.runId === first)).toMatchObject({ pass: 1, fail: 2, passRate: 1 / 3 });
    const scoped = (await as(tokens.viewerA, { method: "GET", url: "/api/v1/checks/panos-transceivers-supported/pass-rate" })).json() as { points: typeof points };
    expect(scoped.points.find((p) => p.runId === first)).toMatchObject({ pass: 1, fail: 1, passRate: 0.5 });
    const daily = (await as(tokens.viewer, { method: "GET", url: "/api/v1/checks/panos-transceivers-supported/pass-rate?by=day" })).json() as { points: { period: string; runs: number }[] };
    expect(daily.points).toHaveLength(1);
    expect(daily.points[0]!.period).toMatch(/T00:00:00\.000Z$/);
    expect(daily.points[0]!.runs).toBeGreaterThanOrEqual(4);
    expect((await as(tokens.viewer, { method: "GET", url: "/api/v1/checks/no-such-check/pass-rate" })).statusCode).toBe(404);
    expect((await as(tokens.viewer, { method: "GET", url: "/api/v1/checks/panos-transceivers-supported/pass-rate?by=year" })).statusCode).toBe(400);
  });

  it("gives a group's pass rate per run (every check, or one), over the devices in scope; another group's is not found", async () => {
    // Counted from the stored reports, device by device, to compare with the query.
    const expected = async (runId: string, group: string, check?: string) => {
      const report = (await as(tokens.viewer, { method: "GET", url: `/api/v1/runs/${runId}/report` })).json() as RunReport;
      const results = report.devices.filter((d) => d.groups.includes(group)).flatMap((d) => d.checks).filter((c) => check === undefined || c.id === check);
      const n = (s: string) => results.filter((c) => c.status === s).length;
      const evaluated = n("pass") + n("fail") + n("warn") + n("error");
      return { pass: n("pass"), fail: n("fail"), warn: n("warn"), error: n("error"), notEvaluated: results.length - evaluated, passRate: n("pass") / evaluated };
    };
    const res = await as(tokens.viewer, { method: "GET", url: "/api/v1/groups/cust-b/pass-rate" });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { group: string; by: string; points: { runId: string; runs: number; pass: number }[] };
    expect(body).toMatchObject({ group: "cust-b", by: "run" });
    expect(body.points.find((p) => p.runId === first)).toMatchObject({ runs: 1, ...(await expected(first, "cust-b")) });
    expect(body.points.find((p) => p.runId === second)).toMatchObject({ runs: 1, ...(await expected(second, "cust-b")) });
    const one = (await as(tokens.viewerA, { method: "GET", url: "/api/v1/groups/cust-a/pass-rate?check=panos-transceivers-supported" })).json() as typeof body & { check: string };
    expect(one.check).toBe("panos-transceivers-supported");
    expect(one.points.find((p) => p.runId === first)).toMatchObject({ pass: 1, fail: 1, passRate: 0.5 });
    expect((await as(tokens.viewerA, { method: "GET", url: "/api/v1/groups/cust-a/pass-rate?by=week" })).json()).toMatchObject({ by: "week", points: [expect.objectContaining({ period: expect.stringMatching(/T00:00:00\.000Z$/) })] });
    // A scoped viewer never learns about another customer's group: not found, as for an unknown group.
    const other = await as(tokens.viewerA, { method: "GET", url: "/api/v1/groups/cust-b/pass-rate" });
    expect(other.statusCode).toBe(404);
    expect(other.body).toBe((await as(tokens.viewerA, { method: "GET", url: "/api/v1/groups/no-such-group/pass-rate" })).body.replace("no-such-group", "cust-b"));
    expect((await as(tokens.viewer, { method: "GET", url: "/api/v1/groups/cust-a/pass-rate?by=year" })).statusCode).toBe(400);
  });

  it("gives the estate's optics inventory per run, over the devices in scope", async () => {
    const all = (await as(tokens.viewer, { method: "GET", url: "/api/v1/optics/history" })).json() as {
      runs: { runId: string; totals: Record<string, number>; parts: { vendor: string; part: string; verdict: string; ports: number; devices: number }[] }[];
    };
    const run = all.runs.find((r) => r.runId === first)!;
    expect(run.totals).toMatchObject({ optics: 4, supported: 2, unsupported: 2 });
    expect(run.parts).toContainEqual({ vendor: "FS", part: "SFP-10GSR-85", verdict: "unsupported", ports: 2, devices: 2 });
    expect(all.runs.findIndex((r) => r.runId === first)).toBeLessThan(all.runs.findIndex((r) => r.runId === second));
    const scoped = (await as(tokens.viewerA, { method: "GET", url: "/api/v1/optics/history" })).json() as typeof all;
    expect(scoped.runs.find((r) => r.runId === first)!.parts).toContainEqual({ vendor: "FS", part: "SFP-10GSR-85", verdict: "unsupported", ports: 1, devices: 1 });
  });

  it("cancels a running audit (operator), 409 once it has ended, 404 for an unknown run", async () => {
    const id = await startRun(tokens.operator, { concurrency: 1 });
    expect((await as(tokens.viewer, { method: "POST", url: `/api/v1/runs/${id}/cancel` })).statusCode).toBe(403);
    expect((await as(tokens.operator, { method: "POST", url: `/api/v1/runs/${id}/cancel` })).statusCode).toBe(202);
    await server.runsDone();
    expect(((await as(tokens.viewer, { method: "GET", url: `/api/v1/runs/${id}` })).json() as { status: string }).status).toBe("cancelled");
    expect((await as(tokens.operator, { method: "POST", url: `/api/v1/runs/${id}/cancel` })).statusCode).toBe(409);
    for (const path of ["", "/report", "/events", "/cancel"]) {
      const res = await as(tokens.operator, { method: path === "/cancel" ? "POST" : "GET", url: `/api/v1/runs/nope${path}` });
      expect(res.statusCode, path).toBe(404);
    }
  });

  it("keeps an audit log of who started and cancelled what and who managed tokens, for admins", async () => {
    const res = await admin({ method: "GET", url: "/api/v1/audit-log" });
    expect(res.statusCode).toBe(200);
    const { entries } = res.json() as { entries: { actor: string; action: string; target: string }[] };
    expect(entries).toContainEqual(expect.objectContaining({ actor: "change pipeline", action: "run.start", target: first }));
    expect(entries).toContainEqual(expect.objectContaining({ actor: "change pipeline", action: "run.cancel" }));
    expect(entries).toContainEqual(expect.objectContaining({ actor: "customer A operator", action: "run.start" }));
    expect(entries).toContainEqual(expect.objectContaining({ actor: "bootstrap", action: "token.create" }));
    expect(entries).toContainEqual(expect.objectContaining({ actor: "bootstrap", action: "token.revoke" }));
    expect(res.body).not.toContain(CREDS.password);
    for (const t of Object.values(tokens)) expect(res.body).not.toContain(t);
  });
});

describe("serve: Prometheus metrics", () => {
  it("GET /metrics: counts of runs and devices in Prometheus text, for an unscoped token; 401 without one, 403 scoped", async () => {
    const id = await startRun(tokens.operator);
    await server.runsDone();
    expect(id).toBeTruthy();
    const res = await as(tokens.viewer, { method: "GET", url: "/metrics" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    const value = (line: RegExp) => Number(new RegExp(`^${line.source} (\\d+(?:\\.\\d+)?)$`, "m").exec(res.body)?.[1]);
    expect(value(/preflight_runs_started_total\{source="api"\}/)).toBeGreaterThanOrEqual(1);
    expect(value(/preflight_runs_finished_total\{status="finished"\}/)).toBeGreaterThanOrEqual(1);
    expect(value(/preflight_devices_audited_total\{status="blocked"\}/)).toBeGreaterThanOrEqual(1);
    expect(value(/preflight_runs_in_progress/)).toBe(0);
    expect(value(/preflight_run_duration_seconds_count/)).toBeGreaterThanOrEqual(1);
    expect(res.body).toMatch(/^preflight_process_cpu_seconds_total \d/m);
    // Counts only: no device, group or token name.
    for (const name of ["fw-a1", "fw-b1", "cust-a", "noc viewer"]) expect(res.body).not.toContain(name);
    expect((await as(undefined, { method: "GET", url: "/metrics" })).statusCode).toBe(401);
    expect((await as(tokens.viewerA, { method: "GET", url: "/metrics" })).statusCode).toBe(403);
  });
});
