// OpenSSH client configuration (~/.ssh/config or --ssh-config FILE), read with the `ssh-config` package and resolved
// per device the way ssh(1) does: the first value obtained for each keyword wins, Host and Match blocks in file order.
//
// Supported deliberately: Host, Match host/originalhost/user/all, HostName (with %h), Port, User, IdentityFile,
// ProxyJump (chains "a,b", each hop [user@]host[:port], each hop itself resolved through the file), ConnectTimeout,
// ServerAliveInterval, KexAlgorithms/HostKeyAlgorithms/Ciphers/MACs (with OpenSSH's +, - and ^ prefixes).
// Refused deliberately, naming file:line: ProxyCommand (preflight runs no local commands on behalf of a config file)
// and Match exec / canonical / final / localuser / localnetwork / tagged (they cannot be evaluated without running
// commands or without state preflight does not have; guessing would silently pick other settings than ssh would).
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import SSHConfig from "ssh-config";
import { applyConfigList, defaultLists, type AlgorithmKind, type AlgorithmLists } from "./algorithms.js";

export class SshConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SshConfigError";
  }
}

export interface JumpHop {
  /** As written in ProxyJump (for messages). */
  spec: string;
  host: string;
  port: number;
  user?: string;
  identityFiles: string[];
}

export interface ResolvedSshConfig {
  hostName: string;
  port?: number;
  user?: string;
  identityFiles: string[];
  /** Outermost hop first: ProxyJump a,b connects to a, through a to b, through b to the device. */
  jumps: JumpHop[];
  connectTimeoutMs?: number;
  serverAliveIntervalMs?: number;
  /** Only the kinds the file set; each already applied to preflight's defaults. */
  algorithms: Partial<AlgorithmLists>;
}

const SUPPORTED_MATCH = new Set(["host", "originalhost", "user", "all"]);
const ALGORITHM_KEYWORDS: Record<string, AlgorithmKind> = { kexalgorithms: "kex", hostkeyalgorithms: "serverHostKey", ciphers: "cipher", macs: "hmac" };
const MAX_JUMPS = 8;

export class SshConfigFile {
  readonly path: string;
  private readonly config: SSHConfig;
  private readonly lines: string[];

