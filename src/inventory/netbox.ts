// NetBox as an inventory source: `--inventory 'netbox+https://netbox.example.com/?site=ams1&role=firewall'` reads
// the devices NetBox's REST API lists under those filters (GET /api/dcim/devices/, paginated with limit/offset),
// with the token from $NETBOX_TOKEN. Each device becomes a preflight device: its name, its primary IP (v4 first),
// its platform from NetBox's platform slug, groups from its site and role slugs, tags from its tag slugs, and what
// else a check or the report may want in `vars.netbox`. Every problem is reported at once, before any device is
// contacted: a filter NetBox does not know (NetBox ignores unknown filters and would return the whole estate), a
// device without a name, primary IP or known platform, two devices of the same name, a refused token.
// docs/inventory.md "NetBox".
import { knownPlatforms } from "../platforms/registry.js";
import type { Diagnostic } from "../util/diagnostics.js";
import { didYouMeanHint } from "../util/did-you-mean.js";
import { builtinCredentialSet, DEFAULT_CREDENTIAL_SET } from "./credential-sets.js";
import type { Device, InventoryParseResult } from "./types.js";

export const NETBOX_PREFIX = "netbox+";
const PAGE_SIZE = 250;
/** Bounds the pagination loop whatever the server answers (250 × 400 = 100,000 devices). */
const MAX_PAGES = 400;
const REQUEST_TIMEOUT_MS = 30_000;

/** NetBox's device filters preflight passes on (plus `cf_<custom field>`); any other name is refused. */
const FILTERS = [
  "site", "site_id", "site_group", "region", "location", "rack_id", "role", "role_id", "device_role", "tenant", "tenant_group",
  "tag", "status", "platform", "platform_id", "manufacturer", "model", "device_type", "device_type_id", "name", "name__ic",
  "q", "id", "serial", "asset_tag", "has_primary_ip", "virtual_chassis_member", "contact", "cluster_id",
];
/** preflight's own options in the query string, not sent to NetBox. */
const OPTIONS = ["platform_map", "target_field"];

/** NetBox platform slugs people use, by preflight platform (the netmiko name with `-` also matches). */
const SLUG_ALIASES: Record<string, string[]> = {
  paloalto_panos: ["panos", "pan-os", "paloalto", "palo-alto", "palo-alto-panos", "paloalto-pan-os"],
  juniper_junos: ["junos", "juniper"],
  arista_eos: ["eos", "arista"],
  cisco_nxos: ["nxos", "nx-os", "cisco-nx-os"],
  cisco_ios: ["ios", "cisco"],
  cisco_xe: ["ios-xe", "iosxe", "cisco-ios-xe", "cisco-iosxe"],
  fortinet: ["fortios", "fortigate", "fortinet-fortios"],
  frr: ["frrouting"],
};

export function isNetboxSource(inventory: string): boolean {
  return inventory.startsWith(NETBOX_PREFIX);
}

interface Source {
  /** The NetBox base URL (scheme, host, optional path prefix), without a trailing slash. */
  base: string;
  filters: [string, string][];
  platformMap: Map<string, string>;
  targetField?: string;
}

type Json = Record<string, unknown>;

export interface NetboxOptions {
  env?: NodeJS.ProcessEnv;
}

/** Reads the devices of a `netbox+http(s)://...` source; diagnostics name the source (never the token). */
export async function loadNetboxInventory(source: string, options: NetboxOptions = {}): Promise<InventoryParseResult> {
  const env = options.env ?? process.env;
  const problem = (message: string): Diagnostic => ({ file: source, line: 0, col: 0, message });
  const parsed = parseSource(source);
  if ("errors" in parsed) return { diagnostics: parsed.errors.map(problem) };
  const token = env.NETBOX_TOKEN;
  const records: Json[] = [];
  try {
    await fetchDevices(parsed, token, records);
  } catch (error) {
    return { diagnostics: [problem((error as Error).message)] };
  }
  const diagnostics: string[] = [];
  const credentials = builtinCredentialSet();
  const firstId = new Map<string, unknown>();
  const devices: Device[] = [];
  for (const record of records) {
    const device = toDevice(record, devices.length, parsed, credentials, diagnostics);
    if (!device) continue;
    const seen = firstId.get(device.name);
    if (seen !== undefined) {
      diagnostics.push(`two NetBox devices are named "${device.name}" (ids ${String(seen)} and ${String(record.id)}): narrow the filters (site, tenant) so that names are unique`);
      continue;
    }
    firstId.set(device.name, record.id);
    devices.push(device);
  }
  if (diagnostics.length) return { diagnostics: diagnostics.map(problem) };
  if (devices.length === 0) return { diagnostics: [problem(`NetBox lists no device for these filters (${describeFilters(parsed.filters)})`)] };
  return { inventory: { file: source, devices, credentialSets: { [DEFAULT_CREDENTIAL_SET]: credentials } }, diagnostics: [] };
}

