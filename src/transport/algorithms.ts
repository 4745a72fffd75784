// SSH algorithm lists: ssh2's modern defaults, the legacy ones a device may be allowed (opt-in per inventory group or
// host, or in ssh_config), OpenSSH's list syntax ("a,b" replaces, "+a" appends, "-a" removes, "^a" puts first), and
// which legacy algorithms a connection really negotiated, for the report.
//
// Legacy means: ssh2 supports it but does not offer it by default (SHA-1 key exchange, CBC ciphers, MD5/96-bit
// MACs, DSA host keys), plus the `ssh-rsa` host key signature (RSA with SHA-1), which OpenSSH 8.8 turned off by
// default and preflight does too; RSA host keys still work through rsa-sha2-256/512.
import { createRequire } from "node:module";

export type AlgorithmKind = "kex" | "serverHostKey" | "cipher" | "hmac";

interface Ssh2Constants {
  DEFAULT_KEX: string[];
  SUPPORTED_KEX: string[];
  DEFAULT_SERVER_HOST_KEY: string[];
  SUPPORTED_SERVER_HOST_KEY: string[];
  DEFAULT_CIPHER: string[];
  SUPPORTED_CIPHER: string[];
  DEFAULT_MAC: string[];
  SUPPORTED_MAC: string[];
}

// ssh2 publishes its algorithm tables only in this internal module (stable across 1.x; checked by the tests).
const constants = createRequire(import.meta.url)("ssh2/lib/protocol/constants.js") as Ssh2Constants;

const SHA1_RSA = "ssh-rsa";

export const DEFAULTS: Record<AlgorithmKind, readonly string[]> = {
  kex: constants.DEFAULT_KEX,
  serverHostKey: constants.DEFAULT_SERVER_HOST_KEY.filter((a) => a !== SHA1_RSA),
  cipher: constants.DEFAULT_CIPHER,
  hmac: constants.DEFAULT_MAC,
};

export const SUPPORTED: Record<AlgorithmKind, readonly string[]> = {
  kex: constants.SUPPORTED_KEX,
  serverHostKey: constants.SUPPORTED_SERVER_HOST_KEY,
  cipher: constants.SUPPORTED_CIPHER,
  hmac: constants.SUPPORTED_MAC,
};

const KINDS: AlgorithmKind[] = ["kex", "serverHostKey", "cipher", "hmac"];

/** ssh_config's names for the four lists. */
export const CONFIG_KEYWORDS: Record<AlgorithmKind, string> = { kex: "KexAlgorithms", serverHostKey: "HostKeyAlgorithms", cipher: "Ciphers", hmac: "MACs" };

export function isLegacy(kind: AlgorithmKind, name: string): boolean {
  return SUPPORTED[kind].includes(name) && !DEFAULTS[kind].includes(name);
}

/** Which list an algorithm name belongs to, when it is one ssh2 supports. */
export function kindOf(name: string): AlgorithmKind | undefined {
  return KINDS.find((kind) => SUPPORTED[kind].includes(name));
}

/** The algorithm lists one connection offers (in preference order). */
export type AlgorithmLists = Record<AlgorithmKind, string[]>;

export function defaultLists(): AlgorithmLists {
  return { kex: [...DEFAULTS.kex], serverHostKey: [...DEFAULTS.serverHostKey], cipher: [...DEFAULTS.cipher], hmac: [...DEFAULTS.hmac] };
}

/**
 * Opt-in legacy algorithms (inventory `legacy_algorithms`): each name is appended, last in preference, to its own
 * list, so a device that also speaks a modern algorithm still gets the modern one. Throws on a name that is not a
 * legacy algorithm ssh2 supports (a typo, or a modern one that needs no opt-in).
 */
export function withLegacy(lists: AlgorithmLists, names: readonly string[]): AlgorithmLists {
  const out: AlgorithmLists = { kex: [...lists.kex], serverHostKey: [...lists.serverHostKey], cipher: [...lists.cipher], hmac: [...lists.hmac] };
  for (const name of names) {
    const kind = kindOf(name);
    if (kind === undefined) throw new Error(`"${name}" is not an SSH algorithm preflight supports; legacy ones are: ${legacyNames().join(", ")}`);
    if (!isLegacy(kind, name)) throw new Error(`"${name}" is not a legacy algorithm (it is on by default): remove it from legacy_algorithms`);
    if (!out[kind].includes(name)) out[kind].push(name);
  }
  return out;
}

export function legacyNames(): string[] {
  return KINDS.flatMap((kind) => SUPPORTED[kind].filter((name) => isLegacy(kind, name)));
}

/** Applies one ssh_config list value (OpenSSH syntax, wildcards not supported) to `current`. */
export function applyConfigList(kind: AlgorithmKind, current: readonly string[], value: string): string[] {
  const op = /^[+\-^]/.test(value) ? value[0] : "";
  const names = (op === "" ? value : value.slice(1)).split(",").map((s) => s.trim()).filter(Boolean);
  for (const name of names) {
    if (/[*?]/.test(name)) throw new Error(`${CONFIG_KEYWORDS[kind]}: wildcards ("${name}") are not supported; name the algorithms`);
    if (op !== "-" && !SUPPORTED[kind].includes(name)) throw new Error(`${CONFIG_KEYWORDS[kind]}: "${name}" is not supported by ssh2; supported: ${SUPPORTED[kind].join(", ")}`);
  }
  switch (op) {
    case "+":
      return [...current, ...names.filter((n) => !current.includes(n))];
    case "-":
      return current.filter((n) => !names.includes(n));
    case "^":
      return [...names, ...current.filter((n) => !names.includes(n))];
    default:
      return names;
  }
}

/** What ssh2 reports on "handshake". */
export interface Negotiated {
  kex: string;
  serverHostKey: string;
  cs: { cipher: string; mac: string };
  sc: { cipher: string; mac: string };
}

/** The legacy algorithms a connection really used, each once, in kex/host key/cipher/MAC order. */
export function legacyInUse(negotiated: Negotiated): string[] {
  const used: [AlgorithmKind, string][] = [
    ["kex", negotiated.kex],
    ["serverHostKey", negotiated.serverHostKey],
    ["cipher", negotiated.cs.cipher],
    ["cipher", negotiated.sc.cipher],
    ["hmac", negotiated.cs.mac],
    ["hmac", negotiated.sc.mac],
  ];
  return [...new Set(used.filter(([kind, name]) => name !== "" && isLegacy(kind, name)).map(([, name]) => name))];
}
