// `preflight run --inventory netbox+http://...` end to end: the built CLI reads the devices from a NetBox API
// stand-in on loopback (NetBox 4.x records modelled from its documented schema, pointing at simulated devices by
// primary IP and the ssh_port custom field), audits them over SSH, and reports every device NetBox listed under the
// filters, grouped by NetBox site and role. `validate` checks the same source without contacting a device.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunReport } from "../../src/model/result.js";
import { eosImage, eosSwitch } from "../../src/platforms/arista_eos/simulator/switch.js";
import { panosDevice } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import { startFleet } from "../../src/simulator/fleet.js";
import type { SimFleet } from "../../src/simulator/types.js";
import { preflight } from "../helpers/cli.js";
import { netbox4Device, startNetboxStub, type NetboxStub } from "../helpers/netbox-server.js";

const CREDS = { username: "audit", password: "netbox-Run-pw" };
const TOKEN = "f00dfeed0123456789abcdef0123456789abcdef";
let fleet: SimFleet;
let netbox: NetboxStub;
let dir: string;

beforeAll(async () => {
  fleet = await startFleet([
    panosDevice({ name: "ams1-fw1", model: "PA-3220", swVersion: "10.1.9-h1", ports: [{ slot: 1, port: 1, sfp: { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", serial: "OEM1" } }], ...CREDS }),
    panosDevice({ name: "ams1-fw2", model: "PA-3220", swVersion: "10.1.9-h1", ports: [{ slot: 1, port: 1, sfp: { vendorName: "FS", partNumber: "SFP-10GSR-85", serial: "FS1" } }], ...CREDS }),
    eosSwitch({ name: "ams1-sw1", ...CREDS, images: [eosImage("4.28.3M"), eosImage("4.30.2F")] }),
  ]);
  const [fw1, fw2, sw1] = fleet.devices;
  netbox = await startNetboxStub({
    token: TOKEN,
    records: [
      netbox4Device({ id: 11, name: "ams1-fw1", platform: "paloalto-panos", address: "127.0.0.1/8", custom: { ssh_port: fw1!.port, target_version: "10.2.4-h4" } }),
      netbox4Device({ id: 12, name: "ams1-fw2", platform: "paloalto-panos", address: "127.0.0.1/8", tags: ["dmz"], custom: { ssh_port: fw2!.port, target_version: "10.2.4-h4" } }),
      netbox4Device({ id: 13, name: "ams1-sw1", platform: "eos", role: "leaf", address: "127.0.0.1/8", custom: { ssh_port: sw1!.port, target_version: "4.30.2F" } }),
      netbox4Device({ id: 14, name: "lon1-fw1", platform: "paloalto-panos", site: "lon1", address: "127.0.0.1/8", custom: { ssh_port: 1 } }),
    ],
  });
  dir = mkdtempSync(join(tmpdir(), "preflight-netbox-"));
  writeFileSync(join(dir, "known_hosts"), fleet.knownHosts());
});

afterAll(async () => {
  await netbox?.close();
  await fleet?.close();
});

const env = () => ({ PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password, NETBOX_TOKEN: TOKEN });

describe("preflight run --inventory netbox+http://...", () => {
  it("audits the devices of the NetBox site, grouped by site and role, and the report names the source", async () => {
    const source = `netbox+${netbox.url}?site=ams1&target_field=target_version`;
    const r = await preflight(["run", "-i", source, "--known-hosts", join(dir, "known_hosts"), "--checks", "panos-transceivers-supported,eos-target-image-on-flash", "--out", join(dir, "out"), "--no-progress", "--format", "json"], env());
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, "out", "report.json"), "utf8")) as RunReport;
    expect(report.meta.selection.inventory).toBe(source);
    expect(report.devices.map((d) => [d.name, d.status, d.groups])).toEqual([
      ["ams1-fw1", "ready", ["ams1", "firewall"]],
      ["ams1-fw2", "blocked", ["ams1", "firewall"]],
      ["ams1-sw1", "ready", ["ams1", "leaf"]],
    ]);
    expect(JSON.stringify(report)).not.toContain(TOKEN);
  });

  it("--group and --tag select among NetBox's devices by site/role and tag slugs", async () => {
    const source = `netbox+${netbox.url}?site=ams1&target_field=target_version`;
    const r = await preflight(["run", "-i", source, "--known-hosts", join(dir, "known_hosts"), "--group", "firewall", "--tag", "dmz", "--checks", "panos-transceivers-supported", "--out", join(dir, "sel"), "--no-progress", "--format", "json"], env());
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, "sel", "report.json"), "utf8")) as RunReport;
    expect(report.devices.map((d) => d.name)).toEqual(["ams1-fw2"]);
  });

  it("a bad source is exit 3 before any device is contacted, with every problem; validate says the same", async () => {
    const bad = `netbox+${netbox.url}?sit=ams1&platform_map=x:nope`;
    const r = await preflight(["run", "-i", bad, "--out", join(dir, "bad"), "--no-progress"], env());
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${bad}: unknown NetBox device filter "sit" (did you mean "site"?)`);
    expect(r.stderr).toContain('platform_map "x:nope": unknown platform "nope"');
    const v = await preflight(["validate", bad], env());
    expect(v.code).toBe(3);
    expect(v.stderr).toContain('unknown NetBox device filter "sit"');
    const good = await preflight(["validate", `netbox+${netbox.url}?site=ams1`], env());
    expect(good.stderr).toBe("");
    expect(good.code).toBe(0);
  });
});