  private constructor(path: string, text: string) {
    this.path = path;
    this.lines = text.split(/\r?\n/);
    try {
      this.config = SSHConfig.parse(text);
    } catch (err) {
      throw new SshConfigError(`${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.refuseUnsupportedMatch();
  }

  static parse(path: string, text: string): SshConfigFile {
    return new SshConfigFile(path, text);
  }

  /** `--ssh-config FILE` must exist; without it ~/.ssh/config is read only if present; `none` reads nothing. */
  static load(option: string | undefined, home = homedir()): SshConfigFile | undefined {
    if (option === "none") return undefined;
    const path = option ?? join(home, ".ssh", "config");
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (err) {
      if (option === undefined && (err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw new SshConfigError(`cannot read ssh config ${path}: ${(err as Error).message}`);
    }
    return new SshConfigFile(path, text);
  }

  /** The settings ssh(1) would use to reach `host` as `user` (the inventory's username, if any). */
  resolve(host: string, user?: string): ResolvedSshConfig {
    return this.resolveHost(host, user, 0);
  }

  private resolveHost(host: string, user: string | undefined, depth: number): ResolvedSshConfig {
    const computed = this.compute(host, user);
    const proxyCommand = first(computed.proxycommand);
    if (proxyCommand !== undefined && proxyCommand.toLowerCase() !== "none") {
      throw new SshConfigError(`${this.where(/^\s*ProxyCommand\b/i, proxyCommand)}: ProxyCommand (for ${host}) is not supported: preflight runs no local commands from an ssh config; use ProxyJump`);
    }
    const hostName = (first(computed.hostname) ?? host).replace(/%h/g, host);
    const out: ResolvedSshConfig = { hostName, identityFiles: list(computed.identityfile).map(expandHome), jumps: [], algorithms: {} };
    const port = first(computed.port);
    if (port !== undefined) out.port = this.number("Port", port, 1, 65535);
    const configUser = first(computed.user);
    if (configUser !== undefined) out.user = configUser;
    const timeout = first(computed.connecttimeout);
    if (timeout !== undefined) out.connectTimeoutMs = this.number("ConnectTimeout", timeout, 1, 86400) * 1000;
    const alive = first(computed.serveraliveinterval);
    if (alive !== undefined) out.serverAliveIntervalMs = this.number("ServerAliveInterval", alive, 0, 86400) * 1000;
    for (const [keyword, kind] of Object.entries(ALGORITHM_KEYWORDS)) {
      const value = first(computed[keyword]);
      if (value === undefined) continue;
      try {
        out.algorithms[kind] = applyConfigList(kind, defaultLists()[kind], value);
      } catch (err) {
        throw new SshConfigError(`${this.where(new RegExp(`^\\s*${keyword}\\b`, "i"), value)}: ${(err as Error).message}`);
      }
    }
    const jump = first(computed.proxyjump);
    if (jump !== undefined && jump.toLowerCase() !== "none") out.jumps = this.jumpChain(jump, depth);
    return out;
  }

  private jumpChain(value: string, depth: number): JumpHop[] {
    if (depth >= MAX_JUMPS) throw new SshConfigError(`${this.path}: ProxyJump chain longer than ${MAX_JUMPS} hops (a loop?)`);
    const hops: JumpHop[] = [];
    for (const spec of value.split(",").map((s) => s.trim()).filter(Boolean)) {
      const parsed = parseHop(spec);
      if (parsed === undefined) throw new SshConfigError(`${this.where(/^\s*ProxyJump\b/i, value)}: ProxyJump hop "${spec}" is not [user@]host[:port]`);
      // Each hop is a host of its own in the file (its HostName, Port, User, IdentityFile, and its own ProxyJump).
      const hop = this.resolveHost(parsed.host, parsed.user, depth + 1);
      hops.push(...hop.jumps);
      const resolved: JumpHop = { spec, host: hop.hostName, port: parsed.port ?? hop.port ?? 22, identityFiles: hop.identityFiles };
      const hopUser = parsed.user ?? hop.user;
      if (hopUser !== undefined) resolved.user = hopUser;
      hops.push(resolved);
    }
    return hops;
  }

  private compute(host: string, user: string | undefined): Record<string, string | string[]> {
    const raw = this.config.compute(user === undefined ? { Host: host } : { Host: host, User: user }, { ignoreCase: true, matchExec: false });
    const out: Record<string, string | string[]> = {};
    for (const [key, value] of Object.entries(raw)) out[key.toLowerCase()] = value;
    return out;
  }

  private refuseUnsupportedMatch(): void {
    this.lines.forEach((line, i) => {
      const m = /^\s*Match\s+(.*)$/i.exec(line);
      if (m === null) return;
      for (const word of (m[1] ?? "").split(/\s+/)) {
        const keyword = word.replace(/^!/, "").toLowerCase();
        if (!/^[a-z]+$/.test(keyword) || !["exec", "canonical", "final", "localuser", "localnetwork", "tagged", "host", "originalhost", "user", "all"].includes(keyword)) continue;
        if (SUPPORTED_MATCH.has(keyword)) continue;
        const why = keyword === "exec" ? "preflight runs no local commands from an ssh config" : "preflight cannot evaluate it as ssh would";
        throw new SshConfigError(`${this.path}:${i + 1}: Match ${keyword} is not supported (${why}); supported: Match host, originalhost, user, all`);
      }
    });
    // The parser would look canonical names up by running nslookup: refused like any local command.
    const canonical = this.lines.findIndex((line) => /^\s*CanonicalizeHostname\s*[= ]\s*(yes|always)\b/i.test(line));
    if (canonical >= 0) throw new SshConfigError(`${this.path}:${canonical + 1}: CanonicalizeHostname is not supported (it would run local DNS look-up commands); set HostName instead`);
  }

  private number(keyword: string, value: string, min: number, max: number): number {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new SshConfigError(`${this.where(new RegExp(`^\\s*${keyword}\\b`, "i"), value)}: ${keyword} "${value}" is not a whole number from ${min} to ${max}`);
    return n;
  }

  /** path:line of the first line with this keyword and value (the parser keeps no positions). */
  private where(keyword: RegExp, value: string): string {
    const index = this.lines.findIndex((line) => keyword.test(line) && line.includes(value));
    const fallback = this.lines.findIndex((line) => keyword.test(line));
    const at = index >= 0 ? index : fallback;
    return at >= 0 ? `${this.path}:${at + 1}` : this.path;
  }
}

/** [user@]host[:port], or [user@][v6addr]:port. */
export function parseHop(spec: string): { host: string; port?: number; user?: string } | undefined {
  const m = /^(?:([^@\s]+)@)?(\[[^\]]+\]|[^:@\s]+)(?::(\d{1,5}))?$/.exec(spec);
  if (m === null) return undefined;
  const host = (m[2] ?? "").replace(/^\[|\]$/g, "");
  const out: { host: string; port?: number; user?: string } = { host };
  if (m[1] !== undefined) out.user = m[1];
  if (m[3] !== undefined) {
    const port = Number(m[3]);
    if (port < 1 || port > 65535) return undefined;
    out.port = port;
  }
  return out;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function expandHome(path: string): string {
  return path.startsWith("~/") ? join(homedir(), path.slice(2)) : path;
}
