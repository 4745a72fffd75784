// The serve API against simulated devices over SSH: start an audit, poll it, fetch reports, the CLI's error
// messages as problem+json, cancel, 404s; and one real listen on 127.0.0.1:0. The database is an in-memory PGlite;
// requests carry the admin token given by PREFLIGHT_ADMIN_TOKEN.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { panosDevice, type PortSpec } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import { withSuiteOutputs } from "../../src/platforms/paloalto_panos/simulator/suite/index.js";
import type { RunReport } from "../../src/model/result.js";
import { buildApp } from "../../src/server/app.js";
import { openSql } from "../../src/server/db/sql.js";
import { startFleet } from "../../src/simulator/fleet.js";
import { fleetInventoryYaml } from "../../src/simulator/inventory.js";
import type { SimFleet } from "../../src/simulator/types.js";

const CREDS = { username: "audit", password: "serve-test-Pa55word" };
// A Palo Alto-supplied optic as the device reports it (vendor-name OEM, the PAN SKU as part number: PR #111 capture).
const OEM: PortSpec = { slot: 1, port: 1, sfp: { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", serial: "OEM1" } };
const FS: PortSpec = { slot: 1, port: 2, sfp: { vendorName: "FS", partNumber: "SFP-10GSR-85", serial: "FS1" } };

let fleet: SimFleet;
let server: Awaited<ReturnType<typeof buildApp>>;
let app: Awaited<ReturnType<typeof buildApp>>["app"];
let inventory: string;
const ADMIN = "pft_admin-token-for-the-serve-tests";
const auth = { authorization: `Bearer ${ADMIN}` };
const call = (opts: InjectOptions) => app.inject({ ...opts, headers: { ...auth, ...opts.headers } });

beforeAll(async () => {
  fleet = await startFleet([
    withSuiteOutputs(panosDevice({ name: "fw-ok", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM], ...CREDS, tags: ["ok"] })),
    withSuiteOutputs(panosDevice({ name: "fw-bad", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM, FS], ...CREDS, tags: ["bad"] })),
  ]);
  inventory = fleetInventoryYaml(fleet, { group: "lab", targetVersion: "10.2.4-h4" });
  server = await buildApp({
    dataDir: mkdtempSync(join(tmpdir(), "preflight-serve-")),
    env: { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password, PREFLIGHT_ADMIN_TOKEN: ADMIN },
    sql: await openSql("memory:"),
  });
  app = server.app;
});

afterAll(async () => {
  await app?.close();
  await fleet?.close();
});

async function finished(id: string): Promise<Record<string, unknown>> {
  await server.runsDone();
  const res = await call({ method: "GET", url: `/api/v1/runs/${id}` });
  return res.json();
}

