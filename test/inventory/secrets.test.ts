// Secrets at connect time: from the environment and key files, errors that name variables and never values.
import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ssh2 from "ssh2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinCredentialSet, credentialSetFromSpec } from "../../src/inventory/credential-sets.js";
import { redact, resolveSecrets } from "../../src/inventory/secrets.js";
import { generateEd25519KeyPair } from "../../src/simulator/keys.js";
import { privateKeyParses } from "../../src/transport/private-key.js";

// An encrypted key (2 bcrypt rounds keep the test fast) and a plain one for --identity-file.
const KEY_PAIR = ssh2.utils.generateKeyPairSync("ed25519", { passphrase: "phrase", cipher: "aes256-ctr", rounds: 2 });
const KEY_TEXT = KEY_PAIR.private;
const KEY_PUBLIC_BLOB = Buffer.from(KEY_PAIR.public.split(" ")[1] ?? "", "base64");
const OVERRIDE_TEXT = generateEd25519KeyPair().private;
let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "preflight-secrets-"));
  await mkdir(join(home, ".ssh"));
  await writeFile(join(home, ".ssh", "lab_ed25519"), KEY_TEXT);
  await writeFile(join(home, "override_key"), OVERRIDE_TEXT);
  await writeFile(join(home, "not_a_key"), "-----BEGIN OPENSSH PRIVATE KEY-----\nnot-a-real-key\n-----END OPENSSH PRIVATE KEY-----\n");
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

const lab = credentialSetFromSpec("lab", {
  username_env: "LAB_USER",
  password_env: "LAB_PASS",
  identity: "~/.ssh/lab_ed25519",
  passphrase_env: "LAB_KEY_PASSPHRASE",
  agent: true,
});

