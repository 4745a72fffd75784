// AAA-safe logins against real OpenSSH sshd on loopback: a device that is not up yet is retried with backoff
// until it is; a rejected key or password is never retried, and a password reaches sshd (and PAM behind it, as
// an AAA server would count it) exactly once, though sshd offers both password and keyboard-interactive.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Secrets } from "../../src/inventory/types.js";
import { panos } from "../../src/platforms/paloalto_panos/profile.js";
import { KnownHosts } from "../../src/transport/known-hosts.js";
import { openSshSession, type SshSessionOptions } from "../../src/transport/ssh-session.js";
import { SessionError } from "../../src/transport/types.js";
import { keygen, startSshd, type Sshd } from "../helpers/sshd.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const SHELL = join(HERE, "fake-panos-shell.mjs");
const CAPTURE = join(HERE, "..", "..", "fixtures", "paloalto_panos", "show_system_info", "ntc-templates__tests__paloalto_panos__show_system_info__paloalto_panos_show_system_info.raw");
const USER = userInfo().username;
const FORCE = `ForceCommand "${process.execPath}" "${SHELL}" "${CAPTURE}"`;
const haveSshd = existsSync("/usr/sbin/sshd");

describe.skipIf(!haveSshd && !process.env.CI)("AAA-safe logins against OpenSSH", () => {
  let dir: string;
  let clientKey: Buffer;
  let otherKey: Buffer;
  let pub: string;
  const daemons: Sshd[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "preflight-aaa-sshd-"));
    keygen(join(dir, "client"));
    keygen(join(dir, "other"));
    clientKey = await readFile(join(dir, "client"));
    otherKey = await readFile(join(dir, "other"));
    pub = (await readFile(join(dir, "client.pub"), "utf8")).trim();
  });
  afterAll(async () => {
    await Promise.all(daemons.map((d) => d.stop()));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function daemon(name: string, config: string[], startAfterMs?: number): Promise<Sshd> {
    const sshd = await startSshd({ dir: join(dir, name), authorizedKeys: [pub], config: [...config, FORCE], ...(startAfterMs !== undefined ? { startAfterMs } : {}) });
    daemons.push(sshd);
    return sshd;
  }

  async function open(sshd: Sshd, secrets: Partial<Secrets>, options: Partial<SshSessionOptions> = {}) {
    const knownHosts = join(dir, `known_hosts_${sshd.port}`);
    await writeFile(knownHosts, `${sshd.knownHostsLine}\n`);
    return openSshSession({ name: "sshd", host: "127.0.0.1", port: sshd.port }, { username: USER, ...secrets }, {
      profile: panos,
      timeouts: { connectMs: 5000, authMs: 5000, commandMs: 5000 },
      knownHosts: new KnownHosts(knownHosts),
      acceptNewHostKeys: false,
      ...options,
    });
  }

  // Connections that reached authentication (startSshd's own port probe closes before the SSH banner).
  const logins = (sshd: Sshd) => (sshd.log().match(/Connection closed by authenticating user/g) ?? []).length;

  it("retries a device that refuses connections until its sshd is up, keeping each attempt", async () => {
    const sshd = await daemon("late", ["LogLevel VERBOSE"], 700);
    const session = await open(sshd, { privateKey: clientKey }, { connectRetries: 5, retryBackoffMs: 200 });
    try {
      expect((await session.run("show clock")).output).toBe("Mon Jan 13 09:12:44 UTC 2025");
      expect(session.connectAttempts?.length).toBeGreaterThanOrEqual(1);
      expect(new Set(session.connectAttempts?.map((a) => a.kind))).toEqual(new Set(["connect-refused"]));
    } finally {
      await session.close();
    }
  });

  it("a rejected key is not retried: one connection reaches sshd", async () => {
    const sshd = await daemon("key", ["LogLevel VERBOSE", "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no"]);
    const err = await open(sshd, { privateKey: otherKey }, { connectRetries: 3, retryBackoffMs: 50 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SessionError);
    expect((err as SessionError).kind).toBe("auth-failed");
    expect((err as SessionError).attempts).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect(sshd.log().match(/Failed publickey for/g), sshd.log()).toHaveLength(1);
    expect(logins(sshd), sshd.log()).toBe(1);
  });

  it("a wrong password reaches sshd once, though it offers password and keyboard-interactive", async () => {
    const sshd = await daemon("password", ["LogLevel VERBOSE", "PubkeyAuthentication no", "PasswordAuthentication yes", "KbdInteractiveAuthentication yes", "UsePAM yes"]);
    const err = await open(sshd, { password: "Wr0ng-passw0rd" }, { connectRetries: 3, retryBackoffMs: 50 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SessionError);
    expect((err as SessionError).kind, (err as Error).message).toBe("auth-failed");
    expect((err as Error).message).not.toContain("Wr0ng");
    await new Promise((r) => setTimeout(r, 300));
    const failures = sshd.log().match(/Failed (password|keyboard-interactive\/pam) for/g) ?? [];
    expect(failures, sshd.log()).toHaveLength(1);
    expect(logins(sshd), sshd.log()).toBe(1);
  });
});