describe("preflight serve API", () => {
  it("answers /healthz", async () => {
    const res = await app.inject({ method: "GET", url: "/healthz" }); // no token needed
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok" });
  });

  it("publishes an OpenAPI 3.1 document generated from the route schemas", async () => {
    const res = await app.inject({ method: "GET", url: "/openapi.json" }); // no token needed
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> };
    expect(doc.openapi).toBe("3.1.0");
    // Validated against the OpenAPI 3.1 JSON Schema (the specification's own, shipped by the validator).
    const validator = new Validator();
    const result = await validator.validate(doc as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/api/v1/audit-log",
      "/api/v1/check-packs",
      "/api/v1/check-packs/{name}",
      "/api/v1/check-packs/{name}/versions",
      "/api/v1/checks/{id}/pass-rate",
      "/api/v1/devices/{name}/history",
      "/api/v1/groups/{name}/pass-rate",
      "/api/v1/inventories",
      "/api/v1/inventories/{name}",
      "/api/v1/inventories/{name}/versions",
      "/api/v1/optics/history",
      "/api/v1/runs",
      "/api/v1/runs/{id}",
      "/api/v1/runs/{id}/cancel",
      "/api/v1/runs/{id}/changes",
      "/api/v1/runs/{id}/events",
      "/api/v1/runs/{id}/inputs",
      "/api/v1/runs/{id}/report",
      "/api/v1/schedules",
      "/api/v1/schedules/{id}",
      "/api/v1/tokens",
      "/api/v1/tokens/{id}",
      "/api/v1/waivers",
      "/api/v1/waivers/{name}",
      "/api/v1/waivers/{name}/versions",
      "/api/v1/webhooks",
      "/api/v1/webhooks/deliveries",
      "/api/v1/webhooks/{id}",
      "/healthz",
      "/metrics",
    ]);
    expect(doc.paths["/api/v1/runs"]?.post?.requestBody).toBeDefined();
  });

  it("starts an audit, reports progress and status, and serves every report format", async () => {
    const start = await call({ method: "POST", url: "/api/v1/runs", payload: { inventory, knownHosts: fleet.knownHosts() } });
    expect(start.statusCode).toBe(202);
    const id = (start.json() as { id: string }).id;
    expect(start.headers.location).toBe(`/api/v1/runs/${id}`);
    expect(start.json()).toMatchObject({ status: "running", progress: { total: 2 } });

    const run = await finished(id);
    expect(run).toMatchObject({ id, status: "finished", progress: { done: 2, total: 2 }, summary: { exitCode: 1 } });

    const json = await call({ method: "GET", url: `/api/v1/runs/${id}/report?format=json` });
    expect(json.statusCode).toBe(200);
    const report = json.json() as RunReport;
    expect(report.devices.map((d) => [d.name, d.status])).toEqual([
      ["fw-ok", "ready"],
      ["fw-bad", "blocked"],
    ]);
    expect(report.meta.selection.inventory).toBe("inventory");
    const html = await call({ method: "GET", url: `/api/v1/runs/${id}/report?format=html` });
    expect(html.headers["content-type"]).toMatch(/text\/html/);
    expect(html.body).toContain("SFP-10GSR-85");
    const junit = await call({ method: "GET", url: `/api/v1/runs/${id}/report?format=junit` });
    expect(junit.body).toMatch(/<testsuites/);
    const csv = await call({ method: "GET", url: `/api/v1/runs/${id}/report?format=csv` });
    expect(csv.body).toContain("fw-bad");
    for (const text of [json.body, html.body, junit.body, csv.body]) expect(text).not.toContain(CREDS.password);

    const list = await call({ method: "GET", url: "/api/v1/runs" });
    expect((list.json() as { runs: { id: string }[] }).runs.map((r) => r.id)).toContain(id);
  });

  it("applies the selection as the CLI does", async () => {
    const start = await call({ method: "POST", url: "/api/v1/runs", payload: { inventory, knownHosts: fleet.knownHosts(), tags: ["ok"] } });
    const run = await finished((start.json() as { id: string }).id);
    expect(run).toMatchObject({ status: "finished", progress: { total: 1 }, summary: { exitCode: 0 } });
  });

  it("returns the CLI's inventory errors, with line and column, as problem+json 422", async () => {
    const res = await call({ method: "POST", url: "/api/v1/runs", payload: { inventory: "groups:\n  lab:\n    hosts: [1, 2\n" } });
    expect(res.statusCode).toBe(422);
    expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    const body = res.json() as { title: string; status: number; errors: string[] };
    expect(body.status).toBe(422);
    expect(body.errors.length).toBeGreaterThan(0);
    expect(body.errors[0]).toMatch(/^inventory:\d+:\d+: /);
  });

  it("never reads paths on the server's disk as checks: a check file or folder given in `checks` is not a known check id", async () => {
    const folder = join(process.cwd(), "checks", "paloalto_panos");
    const file = join(folder, "panos-commit-locks.yaml");
    const before = (await call({ method: "GET", url: "/api/v1/runs" })).json() as { runs: unknown[] };
    const res = await call({ method: "POST", url: "/api/v1/runs", payload: { inventory, checks: [file, folder, "checks"] } });
    expect(res.statusCode).toBe(422);
    const body = res.json() as { errors: string[] };
    expect(body.errors).toEqual(
      expect.arrayContaining([file, folder, "checks"].map((spec) => expect.stringContaining(`"${spec}" is not a known check id`))),
    );
    expect(((await call({ method: "GET", url: "/api/v1/runs" })).json() as { runs: unknown[] }).runs).toHaveLength(before.runs.length);
  });

  it("reports an unknown group with the CLI's message", async () => {
    const res = await call({ method: "POST", url: "/api/v1/runs", payload: { inventory, groups: ["nope"] } });
    expect(res.statusCode).toBe(422);
    expect((res.json() as { detail: string }).detail).toMatch(/nope/);
  });

  it("rejects a malformed body with 400 problem+json", async () => {
    const res = await call({ method: "POST", url: "/api/v1/runs", payload: { inventory: "x", bogus: 1 } });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
  });

  it("answers 404 for an unknown run, its report and its cancel, and 400 for an unknown format", async () => {
    for (const url of ["/api/v1/runs/none", "/api/v1/runs/none/report"]) expect((await call({ method: "GET", url })).statusCode).toBe(404);
    expect((await call({ method: "POST", url: "/api/v1/runs/none/cancel" })).statusCode).toBe(404);
    const start = await call({ method: "POST", url: "/api/v1/runs", payload: { inventory, knownHosts: fleet.knownHosts(), tags: ["ok"] } });
    const id = (start.json() as { id: string }).id;
    await server.runsDone();
    expect((await call({ method: "GET", url: `/api/v1/runs/${id}/report?format=pdf` })).statusCode).toBe(400);
  });

  it("cancels a running audit and still reports it", async () => {
    const start = await call({ method: "POST", url: "/api/v1/runs", payload: { inventory, knownHosts: fleet.knownHosts(), concurrency: 1 } });
    const id = (start.json() as { id: string }).id;
    const cancel = await call({ method: "POST", url: `/api/v1/runs/${id}/cancel` });
    expect(cancel.statusCode).toBe(202);
    const run = await finished(id);
    expect(run.status).toBe("cancelled");
    const report = (await call({ method: "GET", url: `/api/v1/runs/${id}/report` })).json() as RunReport;
    expect(report.meta.interrupted).toBe(true);
    // Devices the cancel stopped say who cancelled (the token's name), as the CLI's say "interrupted by Ctrl-C".
    const stopped = report.devices.filter((d) => d.status === "not-run");
    expect(stopped.length).toBeGreaterThan(0);
    for (const d of stopped) expect(d.reason).toMatch(/^cancelled by \S+/);
  });

  it("serves over a real listener on 127.0.0.1", async () => {
    const { app: listening } = await buildApp({ dataDir: mkdtempSync(join(tmpdir(), "preflight-serve-")), env: { PREFLIGHT_ADMIN_TOKEN: ADMIN }, sql: await openSql("memory:") });
    const address = await listening.listen({ host: "127.0.0.1", port: 0 });
    try {
      const res = await fetch(`${address}/healthz`);
      expect(res.status).toBe(200);
      const missing = await fetch(`${address}/api/v1/runs/x`, { headers: auth });
      expect(missing.status).toBe(404);
      expect(missing.headers.get("content-type")).toMatch(/application\/problem\+json/);
    } finally {
      await listening.close();
    }
  });
});
