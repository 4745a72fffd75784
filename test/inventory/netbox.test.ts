// The NetBox inventory source against a NetBox API stand-in on loopback (test/helpers/netbox-server.ts).
// Real data: pynetbox's recorded /api/dcim/devices/ response (fixtures/netbox/, NetBox 2.x field shapes). Modelled:
// NetBox 4.x records written here from NetBox's documented device schema (status value strings, tag objects,
// IP family objects), said so where they are built.
import { readFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { loadNetboxInventory } from "../../src/inventory/netbox.js";
import { netbox4Device, startNetboxStub, type NetboxStub } from "../helpers/netbox-server.js";

type Json = Record<string, unknown>;
const RECORDED = (JSON.parse(readFileSync(new URL("../../fixtures/netbox/pynetbox__tests__fixtures__dcim__devices.json", import.meta.url), "utf8")) as { results: Json[] }).results;
const TOKEN = "0123456789abcdef0123456789abcdef01234567";
const env = { NETBOX_TOKEN: TOKEN };

let stub: NetboxStub | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

const source = (url: string, query: string) => `netbox+${url}?${query}`;

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("NetBox inventory source: pynetbox's recorded device list", () => {
  it("maps name, primary IPv4 (prefix length dropped), platform slug, site and role groups; pages through NetBox's page cap", async () => {
    stub = await startNetboxStub({ records: RECORDED, token: TOKEN, maxPageSize: 2 });
    const { inventory, diagnostics } = await loadNetboxInventory(source(stub.url, "platform=juniper-junos&has_primary_ip=true"), { env });
    expect(diagnostics).toEqual([]);
    expect(inventory?.devices.map((d) => [d.name, d.host, d.port, d.platform, d.groups])).toEqual([
      ["test1-core1", "10.0.254.1", 22, "juniper_junos", ["test1", "core-switch"]],
      ["test1-core2", "10.0.254.2", 22, "juniper_junos", ["test1", "core-switch"]],
      ["test1-edge1", "10.0.255.1", 22, "juniper_junos", ["test1", "router"]],
      ["test1-edge2", "10.0.255.2", 22, "juniper_junos", ["test1", "router"]],
    ]);
    expect(inventory?.devices.map((d) => d.index)).toEqual([0, 1, 2, 3]);
    expect(inventory?.devices[1]?.vars).toMatchObject({ site: "test1", role: "core-switch", netbox: { id: 8, model: "EX9214", manufacturer: "juniper", serial: "67856734534", platform: "juniper-junos" } });
    // Four devices, two per page: the pages NetBox's limit allows, offsets from what was read; status=active by default.
    expect(stub.requests.map((r) => new URL(r, "http://x").searchParams.get("offset"))).toEqual(["0", "2"]);
    expect(stub.requests.every((r) => new URL(r, "http://x").searchParams.get("status") === "active")).toBe(true);
  });

  it("every device that cannot be audited is named at once: no primary IP, no platform, a platform preflight does not know", async () => {
    stub = await startNetboxStub({ records: RECORDED, token: TOKEN });
    const { inventory, diagnostics } = await loadNetboxInventory(source(stub.url, "site=test1"), { env });
    expect(inventory).toBeUndefined();
    const messages = diagnostics.map((d) => d.message);
    expect(messages).toContain('device "test1-leaf1" (id 4) has no primary IP: set one in NetBox, or add has_primary_ip=true to the filters to leave such devices out');
    expect(messages.some((m) => m.startsWith('device "test1-oob1" (id 9) has no primary IP'))).toBe(true);
    expect(messages.some((m) => m.startsWith('device "test1-oob1" (id 9): NetBox platform "opengear" is not a preflight platform; map it with platform_map=opengear:<platform>'))).toBe(true);
    expect(messages).toContain('device "test1-pdu1" (id 11) has no platform in NetBox: set one, or filter by platform');
    expect(diagnostics.every((d) => d.file === source(stub!.url, "site=test1") && d.line === 0)).toBe(true);
  });

  it("a refused token is one clear error, and the token never appears in it", async () => {
    stub = await startNetboxStub({ records: RECORDED, token: TOKEN });
    const { diagnostics } = await loadNetboxInventory(source(stub.url, "site=test1"), { env: { NETBOX_TOKEN: "wrong-token-value" } });
    expect(diagnostics.map((d) => d.message)).toEqual(["NetBox refused the request (403): Invalid token"]);
    const none = await loadNetboxInventory(source(stub.url, "site=test1"), { env: {} });
    expect(none.diagnostics.map((d) => d.message)).toEqual(["NetBox refused the request (403, and $NETBOX_TOKEN is not set): Invalid token"]);
    expect(JSON.stringify([diagnostics, none.diagnostics])).not.toContain("wrong-token-value");
  });
});

describe("NetBox inventory source: filters and options are checked before NetBox is asked", () => {
  it("an unknown filter is refused with a did-you-mean (NetBox would ignore it and list the whole estate)", async () => {
    const { diagnostics } = await loadNetboxInventory("netbox+https://netbox.example.com/?sit=ams1&role=firewall&limit=5&tag=", { env });
    expect(diagnostics.map((d) => d.message)).toEqual([
      'unknown NetBox device filter "sit" (did you mean "site"?): NetBox would ignore it and list more devices than meant',
      '"limit" is set by preflight, which reads every page',
      'filter "tag" has no value',
    ]);
  });

  it("credentials in the URL, a fragment, a bad scheme and a bad platform_map are refused", async () => {
    const a = await loadNetboxInventory("netbox+https://admin:secret@netbox.example.com/?site=x#top", { env });
    expect(a.diagnostics.map((d) => d.message)).toEqual(["the URL carries credentials: put the API token in $NETBOX_TOKEN, never in the URL", "the URL has a #fragment, which NetBox never sees: remove it"]);
    const b = await loadNetboxInventory("netbox+ftp://netbox.example.com/", { env });
    expect(b.diagnostics.map((d) => d.message)).toEqual(['NetBox is reached over https (or http), not "ftp:"']);
    const c = await loadNetboxInventory("netbox+https://netbox.example.com/?platform_map=pan-fw:paloalto_pano,broken", { env });
    expect(c.diagnostics.map((d) => d.message)[0]).toMatch(/^platform_map "pan-fw:paloalto_pano": unknown platform "paloalto_pano" \(did you mean "paloalto_panos"\?\)/);
    expect(c.diagnostics.map((d) => d.message)[1]).toBe('platform_map "broken": expected <netbox platform slug>:<preflight platform>');
  });

  it("an unreachable NetBox and an answer that is not NetBox's are errors naming the URL", async () => {
    const port = await closedPort();
    const gone = await loadNetboxInventory(`netbox+http://127.0.0.1:${port}/?site=x`, { env });
    expect(gone.diagnostics.map((d) => d.message)).toEqual([`cannot reach NetBox at http://127.0.0.1:${port}: ECONNREFUSED`]);
    stub = await startNetboxStub({ records: RECORDED, token: TOKEN, prefix: "/netbox" });
    const wrongPrefix = await loadNetboxInventory(source(stub.url.replace("/netbox/", "/"), "site=test1"), { env });
    expect(wrongPrefix.diagnostics.map((d) => d.message)).toEqual(["NetBox answered 404 Not Found for /api/dcim/devices/: Not found."]);
  });
});

describe("NetBox inventory source: NetBox 4.x records (modelled from the documented schema)", () => {
  it("platform slugs map by netmiko name, alias or platform_map; tags, IPv6-only, ssh_port and a target custom field", async () => {
    stub = await startNetboxStub({
      prefix: "/netbox",
      token: TOKEN,
      records: [
        netbox4Device({ id: 1, name: "ams1-fw1", platform: "pan-firewall", address: "192.0.2.10/24", tags: ["pci", "upgrade-q1"], custom: { target_version: "10.2.4-h4", ssh_port: 2222 } }),
        netbox4Device({ id: 2, name: "ams1-sw1", platform: "arista-eos", address: "2001:db8::5/64", role: "access-switch" }),
        netbox4Device({ id: 3, name: "ams1-fg1", platform: "fortios", address: "192.0.2.12/24", custom: { ssh_port: null } }),
        netbox4Device({ id: 4, name: "lon1-fw1", platform: "panos", address: "198.51.100.1/24", site: "lon1" }),
      ],
    });
    const { inventory, diagnostics } = await loadNetboxInventory(source(stub.url, "site=ams1&platform_map=pan-firewall:paloalto_panos&target_field=target_version"), { env });
    expect(diagnostics).toEqual([]);
    expect(inventory?.devices.map((d) => ({ name: d.name, host: d.host, port: d.port, portGiven: d.portGiven, platform: d.platform, groups: d.groups, tags: d.tags, target: d.targetVersion }))).toEqual([
      { name: "ams1-fw1", host: "192.0.2.10", port: 2222, portGiven: true, platform: "paloalto_panos", groups: ["ams1", "firewall"], tags: ["pci", "upgrade-q1"], target: "10.2.4-h4" },
      { name: "ams1-sw1", host: "2001:db8::5", port: 22, portGiven: undefined, platform: "arista_eos", groups: ["ams1", "access-switch"], tags: [], target: undefined },
      { name: "ams1-fg1", host: "192.0.2.12", port: 22, portGiven: undefined, platform: "fortinet", groups: ["ams1", "firewall"], tags: [], target: undefined },
    ]);
    expect(inventory?.devices.every((d) => d.credentials.name === "default")).toBe(true);
  });

  it("two devices of the same name and a bad ssh_port are errors", async () => {
    stub = await startNetboxStub({
      token: TOKEN,
      records: [
        netbox4Device({ id: 1, name: "fw1", platform: "panos", address: "192.0.2.1/32" }),
        netbox4Device({ id: 2, name: "fw1", platform: "panos", address: "192.0.2.2/32", site: "lon1" }),
        netbox4Device({ id: 3, name: "fw3", platform: "panos", address: "192.0.2.3/32", custom: { ssh_port: "22a" } }),
      ],
    });
    const { diagnostics } = await loadNetboxInventory(source(stub.url, "role=firewall"), { env });
    expect(diagnostics.map((d) => d.message)).toEqual([
      'two NetBox devices are named "fw1" (ids 1 and 2): narrow the filters (site, tenant) so that names are unique',
      'device "fw3" (id 3): custom field ssh_port is "22a", not a port number (1-65535)',
    ]);
  });

  it("a v2 token (nbt_...) is sent as a Bearer token", async () => {
    stub = await startNetboxStub({ token: "x", records: [] });
    // The stub accepts only `Token x`: the Bearer form is refused, which shows the scheme that was sent.
    const { diagnostics } = await loadNetboxInventory(source(stub.url, "site=a"), { env: { NETBOX_TOKEN: "nbt_abc.def" } });
    expect(diagnostics.map((d) => d.message)).toEqual(["NetBox refused the request (403): Invalid token"]);
  });
});