function parseSource(source: string): Source | { errors: string[] } {
  let url: URL;
  try {
    url = new URL(source.slice(NETBOX_PREFIX.length));
  } catch {
    return { errors: [`not a URL after "${NETBOX_PREFIX}": expected netbox+https://netbox.example.com/?site=...`] };
  }
  const errors: string[] = [];
  if (url.protocol !== "https:" && url.protocol !== "http:") errors.push(`NetBox is reached over https (or http), not "${url.protocol}"`);
  if (url.username || url.password) errors.push("the URL carries credentials: put the API token in $NETBOX_TOKEN, never in the URL");
  if (url.hash) errors.push("the URL has a #fragment, which NetBox never sees: remove it");
  const filters: [string, string][] = [];
  const platformMap = new Map<string, string>();
  let targetField: string | undefined;
  const platforms = knownPlatforms();
  for (const [name, value] of url.searchParams) {
    if (name === "platform_map") {
      for (const pair of value.split(",").filter(Boolean)) {
        const [slug, platform] = pair.split(":").map((s) => s.trim());
        if (!slug || !platform) errors.push(`platform_map "${pair}": expected <netbox platform slug>:<preflight platform>`);
        else if (!platforms.includes(platform)) errors.push(`platform_map "${pair}": unknown platform "${platform}"${didYouMeanHint(platform, platforms)}; known: ${platforms.join(", ")}`);
        else platformMap.set(slug, platform);
      }
    } else if (name === "target_field") {
      targetField = value;
    } else if (FILTERS.includes(name) || /^cf_[a-z0-9_]+$/.test(name)) {
      if (value === "") errors.push(`filter "${name}" has no value`);
      else filters.push([name, value]);
    } else if (name === "limit" || name === "offset") {
      errors.push(`"${name}" is set by preflight, which reads every page`);
    } else {
      errors.push(`unknown NetBox device filter "${name}"${didYouMeanHint(name, [...FILTERS, ...OPTIONS])}: NetBox would ignore it and list more devices than meant`);
    }
  }
  // Planned, offline or decommissioning devices are not audited unless asked for.
  if (!filters.some(([name]) => name === "status")) filters.push(["status", "active"]);
  if (errors.length) return { errors };
  const base = `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  return { base, filters, platformMap, ...(targetField ? { targetField } : {}) };
}

async function fetchDevices(source: Source, token: string | undefined, into: Json[]): Promise<void> {
  const headers: Record<string, string> = { Accept: "application/json" };
  // NetBox 4.5's v2 tokens (nbt_...) are Bearer tokens; older ones use the `Token` scheme.
  if (token) headers.Authorization = token.startsWith("nbt_") ? `Bearer ${token}` : `Token ${token}`;
  let count: number | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams([...source.filters, ["limit", String(PAGE_SIZE)], ["offset", String(into.length)]]);
    const url = `${source.base}/api/dcim/devices/?${query}`;
    let response: Response;
    try {
      response = await fetch(url, { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(`cannot reach NetBox at ${source.base}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
    }
    const body = await response.text();
    if (response.status === 401 || response.status === 403) {
      throw new Error(`NetBox refused the request (${response.status}${token ? "" : ", and $NETBOX_TOKEN is not set"}): ${detail(body)}`);
    }
    if (!response.ok) throw new Error(`NetBox answered ${response.status} ${response.statusText} for /api/dcim/devices/: ${detail(body)}`);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new Error(`NetBox's answer is not JSON (is ${source.base} the NetBox URL?): ${body.slice(0, 80)}`);
    }
    const results = (json as Json)?.results;
    if (!Array.isArray(results) || typeof (json as Json).count !== "number") throw new Error("NetBox's answer has no count and results: not a device list");
    count ??= (json as Json).count as number;
    into.push(...(results as Json[]));
    if (results.length === 0 || into.length >= count || (json as Json).next == null) return;
  }
  throw new Error(`NetBox kept paging after ${MAX_PAGES} pages of ${PAGE_SIZE}: narrow the filters`);
}

