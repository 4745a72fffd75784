// OpenSSH known_hosts: verifies a device's host key and records new ones. Written by hand because no maintained
// library reads the full format (hashed names, [host]:port, wildcards, negation, @revoked) and appends safely.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { statSync } from "node:fs";
import { appendFile, mkdir, open, readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { globToRegExp } from "../util/glob.js";

export type HostKeyStatus = "match" | "unknown" | "changed" | "revoked";

interface KnownHostsLine {
  /** Position in the file: lookups return entries in file order. */
  line: number;
  marker: "" | "@revoked";
  patterns: string;
  key: Buffer;
  keyType: string;
}

export function defaultKnownHostsPath(): string {
  return join(homedir(), ".ssh", "known_hosts");
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise; lower case like OpenSSH. */
export function hostLookupName(host: string, port: number): string {
  const name = host.toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

/** The key type is the first SSH string inside the blob (uint32 length + bytes); "" when the blob is malformed. */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return "";
  const len = blob.readUInt32BE(0);
  if (len === 0 || len > 64 || blob.length < 4 + len) return "";
  return blob.subarray(4, 4 + len).toString("latin1");
}

/** `SHA256:...` as `ssh-keygen -lf` prints it (base64 without padding). */
export function fingerprintSha256(blob: Buffer): string {
  return `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
}

function parseLine(raw: string, line: number): KnownHostsLine | undefined {
  const fields = raw.trim().split(/\s+/);
  if (fields[0] === undefined || fields[0] === "" || fields[0].startsWith("#")) return undefined;
  let marker: KnownHostsLine["marker"] = "";
  if (fields[0].startsWith("@")) {
    // @cert-authority lines name CAs, not host keys: preflight does not do certificate host keys, so they never match.
    if (fields[0] !== "@revoked") return undefined;
    marker = "@revoked";
    fields.shift();
  }
  const [patterns, , keyB64] = fields;
  if (patterns === undefined || keyB64 === undefined) return undefined;
  const key = Buffer.from(keyB64, "base64");
  const keyType = keyTypeOf(key);
  if (keyType === "") return undefined;
  return { line, marker, patterns, key, keyType };
}

const wildcards = new Map<string, RegExp>();

function wildcardToRegExp(pattern: string): RegExp {
  let re = wildcards.get(pattern);
  if (!re) {
    re = globToRegExp(pattern, { ignoreCase: true });
    wildcards.set(pattern, re);
  }
  return re;
}

/** A file parsed once: plain host names indexed, hashed and wildcard entries kept for matching. */
interface ParsedFile {
  mtimeMs: number;
  size: number;
  exact: Map<string, KnownHostsLine[]>;
  patterned: KnownHostsLine[];
}

function indexLines(text: string, mtimeMs: number, size: number): ParsedFile {
  const exact = new Map<string, KnownHostsLine[]>();
  const patterned: KnownHostsLine[] = [];
  text.split("\n").forEach((raw, i) => {
    const entry = parseLine(raw, i);
    if (!entry) return;
    if (entry.patterns.startsWith("|") || /[*?!]/.test(entry.patterns)) {
      patterned.push(entry);
      return;
    }
    for (const name of entry.patterns.toLowerCase().split(",")) {
      if (name === "") continue;
      const list = exact.get(name) ?? [];
      list.push(entry);
      exact.set(name, list);
    }
  });
  return { mtimeMs, size, exact, patterned };
}

/** `|1|salt|hash`: HMAC-SHA1 of the lookup name keyed with the salt (OpenSSH HashKnownHosts). */
function hashedMatches(entry: string, name: string): boolean {
  const [, , saltB64, hashB64] = entry.split("|");
  if (saltB64 === undefined || hashB64 === undefined) return false;
  const expected = Buffer.from(hashB64, "base64");
  const actual = createHmac("sha1", Buffer.from(saltB64, "base64")).update(name).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A comma list matches when some positive pattern matches and no negated one does (OpenSSH match_hostname). */
export function patternsMatch(patterns: string, name: string): boolean {
  if (patterns.startsWith("|1|")) return hashedMatches(patterns, name);
  let matched = false;
  for (const pattern of patterns.split(",")) {
    const negated = pattern.startsWith("!");
    const body = negated ? pattern.slice(1) : pattern;
    if (body === "" || !wildcardToRegExp(body).test(name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

/** Host key algorithms ssh2 can negotiate for a key type, so a client can prefer the types it already knows. */
export function hostKeyAlgorithmsFor(keyType: string): string[] {
  if (keyType === "ssh-rsa") return ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"];
  if (/^(ssh-ed25519|ecdsa-sha2-nistp(256|384|521))$/.test(keyType)) return [keyType];
  return [];
}

// One write queue per file, shared by every KnownHosts instance in the process, so parallel device logins that all
// accept a new key append whole lines one after the other.
const writeQueues = new Map<string, Promise<void>>();

/** Another key was recorded for the host while this one waited to be added. */
export class HostKeyConflict extends Error {
  constructor(name: string) {
    super(`another key was recorded for ${name} while this one waited to be accepted`);
    this.name = "HostKeyConflict";
  }
}

export class KnownHosts {
  readonly path: string;

  constructor(path: string = defaultKnownHostsPath()) {
    this.path = path;
  }

  /**
   * `revoked` when an @revoked line for this host holds the key (it fails whatever else the file says); `match` when
   * a line holds it; `changed` when the host is known with other keys (any type: a new type from a known host is
   * treated like a changed key, fail closed); `unknown` otherwise.
   */
  async verify(host: string, port: number, keyBlob: Buffer): Promise<HostKeyStatus> {
    const entries = await this.entriesFor(host, port);
    if (entries.some((e) => e.marker === "@revoked" && e.key.equals(keyBlob))) return "revoked";
    const trusted = entries.filter((e) => e.marker === "");
    if (trusted.some((e) => e.key.equals(keyBlob))) return "match";
    return trusted.length > 0 ? "changed" : "unknown";
  }

  /** Key types recorded for the host, in file order, for host key algorithm preference. */
  async knownKeyTypes(host: string, port: number): Promise<string[]> {
    const entries = await this.entriesFor(host, port);
    return [...new Set(entries.filter((e) => e.marker === "").map((e) => e.keyType))];
  }

  /** Appends `host type base64` (or `[host]:port ...`), creating the file (600) and its directory (700). */
  addKey(host: string, port: number, keyBlob: Buffer): Promise<void> {
    const keyType = keyTypeOf(keyBlob);
    if (keyType === "") return Promise.reject(new Error("cannot record a malformed host key"));
    const line = `${hostLookupName(host, port)} ${keyType} ${keyBlob.toString("base64")}\n`;
    // Checked again inside the write queue: two sessions that both saw the host as unknown must not record two
    // different keys for it (the second would be a changed key, as OpenSSH's accept-new would say).
    return this.enqueue(async () => {
      const trusted = (await this.matchingEntries(host, port)).filter((e) => e.marker === "");
      if (trusted.some((e) => e.key.equals(keyBlob))) return;
      if (trusted.length > 0) throw new HostKeyConflict(hostLookupName(host, port));
      await this.appendLine(line);
    });
  }

  private async entriesFor(host: string, port: number): Promise<KnownHostsLine[]> {
    // Wait for pending appends so a key accepted a moment ago by another session is seen.
    await writeQueues.get(this.path);
    return this.matchingEntries(host, port);
  }

  private async matchingEntries(host: string, port: number): Promise<KnownHostsLine[]> {
    const name = hostLookupName(host, port);
    const parsed = await this.parsed();
    const entries = [...(parsed.exact.get(name) ?? []), ...parsed.patterned.filter((e) => patternsMatch(e.patterns, name))];
    return entries.sort((a, b) => a.line - b.line);
  }

  /** The file parsed once and re-read only when it changes (a fleet audit looks it up once per device). */
  private cache: ParsedFile | undefined;
  /**
   * The read under way, shared by every lookup that finds the same file version: a run's first `concurrency`
   * devices all look up at once, and each reading and indexing the file itself cost concurrency × file size
   * (500 × a 10,000-line known_hosts at the start of a large run).
   */
  private loading: { mtimeMs: number; size: number; parsed: Promise<ParsedFile> } | undefined;

  private async parsed(): Promise<ParsedFile> {
    // Synchronous: a stat of a local file costs a few microseconds, the promise version's thread-pool round trip
    // several times that, once per device. A missing file means no host is known yet, as in OpenSSH.
    const info = statSync(this.path, { throwIfNoEntry: false });
    if (!info) return indexLines("", 0, 0);
    if (this.cache && this.cache.mtimeMs === info.mtimeMs && this.cache.size === info.size) return this.cache;
    const pending = this.loading;
    if (pending && pending.mtimeMs === info.mtimeMs && pending.size === info.size) return pending.parsed;
    const parsed = readFile(this.path, "utf8").then((text) => (this.cache = indexLines(text, info.mtimeMs, info.size)));
    const loading = { mtimeMs: info.mtimeMs, size: info.size, parsed };
    this.loading = loading;
    const done = (): void => {
      if (this.loading === loading) this.loading = undefined;
    };
    parsed.then(done, done);
    return parsed;
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const previous = writeQueues.get(this.path) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(task);
    const settled = next.catch(() => undefined);
    writeQueues.set(this.path, settled);
    void settled.then(() => {
      if (writeQueues.get(this.path) === settled) writeQueues.delete(this.path);
    });
    return next;
  }

  private async appendLine(line: string): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    // A file edited by hand may lack its final newline; do not glue our line onto the last one.
    const prefix = (await this.endsWithoutNewline()) ? "\n" : "";
    await appendFile(this.path, prefix + line, { mode: 0o600 });
  }

  private async endsWithoutNewline(): Promise<boolean> {
    let handle;
    try {
      handle = await open(this.path, "r");
    } catch {
      return false;
    }
    try {
      const { size } = await handle.stat();
      if (size === 0) return false;
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      return last[0] !== 0x0a;
    } finally {
      await handle.close();
    }
  }
}