describe("resolveSecrets", () => {
  it("reads user and password from the default variables", async () => {
    const env = { PREFLIGHT_USERNAME: "admin", PREFLIGHT_PASSWORD: "pw" };
    expect(await resolveSecrets(builtinCredentialSet(), env, {})).toEqual({ username: "admin", password: "pw" });
  });

  it("reads the key (with ~ expanded), its passphrase and the agent socket", async () => {
    const env = { HOME: home, LAB_USER: "ops", LAB_KEY_PASSPHRASE: "phrase", SSH_AUTH_SOCK: "/tmp/agent.sock" };
    const secrets = await resolveSecrets(lab, env, {});
    // With an identity, the agent may offer only that key (IdentitiesOnly).
    expect(secrets).toEqual({ username: "ops", privateKey: Buffer.from(KEY_TEXT), passphrase: "phrase", agent: "/tmp/agent.sock", agentKey: KEY_PUBLIC_BLOB });
  });

  it("lets --identity-file override the set's key", async () => {
    const env = { HOME: home, LAB_USER: "ops" };
    const secrets = await resolveSecrets(lab, env, { identityFile: join(home, "override_key") });
    expect(secrets.privateKey?.toString()).toBe(OVERRIDE_TEXT);
  });

  it("decrypts the key once, before any device is contacted, and names what is wrong with it", async () => {
    const before = privateKeyParses();
    await resolveSecrets(lab, { HOME: home, LAB_USER: "ops", LAB_KEY_PASSPHRASE: "phrase" });
    expect(privateKeyParses()).toBe(before + 1);
    await expect(resolveSecrets(lab, { HOME: home, LAB_USER: "ops" })).rejects.toThrow(
      'credential set "lab": private key ~/.ssh/lab_ed25519: the private key is encrypted and no passphrase was given; set LAB_KEY_PASSPHRASE to its passphrase (or load it into ssh-agent with ssh-add)',
    );
    const wrong = await resolveSecrets(lab, { HOME: home, LAB_USER: "ops", LAB_KEY_PASSPHRASE: "Wr0ng-phrase" }).catch((e: Error) => e);
    expect((wrong as Error).message).toBe('credential set "lab": private key ~/.ssh/lab_ed25519: the private key cannot be decrypted: wrong passphrase; set LAB_KEY_PASSPHRASE to its passphrase (or load it into ssh-agent with ssh-add)');
    await expect(resolveSecrets(lab, { HOME: home, LAB_USER: "ops" }, { identityFile: "~/not_a_key" })).rejects.toThrow(
      'credential set "lab": private key ~/not_a_key: the private key is not in a format ssh2 reads (OpenSSH, PEM PKCS#1/PKCS#8 or PuTTY PPK)',
    );
  });

  it("uses the agent of the default set only when SSH_AUTH_SOCK is set", async () => {
    const env = { PREFLIGHT_USERNAME: "admin", SSH_AUTH_SOCK: "/run/agent" };
    expect(await resolveSecrets(builtinCredentialSet(), env)).toEqual({ username: "admin", agent: "/run/agent" });
    const noAgent = credentialSetFromSpec("ci", { username_env: "CI_USER" });
    await expect(resolveSecrets(noAgent, { CI_USER: "ci", SSH_AUTH_SOCK: "/run/agent" })).rejects.toThrow(
      'credential set "ci": no way to log in: set PREFLIGHT_PASSWORD, give a private key (identity in the credential set, or --identity-file)',
    );
  });

  it("names the missing user variable", async () => {
    await expect(resolveSecrets(lab, { LAB_PASS: "S3cr3t-value" })).rejects.toThrow(
      'credential set "lab": environment variable LAB_USER is not set; it must hold the SSH user name',
    );
  });

  it("asks for a password, a key or the agent when none is available", async () => {
    const error = await resolveSecrets(builtinCredentialSet(), { PREFLIGHT_USERNAME: "admin", PREFLIGHT_PASSWORD: "" }).catch((e: Error) => e);
    expect((error as Error).message).toBe(
      'credential set "default": no way to log in: set PREFLIGHT_PASSWORD, give a private key (identity in the credential set, or --identity-file), or start ssh-agent (SSH_AUTH_SOCK)',
    );
  });

  it("without a passphrase, an encrypted identity is used through the agent, found by its .pub file", async () => {
    const env = { HOME: home, LAB_USER: "ops", SSH_AUTH_SOCK: "/tmp/agent.sock" };
    await expect(resolveSecrets(lab, env)).rejects.toThrow(
      'credential set "lab": private key ~/.ssh/lab_ed25519 is encrypted and no passphrase was given; to use it through ssh-agent, its public key ~/.ssh/lab_ed25519.pub is needed (ENOENT)',
    );
    await writeFile(join(home, ".ssh", "lab_ed25519.pub"), `${KEY_PAIR.public} ops@lab\n`);
    try {
      expect(await resolveSecrets(lab, env)).toEqual({ username: "ops", agent: "/tmp/agent.sock", agentKey: KEY_PUBLIC_BLOB });
    } finally {
      await rm(join(home, ".ssh", "lab_ed25519.pub"));
    }
  });

  it("names an unreadable key file, never a secret", async () => {
    const error = await resolveSecrets(lab, { HOME: home, LAB_USER: "ops", LAB_PASS: "S3cr3t-value" }, { identityFile: "~/missing" }).catch(
      (e: Error) => e,
    );
    expect((error as Error).message).toBe(`credential set "lab": cannot read private key ~/missing (${join(home, "missing")}): ENOENT`);
    expect((error as Error).message).not.toContain("S3cr3t");
  });
});

describe("redact", () => {
  it("replaces every occurrence of each secret, longest first, also JSON-escaped", () => {
    const secrets = { username: "admin", password: 'pa"ss', passphrase: 'pa"ss-phrase' };
    const text = `login admin/pa"ss failed; key pa"ss-phrase rejected; {"password":"pa\\"ss"} pa"ss`;
    expect(redact(text, secrets)).toBe('login admin/*** failed; key *** rejected; {"password":"***"} ***');
  });

  it("leaves text alone when there is no secret", () => {
    expect(redact("nothing to hide", { username: "admin", password: "" })).toBe("nothing to hide");
  });
});