function toDevice(record: Json, index: number, source: Source, credentials: ReturnType<typeof builtinCredentialSet>, diagnostics: string[]): Device | undefined {
  const id = String(record.id ?? "?");
  const name = typeof record.name === "string" ? record.name.trim() : "";
  const label = name ? `device "${name}" (id ${id})` : `device id ${id}`;
  const problems: string[] = [];
  if (!name) problems.push(`${label} has no name`);
  const host = primaryAddress(record);
  if (!host) problems.push(`${label} has no primary IP: set one in NetBox, or add has_primary_ip=true to the filters to leave such devices out`);
  const slug = slugOf(record.platform);
  const platform = slug === undefined ? undefined : platformFor(slug, source.platformMap);
  if (slug === undefined) problems.push(`${label} has no platform in NetBox: set one, or filter by platform`);
  else if (platform === undefined) problems.push(`${label}: NetBox platform "${slug}" is not a preflight platform; map it with platform_map=${slug}:<platform> (known: ${knownPlatforms().join(", ")})`);
  if (problems.length || !host || !platform) {
    diagnostics.push(...problems);
    return undefined;
  }
  const site = slugOf(record.site);
  const role = slugOf(record.role) ?? slugOf(record.device_role);
  const tags = Array.isArray(record.tags) ? record.tags.map((t) => (typeof t === "string" ? t : slugOf(t))).filter((t): t is string => Boolean(t)) : [];
  const custom = (record.custom_fields ?? {}) as Json;
  const target = source.targetField ? custom[source.targetField] : undefined;
  // A custom field `ssh_port` (integer) where SSH is not on 22; otherwise ssh_config's Port may apply.
  const sshPort = custom.ssh_port;
  if (sshPort !== undefined && sshPort !== null && !(Number.isInteger(sshPort) && (sshPort as number) >= 1 && (sshPort as number) <= 65535)) {
    diagnostics.push(`${label}: custom field ssh_port is ${JSON.stringify(sshPort)}, not a port number (1-65535)`);
    return undefined;
  }
  const deviceType = (record.device_type ?? {}) as Json;
  return {
    index,
    name,
    host,
    port: typeof sshPort === "number" ? sshPort : 22,
    ...(typeof sshPort === "number" ? { portGiven: true } : {}),
    platform,
    groups: [...new Set([site, role].filter((g): g is string => Boolean(g)))],
    tags,
    ...(typeof target === "string" && target.trim() ? { targetVersion: target.trim() } : {}),
    credentials,
    vars: {
      ...(site ? { site } : {}),
      ...(role ? { role } : {}),
      netbox: {
        id: record.id ?? null,
        url: typeof record.url === "string" ? record.url : null,
        model: typeof deviceType.model === "string" ? deviceType.model : null,
        manufacturer: slugOf(deviceType.manufacturer) ?? null,
        serial: typeof record.serial === "string" ? record.serial : null,
        tenant: slugOf(record.tenant) ?? null,
        platform: slug,
      },
    },
  };
}

/** The device's primary address without its prefix length: primary_ip4, else primary_ip, else primary_ip6. */
function primaryAddress(record: Json): string | undefined {
  for (const field of ["primary_ip4", "primary_ip", "primary_ip6"]) {
    const ip = record[field] as Json | null | undefined;
    if (ip && typeof ip.address === "string" && ip.address) return ip.address.split("/")[0];
  }
  return undefined;
}

function slugOf(value: unknown): string | undefined {
  if (value && typeof value === "object" && typeof (value as Json).slug === "string") return (value as Json).slug as string;
  return undefined;
}

function platformFor(slug: string, map: ReadonlyMap<string, string>): string | undefined {
  const mapped = map.get(slug);
  if (mapped) return mapped;
  const known = knownPlatforms();
  const normalised = slug.toLowerCase().replace(/-/g, "_");
  if (known.includes(normalised)) return normalised;
  return Object.entries(SLUG_ALIASES).find(([platform, aliases]) => known.includes(platform) && aliases.includes(slug.toLowerCase()))?.[0];
}

function detail(body: string): string {
  try {
    const json = JSON.parse(body) as Json;
    if (typeof json.detail === "string") return json.detail;
  } catch {
    // not JSON: show the start of the text
  }
  return body.slice(0, 120).replace(/\s+/g, " ").trim() || "(empty answer)";
}

function describeFilters(filters: readonly [string, string][]): string {
  return filters.map(([k, v]) => `${k}=${v}`).join("&");
}
