// A NetBox REST API stand-in on loopback for the NetBox inventory source: GET <prefix>/api/dcim/devices/ over the
// given device records, with NetBox's token check (`Authorization: Token <t>`, 403 {"detail": "Invalid token"}),
// its limit/offset pagination capped at a maximum page size (NetBox's MAX_PAGE_SIZE) with absolute `next` links, and
// the slug filters the tests use (site, role, tag, platform, status, has_primary_ip). Records are served as given:
// the real ones are pynetbox's recorded responses (fixtures/netbox/).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

type Json = Record<string, unknown>;

export interface NetboxStub {
  url: string;
  /** Every request's path and query, in order. */
  requests: string[];
  close(): Promise<void>;
}

export interface NetboxStubOptions {
  records: Json[];
  token: string;
  /** Path prefix NetBox is served under (e.g. "/netbox"). */
  prefix?: string;
  maxPageSize?: number;
}

const slug = (v: unknown): string | undefined => (v && typeof v === "object" ? ((v as Json).slug as string | undefined) : undefined);

function statusOf(record: Json): string {
  const status = record.status as Json | undefined;
  // NetBox 2.x recorded status as {value: true, label: "Active"}; 3.x+ as {value: "active", label: "Active"}.
  return typeof status?.value === "string" ? status.value : String(status?.label ?? "").toLowerCase();
}

function matches(record: Json, name: string, values: string[]): boolean {
  switch (name) {
    case "site":
      return values.includes(slug(record.site) ?? "");
    case "role":
      return values.includes(slug(record.role) ?? slug(record.device_role) ?? "");
    case "platform":
      return values.includes(slug(record.platform) ?? "");
    case "tag":
      return values.every((t) => Array.isArray(record.tags) && record.tags.some((x) => slug(x) === t));
    case "status":
      return values.includes(statusOf(record));
    case "has_primary_ip":
      return (record.primary_ip != null) === (values[0] === "true");
    default:
      return true;
  }
}

export async function startNetboxStub(options: NetboxStubOptions): Promise<NetboxStub> {
  const requests: string[] = [];
  const prefix = options.prefix ?? "";
  const max = options.maxPageSize ?? 1000;
  const server: Server = createServer((req: IncomingMessage, res) => {
    requests.push(req.url ?? "");
    const url = new URL(req.url ?? "/", "http://stub");
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Token ${options.token}`) return send(403, { detail: "Invalid token" });
    if (url.pathname !== `${prefix}/api/dcim/devices/`) return send(404, { detail: "Not found." });
    const filters = new Map<string, string[]>();
    for (const [k, v] of url.searchParams) if (k !== "limit" && k !== "offset") filters.set(k, [...(filters.get(k) ?? []), v]);
    const all = options.records.filter((r) => [...filters].every(([k, v]) => matches(r, k, v)));
    const limit = Math.min(Number(url.searchParams.get("limit") ?? 50), max);
    const offset = Number(url.searchParams.get("offset") ?? 0);
    const page = all.slice(offset, offset + limit);
    const link = (o: number) => {
      const q = new URLSearchParams(url.searchParams);
      q.set("limit", String(limit));
      q.set("offset", String(o));
      return `http://${req.headers.host}${prefix}/api/dcim/devices/?${q}`;
    };
    send(200, { count: all.length, next: offset + limit < all.length ? link(offset + limit) : null, previous: offset > 0 ? link(Math.max(0, offset - limit)) : null, results: page });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A device as NetBox 4.x lists it (modelled from its documented schema, not captured). */
export function netbox4Device(over: { id: number; name: string; platform: string | null; address: string | null; site?: string; role?: string; tags?: string[]; custom?: Json }): Json {
  const ref = (kind: string, s: string) => ({ id: 1, url: `https://netbox.example.com/api/dcim/${kind}/1/`, display: s, name: s, slug: s, description: "" });
  const ip = over.address && { id: over.id, url: `https://netbox.example.com/api/ipam/ip-addresses/${over.id}/`, display: over.address, family: { value: over.address.includes(":") ? 6 : 4, label: over.address.includes(":") ? "IPv6" : "IPv4" }, address: over.address, description: "" };
  return {
    id: over.id,
    url: `https://netbox.example.com/api/dcim/devices/${over.id}/`,
    display: over.name,
    name: over.name,
    device_type: { id: 7, url: "https://netbox.example.com/api/dcim/device-types/7/", display: "PA-3220", manufacturer: ref("manufacturers", "palo-alto"), model: "PA-3220", slug: "pa-3220", description: "" },
    role: ref("device-roles", over.role ?? "firewall"),
    tenant: null,
    platform: over.platform === null ? null : ref("platforms", over.platform),
    serial: `SN${over.id}`,
    asset_tag: null,
    site: ref("sites", over.site ?? "ams1"),
    status: { value: "active", label: "Active" },
    primary_ip: ip,
    primary_ip4: ip && !over.address?.includes(":") ? ip : null,
    primary_ip6: ip && over.address?.includes(":") ? ip : null,
    tags: (over.tags ?? []).map((t, i) => ({ id: i + 1, url: `https://netbox.example.com/api/extras/tags/${i + 1}/`, display: t, name: t, slug: t, color: "9e9e9e" })),
    custom_fields: over.custom ?? {},
  };
}
