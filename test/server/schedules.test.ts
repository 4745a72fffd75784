// Schedules in `preflight serve`: recurring sweeps from cron expressions (croner), started as their creator's scope,
// one run at a time per schedule (a fire time that finds the previous run still going is skipped and counted), fire
// times that passed while no server ran counted as missed (the schedule then runs once), against simulated firewalls
// over SSH on an in-memory PGlite, with the scheduler ticking every 100 ms.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Document } from "yaml";
import { panosDevice, type PortSpec } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import { buildApp, type PreflightServer } from "../../src/server/app.js";
import { openSql, type Sql } from "../../src/server/db/sql.js";
import { startFleet } from "../../src/simulator/fleet.js";
import type { SimFleet } from "../../src/simulator/types.js";

const CREDS = { username: "audit", password: "schedule-Pa55word" };
const OEM: PortSpec = { slot: 1, port: 1, sfp: { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", serial: "OEM1" } };
const ADMIN = "pft_admin-token-for-the-schedule-tests";

let fleet: SimFleet;
let server: PreflightServer;
let sql: Sql;
let inventory: string;
const as = (token: string, opts: InjectOptions) => server.app.inject({ ...opts, headers: { authorization: `Bearer ${token}`, ...opts.headers } });
const admin = (opts: InjectOptions) => as(ADMIN, opts);

interface Schedule {
  id: string;
  name: string;
  nextAt: string;
  lastRunId: string | null;
  lastError: string | null;
  missed: number;
  skipped: number;
  run: { inventory: string };
}
const schedules = async () => (((await admin({ method: "GET", url: "/api/v1/schedules" })).json() as { schedules: Schedule[] }).schedules);
async function until<T>(what: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const got = await what();
    if (got !== undefined) return got;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  fleet = await startFleet([
    panosDevice({ name: "fw-ok", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM], ...CREDS, tags: ["sweep"] }),
    // Logs in and never prompts: its run stays in progress until the device time limit.
    panosDevice({ name: "fw-hang", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM], ...CREDS, tags: ["hang"], faults: [{ kind: "hang-after-login" }] }),
  ]);
  inventory = new Document({
    defaults: { credentials: "default", target_version: "10.2.4-h4" },
    groups: { dc1: {} },
    hosts: Object.fromEntries(fleet.devices.map((d) => [d.spec.name, { host: d.host, port: d.port, platform: d.spec.platform, groups: ["dc1"], tags: d.spec.tags ?? [] }])),
  }).toString();
  sql = await openSql("memory:");
  server = await buildApp({
    dataDir: mkdtempSync(join(tmpdir(), "preflight-schedules-")),
    env: { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password, PREFLIGHT_ADMIN_TOKEN: ADMIN },
    sql,
    scheduleTickMs: 100,
  });
}, 120_000);

afterAll(async () => {
  await server?.app.close();
  await fleet?.close();
});

