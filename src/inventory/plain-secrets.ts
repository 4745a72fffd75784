// Refuses secrets written in plain text in an inventory. Inventories get committed, mailed and attached to tickets;
// credentials live in environment variables (or key files) and the inventory only names them.

export type SecretKind = "password" | "passphrase" | "private key" | "secret";

export interface PlainSecret {
  /** Key path of the offending key (or of the value, for a private key pasted into some other key). */
  path: Array<string | number>;
  kind: SecretKind;
}

const SECRET_WORDS: ReadonlyMap<string, SecretKind> = new Map([
  ["password", "password"],
  ["passwd", "password"],
  ["pwd", "password"],
  ["secret", "secret"],
  ["token", "secret"],
  ["psk", "secret"],
  ["passphrase", "passphrase"],
]);

/** `key` alone or after one of these words is key material, or a key that works like a password (`api_key`). */
const KEY_QUALIFIERS: ReadonlyMap<string, SecretKind> = new Map([
  ["private", "private key"],
  ["ssh", "private key"],
  ["api", "secret"],
  ["auth", "secret"],
  ["access", "secret"],
  ["secret", "secret"],
]);

/** Keys that only name where a secret lives (an environment variable, a file): those are what we ask for. */
const REFERENCE_SUFFIXES = new Set(["env", "file", "path"]);

const PEM_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;

/** Words of a key, whatever its style: `enablePassword`, `enable-password`, `ENABLE_PASSWORD`. */
function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** What kind of secret a key would hold, or undefined when the key is not a secret's slot. */
export function secretKind(key: string): SecretKind | undefined {
  const parts = words(key);
  const last = parts[parts.length - 1];
  if (last === undefined || REFERENCE_SUFFIXES.has(last)) return undefined;
  if (last === "key") {
    const kind = parts.length === 1 ? "private key" : KEY_QUALIFIERS.get(parts[parts.length - 2]!);
    if (kind) return kind;
  }
  for (const part of parts) {
    const kind = SECRET_WORDS.get(part);
    if (kind) return kind;
  }
  return undefined;
}

/** Every plain-text secret in a parsed document: secret-named keys anywhere, and pasted PEM private keys. */
export function findPlainSecrets(value: unknown, path: Array<string | number> = []): PlainSecret[] {
  if (typeof value === "string") return PEM_PRIVATE_KEY.test(value) ? [{ path, kind: "private key" }] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => findPlainSecrets(item, [...path, i]));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const kind = secretKind(key);
    return kind ? [{ path: [...path, key], kind }] : findPlainSecrets(child, [...path, key]);
  });
}

const ADVICE: Record<SecretKind, string> = {
  password: "put the password in an environment variable and reference it with password_env",
  passphrase: "put the passphrase in an environment variable and reference it with passphrase_env",
  "private key": "put the private key in a file and reference it with identity",
  secret: "put the secret in an environment variable; the inventory only names variables (password_env for a login)",
};

/** The sentence for a plain-text secret. It names the kind, never the value. */
export function plainSecretMessage(kind: SecretKind): string {
  return `credentials are not stored in the inventory: ${ADVICE[kind]}`;
}
