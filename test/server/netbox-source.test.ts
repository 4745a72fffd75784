// `POST /api/v1/runs` with a NetBox source as its inventory: the server reads the devices from NetBox (a loopback
// stand-in serving NetBox 4.x records modelled from the documented schema) with its own $NETBOX_TOKEN, audits the
// simulated firewalls they point at, and a token scoped to a group may audit that NetBox site only.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunReport } from "../../src/model/result.js";
import { panosDevice, type PortSpec } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import { buildApp, type PreflightServer } from "../../src/server/app.js";
import { openSql } from "../../src/server/db/sql.js";
import { startFleet } from "../../src/simulator/fleet.js";
import type { SimFleet } from "../../src/simulator/types.js";
import { netbox4Device, startNetboxStub, type NetboxStub } from "../helpers/netbox-server.js";

const CREDS = { username: "audit", password: "netbox-serve-Pa55word" };
const OEM: PortSpec = { slot: 1, port: 1, sfp: { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", serial: "OEM1" } };
const FS: PortSpec = { slot: 1, port: 2, sfp: { vendorName: "FS", partNumber: "SFP-10GSR-85", serial: "FS1" } };
const ADMIN = "pft_admin-token-for-the-netbox-tests";
const NETBOX_TOKEN = "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";

let fleet: SimFleet;
let netbox: NetboxStub;
let server: PreflightServer;
const as = (token: string, opts: InjectOptions) => server.app.inject({ ...opts, headers: { authorization: `Bearer ${token}`, ...opts.headers } });

beforeAll(async () => {
  fleet = await startFleet([
    panosDevice({ name: "ams1-fw1", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM], ...CREDS }),
    panosDevice({ name: "ams1-fw2", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM, FS], ...CREDS }),
    panosDevice({ name: "lon1-fw1", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM], ...CREDS }),
  ]);
  const [a1, a2, l1] = fleet.devices;
  netbox = await startNetboxStub({
    token: NETBOX_TOKEN,
    records: [
      netbox4Device({ id: 1, name: "ams1-fw1", platform: "paloalto-panos", address: "127.0.0.1/8", custom: { ssh_port: a1!.port, target_version: "10.2.4-h4" } }),
      netbox4Device({ id: 2, name: "ams1-fw2", platform: "paloalto-panos", address: "127.0.0.1/8", custom: { ssh_port: a2!.port, target_version: "10.2.4-h4" } }),
      netbox4Device({ id: 3, name: "lon1-fw1", platform: "paloalto-panos", site: "lon1", address: "127.0.0.1/8", custom: { ssh_port: l1!.port, target_version: "10.2.4-h4" } }),
    ],
  });
  server = await buildApp({
    dataDir: mkdtempSync(join(tmpdir(), "preflight-serve-netbox-")),
    env: { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password, PREFLIGHT_ADMIN_TOKEN: ADMIN, NETBOX_TOKEN },
    sql: await openSql("memory:"),
  });
}, 120_000);

afterAll(async () => {
  await server?.app.close();
  await netbox?.close();
  await fleet?.close();
});

const source = (query: string) => `netbox+${netbox.url}?${query}&target_field=target_version`;

describe("serve: a NetBox source as the run's inventory", () => {
  it("reads the site's devices from NetBox with the server's token, audits them, and reports them", { timeout: 60_000 }, async () => {
    const start = await as(ADMIN, { method: "POST", url: "/api/v1/runs", payload: { inventory: source("site=ams1"), knownHosts: fleet.knownHosts(), checks: ["panos-transceivers-supported"] } });
    expect(start.statusCode, start.body).toBe(202);
    await server.runsDone();
    const report = (await as(ADMIN, { method: "GET", url: `/api/v1/runs/${(start.json() as { id: string }).id}/report` })).json() as RunReport;
    expect(report.devices.map((d) => [d.name, d.status, d.groups])).toEqual([
      ["ams1-fw1", "ready", ["ams1", "firewall"]],
      ["ams1-fw2", "blocked", ["ams1", "firewall"]],
    ]);
    expect(report.meta.selection.inventory).toBe(source("site=ams1"));
    expect(JSON.stringify(report)).not.toContain(NETBOX_TOKEN);
  });

  it("a token scoped to group ams1 may not audit the lon1 site (403); a bad source is 422 with the CLI's message", async () => {
    const scoped = (await as(ADMIN, { method: "POST", url: "/api/v1/tokens", payload: { name: "ams operator", role: "operator", groups: ["ams1"] } })).json() as { token: string };
    const lon = await as(scoped.token, { method: "POST", url: "/api/v1/runs", payload: { inventory: source("site=lon1"), knownHosts: fleet.knownHosts() } });
    expect(lon.statusCode).toBe(403);
    expect((lon.json() as { devices: string[] }).devices).toEqual(["lon1-fw1"]);
    const bad = await as(ADMIN, { method: "POST", url: "/api/v1/runs", payload: { inventory: `netbox+${netbox.url}?sit=ams1` } });
    expect(bad.statusCode).toBe(422);
    expect((bad.json() as { errors: string[] }).errors[0]).toMatch(/unknown NetBox device filter "sit" \(did you mean "site"\?\)/);
  });
});