describe("serve: schedules", () => {
  it("a schedule fires on its cron and starts its audit as a schedule run; the list shows it without the inventory", { timeout: 60_000 }, async () => {
    const res = await admin({ method: "POST", url: "/api/v1/schedules", payload: { name: "nightly optics", cron: "* * * * * *", run: { inventory, knownHosts: fleet.knownHosts(), tags: ["sweep"], checks: ["panos-transceivers-supported"] } } });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as Schedule;
    expect(created.run.inventory).toBe(`${inventory.length} characters`);
    const fired = await until(async () => (await schedules()).find((s) => s.id === created.id && s.lastRunId));
    const run = (await admin({ method: "GET", url: `/api/v1/runs/${fired.lastRunId}` })).json() as { startedBy: string; source?: string };
    expect(run.startedBy).toBe("schedule nightly optics");
    expect(JSON.stringify(await schedules())).not.toContain(CREDS.password);
    expect((await admin({ method: "DELETE", url: `/api/v1/schedules/${created.id}` })).statusCode).toBe(204);
    expect((await admin({ method: "DELETE", url: `/api/v1/schedules/${created.id}` })).statusCode).toBe(404);
  });

  it("one run at a time: while its run is still going, the schedule's next fire times are skipped and counted", { timeout: 60_000 }, async () => {
    const res = await admin({ method: "POST", url: "/api/v1/schedules", payload: { name: "hanging sweep", cron: "* * * * * *", run: { inventory, knownHosts: fleet.knownHosts(), tags: ["hang"] } } });
    const id = (res.json() as Schedule).id;
    const skipped = await until(async () => (await schedules()).find((s) => s.id === id && s.skipped >= 2));
    const runs = ((await admin({ method: "GET", url: "/api/v1/runs?limit=100" })).json() as { runs: { id: string; startedBy: string; status: string }[] }).runs.filter((r) => r.startedBy === "schedule hanging sweep");
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id: skipped.lastRunId, status: "running" });
    const log = ((await admin({ method: "GET", url: "/api/v1/audit-log" })).json() as { entries: { action: string; target: string }[] }).entries;
    expect(log.filter((e) => e.action === "schedule.skip" && e.target === id).length).toBeGreaterThanOrEqual(2);
    await admin({ method: "POST", url: `/api/v1/runs/${skipped.lastRunId}/cancel` });
    await admin({ method: "DELETE", url: `/api/v1/schedules/${id}` });
  });

  it("fire times that passed while no server ran are counted as missed, and the schedule runs once", { timeout: 60_000 }, async () => {
    const res = await admin({ method: "POST", url: "/api/v1/schedules", payload: { name: "hourly", cron: "0 * * * *", run: { inventory, knownHosts: fleet.knownHosts(), tags: ["sweep"], checks: ["panos-transceivers-supported"] } } });
    const id = (res.json() as Schedule).id;
    // As if the server had been down for five hours and a bit: the due time is 5 h 10 min ago.
    await sql.query("UPDATE schedules SET next_at = date_trunc('hour', now()) - interval '5 hours' WHERE id = $1", [id]);
    const caught = await until(async () => (await schedules()).find((s) => s.id === id && s.lastRunId));
    expect(caught.missed).toBe(5);
    expect(new Date(caught.nextAt).getTime()).toBeGreaterThan(Date.now());
    const log = ((await admin({ method: "GET", url: "/api/v1/audit-log" })).json() as { entries: { action: string; target: string; detail: { missed: number } }[] }).entries;
    expect(log.find((e) => e.action === "schedule.missed" && e.target === id)?.detail.missed).toBe(5);
    await admin({ method: "DELETE", url: `/api/v1/schedules/${id}` });
  });

  it("refuses a bad cron or timezone (422), a taken name (409), and is for admins only (403)", async () => {
    const bad = await admin({ method: "POST", url: "/api/v1/schedules", payload: { name: "x", cron: "61 * * * *", run: { inventory } } });
    expect(bad.statusCode).toBe(422);
    expect((bad.json() as { detail: string }).detail).toMatch(/^cron "61 \* \* \* \*": .*minute/);
    expect((await admin({ method: "POST", url: "/api/v1/schedules", payload: { name: "x", cron: "0 2 * * *", timezone: "Mars/Olympus", run: { inventory } } })).statusCode).toBe(422);
    expect((await admin({ method: "POST", url: "/api/v1/schedules", payload: { name: "dup", cron: "0 2 * * *", run: { inventory } } })).statusCode).toBe(201);
    expect((await admin({ method: "POST", url: "/api/v1/schedules", payload: { name: "dup", cron: "0 3 * * *", run: { inventory } } })).statusCode).toBe(409);
    const op = (await admin({ method: "POST", url: "/api/v1/tokens", payload: { name: "op", role: "operator" } })).json() as { token: string };
    expect((await as(op.token, { method: "GET", url: "/api/v1/schedules" })).statusCode).toBe(403);
  });
});
