// Turns a device's credential set into the secrets for one login, at connect time, from the environment and the
// key file. Errors name the variable or file to fix, never a value; `redact` is the last line of defence before
// any text that might contain a secret (an error from a device or a library) is printed or reported.
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { PrivateKeyError, privateKeyFor } from "../transport/private-key.js";
import type { CredentialRef, Secrets } from "./types.js";

export interface SecretOverrides {
  /** From the CLI (--identity-file): wins over the credential set's `identity`. */
  identityFile?: string;
}

export async function resolveSecrets(ref: CredentialRef, env: NodeJS.ProcessEnv, overrides: SecretOverrides = {}): Promise<Secrets> {
  const username = nonEmpty(env[ref.usernameEnv]);
  if (username === undefined) {
    throw new Error(
      `credential set "${ref.name}": environment variable ${ref.usernameEnv} is not set; it must hold the SSH user name`,
    );
  }
  const secrets: Secrets = { username };
  const password = nonEmpty(env[ref.passwordEnv]);
  if (password !== undefined) secrets.password = password;
  const identityFile = overrides.identityFile ?? ref.identityFile;
  if (identityFile !== undefined) {
    secrets.privateKey = await readPrivateKey(ref.name, identityFile, env);
    const passphrase = nonEmpty(env[ref.passphraseEnv]);
    if (passphrase !== undefined) secrets.passphrase = passphrase;
    checkPrivateKey(ref, identityFile, secrets.privateKey, passphrase);
  }
  const agent = ref.useAgent ? nonEmpty(env.SSH_AUTH_SOCK) : undefined;
  if (agent !== undefined) secrets.agent = agent;
  if (!secrets.password && !secrets.privateKey && !secrets.agent) {
    throw new Error(
      `credential set "${ref.name}": no way to log in: set ${ref.passwordEnv}, give a private key ` +
        `(identity in the credential set, or --identity-file)${ref.useAgent ? ", or start ssh-agent (SSH_AUTH_SOCK)" : ""}`,
    );
  }
  return secrets;
}

/** Replaces every secret value in `text` by `***`, also in its JSON-escaped form (errors often carry JSON). */
export function redact(text: string, secrets: Secrets): string {
  const values = [secrets.password, secrets.passphrase, secrets.privateKey?.toString("utf8")]
    .filter((v): v is string => v !== undefined && v.length > 0)
    .flatMap((v) => [v, JSON.stringify(v).slice(1, -1)]);
  // Longest first, so that a secret containing another is replaced whole rather than leaving a remainder.
  return [...new Set(values)].sort((a, b) => b.length - a.length).reduce((out, value) => out.split(value).join("***"), text);
}

/**
 * Decrypts the key now, once for the whole run (the transport reuses the result for every device), so that a
 * wrong passphrase stops the run before any device is contacted instead of making every device unreachable.
 */
function checkPrivateKey(ref: CredentialRef, file: string, key: Buffer, passphrase: string | undefined): void {
  try {
    privateKeyFor(key, passphrase);
  } catch (err) {
    if (!(err instanceof PrivateKeyError)) throw err;
    const fix = err.problem === "unsupported" ? "" : `; set ${ref.passphraseEnv} to its passphrase`;
    throw new Error(`credential set "${ref.name}": private key ${file}: ${err.message}${fix}`);
  }
}

async function readPrivateKey(setName: string, file: string, env: NodeJS.ProcessEnv): Promise<Buffer> {
  const path = expandHome(file, env);
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new Error(`credential set "${setName}": cannot read private key ${file}${path === file ? "" : ` (${path})`}: ${code}`);
  }
}

/** `~` and `~/...` as a shell would expand them; `~user` is left alone (rare in inventories, and ambiguous). */
function expandHome(file: string, env: NodeJS.ProcessEnv): string {
  if (file !== "~" && !file.startsWith("~/")) return file;
  return join(nonEmpty(env.HOME) ?? homedir(), file.slice(1));
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
