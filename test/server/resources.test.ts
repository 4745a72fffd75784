// Stored inventories, check packs and waiver sets (docs/server.md, "Stored resources"): versions, the CLI's
// validation (file:line:col, every problem at once, an inventory with a password refused), group scopes, runs that
// use them by reference (the waivers applied as `preflight run --waivers` applies them, the versions recorded),
// schedules that refer to them. Simulated Palo Alto firewalls of two customers over SSH; on an in-memory PGlite,
// and on a real PostgreSQL server when one is installed (test/helpers/postgres.ts).
import { mkdtempSync } from "node:fs";
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
import { startFleet } from "../../src/simulator/fleet.js";
import type { SimFleet } from "../../src/simulator/types.js";
import { applyWaivers } from "../../src/waivers/apply.js";
import { parseWaivers } from "../../src/waivers/load.js";
import { postgresBinDir, startPostgres, type PostgresServer } from "../helpers/postgres.js";

const CREDS = { username: "audit", password: "serve-resources-Pa55word" };
const OEM: PortSpec = { slot: 1, port: 1, sfp: { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", serial: "OEM1" } };
const FS: PortSpec = { slot: 1, port: 2, sfp: { vendorName: "FS", partNumber: "SFP-10GSR-85", serial: "FS1" } };
const ADMIN = "pft_admin-token-for-the-resource-tests";
const GROUP: Record<string, string> = { "fw-a1": "cust-a", "fw-a2": "cust-a", "fw-b1": "cust-b" };
const OPTICS = "panos-transceivers-supported";

// A check of the pack's own: the built-in commit-lock check under another id.
const OWN_CHECK = `id: site-commit-locks
title: No administrator holds a commit lock (site copy)
description: The site's copy of the built-in commit-lock check.
severity: high
platforms: [paloalto_panos]
tags: [site]
gather:
  locks:
    command: show commit-locks
    output: xml
    parser: panos-xml
assert:
  for_each: '($locks."commit-locks" == \`""\` && {l: \`[]\`} || {l: $locks."commit-locks".entry}).l'
  on_empty: pass
  key: '"@name"'
  require: none
  expect: { path: "@", not_empty: true }
message: "{{ $key }} holds a commit lock"
remediation: Ask the administrator to commit or revert and remove the lock.
`;
const WAIVERS = `waivers:
  - check: ${OPTICS}
    devices: [fw-a2]
    justification: FS optics approved for this site until the refresh (CHG-1234)
    owner: netops@example.com
    expires: "2099-12-31"
`;

let fleet: SimFleet;
let pgServer: PostgresServer | undefined;

function inventoryYaml(f: SimFleet, names: string[]): string {
  return new Document({
    defaults: { credentials: "default" },
    groups: { "cust-a": { target_version: "10.2.4-h4" }, "cust-b": { target_version: "10.2.4-h4" } },
    hosts: Object.fromEntries(
      f.devices.filter((d) => names.includes(d.spec.name)).map((d) => [d.spec.name, { host: d.host, port: d.port, platform: d.spec.platform, groups: [GROUP[d.spec.name]] }]),
    ),
  }).toString();
}

beforeAll(async () => {
  fleet = await startFleet([
    withSuiteOutputs(panosDevice({ name: "fw-a1", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM], ...CREDS })),
    withSuiteOutputs(panosDevice({ name: "fw-a2", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM, FS], ...CREDS })),
    withSuiteOutputs(panosDevice({ name: "fw-b1", model: "PA-3220", swVersion: "10.1.9-h1", ports: [FS], ...CREDS })),
  ]);
});

afterAll(async () => {
  await fleet?.close();
  await pgServer?.stop();
});

const DRIVERS = [
  { name: "PGlite", open: () => openSql("memory:") },
  ...(postgresBinDir()
    ? [
        {
          name: "PostgreSQL",
          open: async () => {
            pgServer ??= await startPostgres();
            return openSql(await pgServer.createDatabase("resources"));
          },
        },
      ]
    : []),
];

