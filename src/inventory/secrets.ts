// Turns a device's credential set into the secrets for one login, at connect time, from the environment and the
// key file. Errors name the variable or file to fix, never a value; `redact` is the last line of defence before
// any text that might contain a secret (an error from a device or a library) is printed or reported.
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import type { ParsedKey } from "ssh2";
import { PrivateKeyError, privateKeyFor, publicKeyBlob } from "../transport/private-key.js";
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
  const agent = ref.useAgent ? nonEmpty(env.SSH_AUTH_SOCK) : undefined;
  if (agent !== undefined) secrets.agent = agent;
  const identityFile = overrides.identityFile ?? ref.identityFile;
  if (identityFile !== undefined) {
    const key = await readPrivateKey(ref.name, identityFile, env);
    const passphrase = nonEmpty(env[ref.passphraseEnv]);
    const usable = checkPrivateKey(ref, identityFile, key, passphrase, agent !== undefined);
    if (usable !== undefined) {
      secrets.privateKey = key;
      if (passphrase !== undefined) secrets.passphrase = passphrase;
      if (agent !== undefined) secrets.agentKey = usable.getPublicSSH();
    } else {
      // Encrypted, no passphrase given, and the agent is on: the agent holds the key, found by its .pub file.
      secrets.agentKey = await readPublicKey(ref.name, identityFile, env);
    }
  }
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
function checkPrivateKey(ref: CredentialRef, file: string, key: Buffer, passphrase: string | undefined, agentOn: boolean): ParsedKey | undefined {
  try {
    return privateKeyFor(key, passphrase);
  } catch (err) {
    if (!(err instanceof PrivateKeyError)) throw err;
    // Without a passphrase an encrypted key can still be used through the agent that holds it (ssh-add).
    if (err.problem === "needs-passphrase" && agentOn) return undefined;
    const fix = err.problem === "unsupported" ? "" : `; set ${ref.passphraseEnv} to its passphrase${ref.useAgent ? " (or load it into ssh-agent with ssh-add)" : ""}`;
    throw new Error(`credential set "${ref.name}": private key ${file}: ${err.message}${fix}`);
  }
}

/** The public half of an encrypted key, from `FILE.pub` as ssh-keygen writes it (OpenSSH looks there too). */
async function readPublicKey(setName: string, file: string, env: NodeJS.ProcessEnv): Promise<Buffer> {
  const pubFile = `${file}.pub`;
  let text: string;
  try {
    text = await readFile(expandHome(pubFile, env), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new Error(`credential set "${setName}": private key ${file} is encrypted and no passphrase was given; to use it through ssh-agent, its public key ${pubFile} is needed (${code})`);
  }
  const parsed = publicKeyBlob(text);
  if (parsed === undefined) throw new Error(`credential set "${setName}": ${pubFile} is not an OpenSSH public key`);
  return parsed;
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
