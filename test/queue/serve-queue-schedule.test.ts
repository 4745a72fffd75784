// A schedule of a server with a queue (buildApp's `queue`, what `serve --queue` passes) starts its run through the
// queue like POST /api/v1/runs: a worker (in this process, src/queue/worker.ts) audits the device with its own
// credentials, the server holding none; a redis-server of our own on loopback, the device simulated over SSH.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Document } from "yaml";
import { loadChecks } from "../../src/checks/library.js";
import { builtinCredentialSet, DEFAULT_CREDENTIAL_SET } from "../../src/inventory/credential-sets.js";
import type { RunReport } from "../../src/model/result.js";
import { panosDevice, type PortSpec } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import { parseQueueUrl, type QueueAddress } from "../../src/queue/job.js";
import { startWorker, type RunningWorker } from "../../src/queue/worker.js";
import { buildApp, type PreflightServer } from "../../src/server/app.js";
import { openSql } from "../../src/server/db/sql.js";
import { startFleet } from "../../src/simulator/fleet.js";
import type { SimFleet } from "../../src/simulator/types.js";
import { KnownHosts } from "../../src/transport/known-hosts.js";
import { sessionOptionsFor } from "../../src/transport/run-options.js";
import { redisServer, startRedis, type RunningRedis } from "../helpers/redis.js";

const REDIS = redisServer();
const CREDS = { username: "audit", password: "queue-schedule-Pa55word" };
const OEM: PortSpec = { slot: 1, port: 1, sfp: { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", serial: "OEM1" } };
const ADMIN = "pft_admin-token-for-the-queue-schedule-test";

describe.skipIf(!REDIS)("serve --queue: schedules", () => {
  let redis: RunningRedis;
  let fleet: SimFleet;
  let server: PreflightServer;
  let worker: RunningWorker;
  const serverLog: string[] = [];
  const workerLog: string[] = [];

  beforeAll(async () => {
    redis = await startRedis(REDIS!);
    fleet = await startFleet([panosDevice({ name: "fw-ok", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM], ...CREDS, tags: ["sweep"] })]);
    const knownHosts = join(mkdtempSync(join(tmpdir(), "preflight-queue-schedule-")), "known_hosts");
    writeFileSync(knownHosts, fleet.knownHosts());
    const address = parseQueueUrl(redis.url) as QueueAddress;
    const { checks } = await loadChecks(["panos-transceivers-supported"]);
    worker = await startWorker({
      address,
      sites: ["default"],
      name: "in-process",
      concurrency: 2,
      leaseMs: 3000,
      checks,
      credentialSets: { [DEFAULT_CREDENTIAL_SET]: builtinCredentialSet() },
      env: { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password },
      ssh: { knownHosts: new KnownHosts(knownHosts), acceptNewHostKeys: false, session: sessionOptionsFor() },
      log: (line) => workerLog.push(line),
    });
    server = await buildApp({
      dataDir: mkdtempSync(join(tmpdir(), "preflight-queue-schedule-")),
      // No device credentials: the worker holds them.
      env: { PREFLIGHT_ADMIN_TOKEN: ADMIN },
      sql: await openSql("memory:"),
      scheduleTickMs: 100,
      queue: { url: redis.url, address, goneAfterMs: 5000 },
      log: (line) => serverLog.push(line),
    });
  }, 120_000);

  afterAll(async () => {
    await server?.app.close();
    await worker?.close();
    await fleet?.close();
    await redis?.stop();
  });

  it("a schedule's run is queued and audited by the worker; its report is stored", { timeout: 60_000 }, async () => {
    const admin = (method: "GET" | "POST", url: string, payload?: object) => server.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { authorization: `Bearer ${ADMIN}` } });
    const inventory = new Document({
      defaults: { credentials: "default", target_version: "10.2.4-h4" },
      groups: { dc1: {} },
      hosts: Object.fromEntries(fleet.devices.map((d) => [d.spec.name, { host: d.host, port: d.port, platform: d.spec.platform, groups: ["dc1"], tags: d.spec.tags ?? [] }])),
    }).toString();
    const created = await admin("POST", "/api/v1/schedules", { name: "queued sweep", cron: "* * * * * *", run: { inventory, tags: ["sweep"], checks: ["panos-transceivers-supported"] } });
    expect(created.statusCode, created.body).toBe(201);
    let runId: string | undefined;
    for (let i = 0; i < 200 && !runId; i++) {
      runId = ((await admin("GET", "/api/v1/schedules")).json() as { schedules: { lastRunId: string | null }[] }).schedules[0]?.lastRunId ?? undefined;
      if (!runId) await new Promise((r) => setTimeout(r, 100));
    }
    expect(runId).toBeDefined();
    let run: { status: string; source: string } | undefined;
    for (let i = 0; i < 300; i++) {
      run = (await admin("GET", `/api/v1/runs/${runId}`)).json() as { status: string; source: string };
      if (run.status !== "running") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(run).toMatchObject({ status: "finished", source: "schedule" });
    const report = (await admin("GET", `/api/v1/runs/${runId}/report`)).json() as RunReport;
    expect(report.devices.map((d) => [d.name, d.status])).toEqual([["fw-ok", "ready"]]);
    expect(serverLog).toContainEqual(`run ${runId}: queued 1 device(s) on ${redis.url} (site default: 1); run ${runId}`);
    expect(workerLog.some((line) => /^fw-ok: ready in /.test(line))).toBe(true);
  });
});