describe.each(DRIVERS)("stored resources on $name", ({ open }) => {
  let server: PreflightServer;
  let sql: Sql;
  let all: string;
  let onlyA: string;
  const tokens = {} as Record<"viewerA" | "operatorA" | "adminA" | "viewer" | "operator", string>;
  const as = (token: string, opts: InjectOptions) => server.app.inject({ ...opts, headers: { authorization: `Bearer ${token}`, ...opts.headers } });
  const admin = (opts: InjectOptions) => as(ADMIN, opts);
  const finished = async (id: string) => {
    await server.runsDone();
    return (await admin({ method: "GET", url: `/api/v1/runs/${id}/report` })).json() as RunReport;
  };

  beforeAll(async () => {
    all = inventoryYaml(fleet, ["fw-a1", "fw-a2", "fw-b1"]);
    onlyA = inventoryYaml(fleet, ["fw-a1", "fw-a2"]);
    sql = await open();
    server = await buildApp({ dataDir: mkdtempSync(join(tmpdir(), "preflight-resources-")), env: { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password, PREFLIGHT_ADMIN_TOKEN: ADMIN }, sql, scheduleTickMs: 200 });
    for (const [key, role, groups] of [
      ["viewerA", "viewer", ["cust-a"]],
      ["operatorA", "operator", ["cust-a"]],
      ["adminA", "admin", ["cust-a"]],
      ["viewer", "viewer", undefined],
      ["operator", "operator", undefined],
    ] as const) {
      const res = await admin({ method: "POST", url: "/api/v1/tokens", payload: { name: key, role, ...(groups ? { groups } : {}) } });
      tokens[key] = (res.json() as { token: string }).token;
    }
  });

  afterAll(async () => {
    await server?.app.close();
  });

  it("stores an inventory in versions: 201, an unchanged PUT changes nothing, a change is version 2, old versions stay readable", async () => {
    const put = await admin({ method: "PUT", url: "/api/v1/inventories/estate", payload: { inventory: all } });
    expect(put.statusCode, put.body).toBe(201);
    expect(put.headers.location).toBe("/api/v1/inventories/estate");
    const v1 = put.json() as { version: number; sha256: string; devices: number; groups: string[]; updatedBy: string; changed: boolean };
    expect(v1).toMatchObject({ kind: "inventory", name: "estate", version: 1, devices: 3, groups: ["cust-a", "cust-b"], updatedBy: "bootstrap", changed: true });
    expect(v1.sha256).toMatch(/^[0-9a-f]{64}$/);
    const again = await admin({ method: "PUT", url: "/api/v1/inventories/estate", payload: { inventory: all } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ version: 1, sha256: v1.sha256, changed: false });
    const v2 = await admin({ method: "PUT", url: "/api/v1/inventories/estate", payload: { inventory: `# edited\n${all}` } });
    expect(v2.json()).toMatchObject({ version: 2, changed: true });
    expect((await admin({ method: "GET", url: "/api/v1/inventories/estate" })).json()).toMatchObject({ version: 2, inventory: `# edited\n${all}` });
    expect((await admin({ method: "GET", url: "/api/v1/inventories/estate?version=1" })).json()).toMatchObject({ version: 1, sha256: v1.sha256, inventory: all });
    expect((await admin({ method: "GET", url: "/api/v1/inventories/estate?version=9" })).statusCode).toBe(404);
    const versions = (await as(tokens.viewer, { method: "GET", url: "/api/v1/inventories/estate/versions" })).json() as { versions: { version: number }[] };
    expect(versions.versions.map((v) => v.version)).toEqual([2, 1]);
    const list = (await as(tokens.viewer, { method: "GET", url: "/api/v1/inventories" })).json() as { inventories: Record<string, unknown>[] };
    expect(list.inventories.find((i) => i.name === "estate")).toMatchObject({ version: 2, devices: 3 });
    expect(JSON.stringify(list)).not.toContain("hosts:"); // the list has no content
    // Every change is in the audit log, the unchanged PUT is not.
    const log = (await admin({ method: "GET", url: "/api/v1/audit-log" })).json() as { entries: { action: string; target: string; detail: { version: number } }[] };
    expect(log.entries.filter((e) => e.action === "inventory.put" && e.target === "estate").map((e) => e.detail.version)).toEqual([2, 1]);
  });

  it("validates an inventory as the CLI does: every problem at once as inventory:line:col, 422 problem details", async () => {
    const bad = "hosts:\n  fw1: { host: 127.0.0.1, platform: paloalto_panoz }\n  fw2: { hots: 127.0.0.2, platform: paloalto_panos }\n";
    const res = await admin({ method: "PUT", url: "/api/v1/inventories/bad", payload: { inventory: bad } });
    expect(res.statusCode).toBe(422);
    expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    const body = res.json() as { title: string; errors: string[]; detail: string };
    expect(body.title).toBe("Invalid inventory");
    expect(body.errors.length).toBeGreaterThanOrEqual(2);
    for (const e of body.errors) expect(e).toMatch(/^inventory:\d+:\d+: /);
    expect(body.detail).toBe(body.errors.join("\n"));
    // The same words as POST /runs with the inventory inline (which are the CLI's).
    const inline = await admin({ method: "POST", url: "/api/v1/runs", payload: { inventory: bad } });
    expect((inline.json() as { errors: string[] }).errors).toEqual(body.errors);
    const yaml = await admin({ method: "PUT", url: "/api/v1/inventories/bad", payload: { inventory: "hosts:\n  fw1: { host: [\n" } });
    expect(yaml.statusCode).toBe(422);
    expect((yaml.json() as { errors: string[] }).errors[0]).toMatch(/^inventory:\d+:\d+: /);
    expect((await admin({ method: "GET", url: "/api/v1/inventories/bad" })).statusCode).toBe(404);
    // Schema: a missing field or an unknown one is 400, a bad name too.
    expect((await admin({ method: "PUT", url: "/api/v1/inventories/bad", payload: {} })).statusCode).toBe(400);
    expect((await admin({ method: "PUT", url: "/api/v1/inventories/bad", payload: { inventory: all, extra: 1 } })).statusCode).toBe(400);
    expect((await admin({ method: "PUT", url: "/api/v1/inventories/..hidden", payload: { inventory: all } })).statusCode).toBe(400);
  });

  it("refuses an inventory with a password written in it, with the CLI's message, and keeps nothing of it", async () => {
    const secret = "Stored-Plain-Secret-77";
    const text = `hosts:\n  fw1: { host: 127.0.0.1, platform: paloalto_panos, password: ${secret} }\n`;
    const res = await admin({ method: "PUT", url: "/api/v1/inventories/leaky", payload: { inventory: text } });
    expect(res.statusCode).toBe(422);
    expect(res.body).not.toContain(secret);
    const inline = await admin({ method: "POST", url: "/api/v1/runs", payload: { inventory: text } });
    expect((res.json() as { errors: string[] }).errors).toEqual((inline.json() as { errors: string[] }).errors);
    expect((res.json() as { errors: string[] }).errors[0]).toMatch(/^inventory:2:\d+: .*password/);
    expect(JSON.stringify(await sql.query("SELECT * FROM resource_versions"))).not.toContain(secret);
  });

  it("validates a check pack with the check loader: unknown ids with did-you-mean, its files' problems as files/<path>:line:col", async () => {
    const unknown = await admin({ method: "PUT", url: "/api/v1/check-packs/p", payload: { checks: ["panos-transceivers-suported", "tag:no-such-tag"] } });
    expect(unknown.statusCode).toBe(422);
    const errors = (unknown.json() as { errors: string[] }).errors;
    expect(errors).toEqual([`checks: "panos-transceivers-suported" is not a known check id (did you mean "${OPTICS}"?)`, expect.stringMatching(/^checks: no check has the tag "no-such-tag"/)]);
    const badFile = await admin({ method: "PUT", url: "/api/v1/check-packs/p", payload: { files: { "mine.yaml": OWN_CHECK.replace("severity: high", "severity: huge"), "sub/other.yaml": "id: [\n" } } });
    expect(badFile.statusCode).toBe(422);
    const fileErrors = (badFile.json() as { errors: string[] }).errors;
    expect(fileErrors.some((e) => /^files\/mine\.yaml:\d+:\d+: .*severity/.test(e))).toBe(true);
    expect(fileErrors.some((e) => /^files\/sub\/other\.yaml:\d+:\d+: /.test(e))).toBe(true);
    const paths = await admin({ method: "PUT", url: "/api/v1/check-packs/p", payload: { files: { "../escape.yaml": OWN_CHECK, "pack.yaml": "name: x" } } });
    expect(paths.statusCode).toBe(422);
    expect((paths.json() as { errors: string[] }).errors).toHaveLength(2);
    expect((await admin({ method: "PUT", url: "/api/v1/check-packs/p", payload: {} })).statusCode).toBe(422);
    const good = await admin({ method: "PUT", url: "/api/v1/check-packs/site", payload: { description: "site checks", files: { "site-commit-locks.yaml": OWN_CHECK }, checks: [OPTICS] } });
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json()).toMatchObject({ version: 1, checks: [OPTICS, "site-commit-locks"], files: 1 });
  });

  it("validates waivers as --waivers does (waivers:line:col), and stores them", async () => {
    const bad = await admin({ method: "PUT", url: "/api/v1/waivers/w", payload: { waivers: "waivers:\n  - check: x\n    owner: me\n    expires: 2026-02-30\n    justification: because\n    colour: red\n" } });
    expect(bad.statusCode).toBe(422);
    const errors = (bad.json() as { errors: string[] }).errors;
    expect(errors.length).toBeGreaterThanOrEqual(1);
    for (const e of errors) expect(e).toMatch(/^waivers:\d+:\d+: /);
    const good = await admin({ method: "PUT", url: "/api/v1/waivers/optics", payload: { waivers: WAIVERS } });
    expect(good.statusCode).toBe(201);
    expect(good.json()).toMatchObject({ version: 1, waivers: 1, checks: [OPTICS] });
  });

  it("keeps group scopes: a scoped token neither reads nor runs an inventory with other groups' devices, nor writes one", async () => {
    expect((await admin({ method: "PUT", url: "/api/v1/inventories/cust-a", payload: { inventory: onlyA } })).statusCode).toBe(201);
    const list = (await as(tokens.viewerA, { method: "GET", url: "/api/v1/inventories" })).json() as { inventories: { name: string }[] };
    expect(list.inventories.map((i) => i.name)).toEqual(["cust-a"]);
    expect((await as(tokens.viewerA, { method: "GET", url: "/api/v1/inventories/estate" })).statusCode).toBe(404);
    expect((await as(tokens.viewerA, { method: "GET", url: "/api/v1/inventories/estate/versions" })).statusCode).toBe(404);
    expect((await as(tokens.viewerA, { method: "GET", url: "/api/v1/inventories/cust-a" })).statusCode).toBe(200);
    // Not even a run on its own group's devices of that inventory: to this token it is not there.
    const run = await as(tokens.operatorA, { method: "POST", url: "/api/v1/runs", payload: { inventory: { ref: "estate" }, groups: ["cust-a"], checks: [OPTICS], knownHosts: fleet.knownHosts() } });
    expect(run.statusCode).toBe(404);
    expect(run.body).not.toContain("fw-b1");
    // A scoped admin stores inventories of its groups only, and no shared check pack or waiver set.
    const wider = await as(tokens.adminA, { method: "PUT", url: "/api/v1/inventories/a-too", payload: { inventory: all } });
    expect(wider.statusCode).toBe(403);
    expect((await as(tokens.adminA, { method: "PUT", url: "/api/v1/inventories/estate", payload: { inventory: onlyA } })).statusCode).toBe(403);
    expect((await as(tokens.adminA, { method: "DELETE", url: "/api/v1/inventories/estate" })).statusCode).toBe(404);
    expect((await as(tokens.adminA, { method: "PUT", url: "/api/v1/inventories/a-only", payload: { inventory: onlyA } })).statusCode).toBe(201);
    expect((await as(tokens.adminA, { method: "PUT", url: "/api/v1/waivers/mine", payload: { waivers: WAIVERS } })).statusCode).toBe(403);
    expect((await as(tokens.adminA, { method: "PUT", url: "/api/v1/check-packs/mine", payload: { checks: [OPTICS] } })).statusCode).toBe(403);
    // Check packs and waiver sets are read by every token.
    expect((await as(tokens.viewerA, { method: "GET", url: "/api/v1/waivers/optics" })).json()).toMatchObject({ waivers: WAIVERS });
    // Roles: an operator references but does not write.
    expect((await as(tokens.operator, { method: "PUT", url: "/api/v1/inventories/x", payload: { inventory: onlyA } })).statusCode).toBe(403);
    expect((await as(tokens.viewer, { method: "DELETE", url: "/api/v1/waivers/optics" })).statusCode).toBe(403);
  });

  it("runs a stored inventory, check pack and waiver set by reference, records their versions, and applies the waivers as --waivers does", async () => {
    const unknown = await as(tokens.operator, { method: "POST", url: "/api/v1/runs", payload: { inventory: { ref: "nope" }, checkPack: { ref: "site", version: 7 }, waivers: { ref: "none" } } });
    expect(unknown.statusCode).toBe(404);
    expect((unknown.json() as { errors: string[] }).errors).toEqual(['no stored inventory "nope"', 'no stored check pack "site" version 7', 'no stored waiver set "none"']);
    expect((await as(tokens.operator, { method: "POST", url: "/api/v1/runs", payload: { inventory: { ref: "estate", extra: 1 } } })).statusCode).toBe(400);

    // The same sweep without and with the waivers: the waived report is the CLI's applyWaivers of the other.
    const plain = await as(tokens.operator, { method: "POST", url: "/api/v1/runs", payload: { inventory: { ref: "estate", version: 1 }, checkPack: { ref: "site" }, knownHosts: fleet.knownHosts() } });
    expect(plain.statusCode, plain.body).toBe(202);
    const waived = await as(tokens.operator, { method: "POST", url: "/api/v1/runs", payload: { inventory: { ref: "estate" }, checkPack: { ref: "site" }, waivers: { ref: "optics" }, knownHosts: fleet.knownHosts() } });
    expect(waived.statusCode, waived.body).toBe(202);
    const plainReport = await finished((plain.json() as { id: string }).id);
    const waivedReport = await finished((waived.json() as { id: string }).id);
    expect(plainReport.meta.checks.map((c) => c.id).sort()).toEqual([OPTICS, "site-commit-locks"]);
    expect(plainReport.meta.selection.inventory).toBe("inventories/estate@1");
    expect(waivedReport.meta.selection.inventory).toBe("inventories/estate@2");
    const status = (r: RunReport) => Object.fromEntries(r.devices.map((d) => [d.name, { status: d.status, checks: Object.fromEntries(d.checks.map((c) => [c.id, c.status])) }]));
    expect(status(plainReport)["fw-a2"]!.checks[OPTICS]).toBe("fail");
    expect(status(waivedReport)["fw-a2"]!.checks[OPTICS]).toBe("waived");
    expect(status(waivedReport)["fw-b1"]!.checks[OPTICS]).toBe("fail");
    const cli = applyWaivers(plainReport, parseWaivers(WAIVERS, "waivers/optics@1").waivers, new Date()).report;
    expect(status(waivedReport)).toEqual(status(cli));
    expect(waivedReport.summary).toEqual(cli.summary);
    const reason = waivedReport.devices.find((d) => d.name === "fw-a2")!.checks.find((c) => c.id === OPTICS)!;
    expect(JSON.stringify(reason)).toContain("waivers/optics@1:2");

    const v = (name: string) => server.app.inject({ method: "GET", url: `/api/v1/inventories/${name}`, headers: { authorization: `Bearer ${ADMIN}` } }).then((r) => r.json() as { version: number; sha256: string });
    const inputs = (await as(tokens.viewer, { method: "GET", url: `/api/v1/runs/${(waived.json() as { id: string }).id}/inputs` })).json();
    const estate = await v("estate");
    expect(inputs).toMatchObject({ inventory: { ref: "estate", version: 2, sha256: estate.sha256 }, checkPack: { ref: "site", version: 1 }, waivers: { ref: "optics", version: 1 } });
    const inline = await as(tokens.operator, { method: "POST", url: "/api/v1/runs", payload: { inventory: onlyA, checks: [OPTICS], knownHosts: fleet.knownHosts() } });
    await finished((inline.json() as { id: string }).id);
    expect((await as(tokens.viewer, { method: "GET", url: `/api/v1/runs/${(inline.json() as { id: string }).id}/inputs` })).json()).toMatchObject({ inventory: { inline: true, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    // A scoped operator runs an inventory of its groups by reference.
    const scoped = await as(tokens.operatorA, { method: "POST", url: "/api/v1/runs", payload: { inventory: { ref: "cust-a" }, checks: [OPTICS], knownHosts: fleet.knownHosts() } });
    expect(scoped.statusCode, scoped.body).toBe(202);
    expect((await finished((scoped.json() as { id: string }).id)).devices.map((d) => d.name)).toEqual(["fw-a1", "fw-a2"]);
  });

  it("fires a schedule that names stored resources: its runs use them and record their versions; an unknown ref is refused at creation", { timeout: 60_000 }, async () => {
    const unknown = await admin({ method: "POST", url: "/api/v1/schedules", payload: { name: "broken", cron: "0 2 * * *", run: { inventory: { ref: "no-such" } } } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ detail: 'no stored inventory "no-such"' });
    // A scoped admin's schedule fires with its groups: another group's inventory is not there for it.
    expect((await as(tokens.adminA, { method: "POST", url: "/api/v1/schedules", payload: { name: "wide", cron: "0 2 * * *", run: { inventory: { ref: "estate" } } } })).statusCode).toBe(404);
    const created = await admin({ method: "POST", url: "/api/v1/schedules", payload: { name: "every second", cron: "* * * * * *", run: { inventory: { ref: "cust-a" }, waivers: { ref: "optics" }, checks: [OPTICS], knownHosts: fleet.knownHosts() } } });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: string }).id;
    let runId: string | undefined;
    for (let i = 0; i < 100 && !runId; i++) {
      await new Promise((r) => setTimeout(r, 200));
      runId = ((await admin({ method: "GET", url: "/api/v1/schedules" })).json() as { schedules: { id: string; lastRunId: string | null }[] }).schedules.find((s) => s.id === id)?.lastRunId ?? undefined;
    }
    expect(runId).toBeDefined();
    expect((await admin({ method: "DELETE", url: `/api/v1/schedules/${id}` })).statusCode).toBe(204);
    const report = await finished(runId!);
    expect(report.devices.find((d) => d.name === "fw-a2")!.checks.find((c) => c.id === OPTICS)!.status).toBe("waived");
    expect((await admin({ method: "GET", url: `/api/v1/runs/${runId}/inputs` })).json()).toMatchObject({ inventory: { ref: "cust-a", version: 1 }, waivers: { ref: "optics", version: 1 } });
  });

  it("refuses to delete a resource a schedule uses (409), deletes it otherwise; the runs' recorded versions stay", async () => {
    const created = await admin({ method: "POST", url: "/api/v1/schedules", payload: { name: "nightly", cron: "0 2 * * *", run: { inventory: { ref: "estate" }, waivers: { ref: "optics" }, checks: [OPTICS] } } });
    expect(created.statusCode, created.body).toBe(201);
    expect((created.json() as { run: unknown }).run).toMatchObject({ inventory: { ref: "estate" } });
    const refused = await admin({ method: "DELETE", url: "/api/v1/inventories/estate" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ detail: 'the inventory "estate" is used by the schedule "nightly": delete or change it first' });
    expect((await admin({ method: "DELETE", url: "/api/v1/waivers/optics" })).statusCode).toBe(409);
    expect((await admin({ method: "DELETE", url: "/api/v1/check-packs/site" })).statusCode).toBe(204);
    expect((await admin({ method: "GET", url: "/api/v1/check-packs/site" })).statusCode).toBe(404);
    expect((await admin({ method: "DELETE", url: "/api/v1/check-packs/site" })).statusCode).toBe(404);
    expect((await admin({ method: "DELETE", url: `/api/v1/schedules/${(created.json() as { id: string }).id}` })).statusCode).toBe(204);
    expect((await admin({ method: "DELETE", url: "/api/v1/inventories/estate" })).statusCode).toBe(204);
    expect((await admin({ method: "POST", url: "/api/v1/runs", payload: { inventory: { ref: "estate" } } })).statusCode).toBe(404);
    // Re-created, it continues the numbering: version 3, not a second version 1.
    expect((await admin({ method: "PUT", url: "/api/v1/inventories/estate", payload: { inventory: all } })).json()).toMatchObject({ version: 3 });
    const log = (await admin({ method: "GET", url: "/api/v1/audit-log" })).json() as { entries: { action: string; target: string }[] };
    expect(log.entries.map((e) => `${e.action} ${e.target}`)).toEqual(expect.arrayContaining(["inventory.delete estate", "check-pack.delete site", "check-pack.put site", "waivers.put optics"]));
    const kept = await sql.query<{ version: number }>("SELECT version FROM resource_versions WHERE kind = 'check-pack' AND name = 'site'");
    expect(kept.map((r) => r.version)).toEqual([1]);
  });
});
