// ssh-agent against real OpenSSH sshd on loopback (both started here, stopped by PID): the agent holds five decoy
// keys ahead of the device's passphrase-protected key. With the credential set's identity, preflight offers the agent
// only that key (as OpenSSH's IdentitiesOnly does), so a device with a low MaxAuthTries lets it in after one offer;
// offering the agent's keys in order runs into "Too many authentication failures", which is an authentication
// failure, reported once and never retried.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { panos } from "../../src/platforms/paloalto_panos/profile.js";
import { KnownHosts } from "../../src/transport/known-hosts.js";
import { openSshSession } from "../../src/transport/ssh-session.js";
import { SessionError } from "../../src/transport/types.js";
import { startSshd, stopDaemon, type Sshd } from "../helpers/sshd.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const SHELL = join(HERE, "fake-panos-shell.mjs");
const CAPTURE = join(HERE, "..", "..", "fixtures", "paloalto_panos", "show_system_info", "ntc-templates__tests__paloalto_panos__show_system_info__paloalto_panos_show_system_info.raw");
const USER = userInfo().username;
const PASSPHRASE = "device key passphrase";
const haveTools = existsSync("/usr/sbin/sshd") && existsSync("/usr/bin/ssh-agent");

describe.skipIf(!haveTools && !process.env.CI)("ssh-agent against OpenSSH", () => {
  let dir: string;
  let socket: string;
  let agent: ChildProcess | undefined;
  let sshd: Sshd;
  let deviceKey: Buffer;

  const keygen = (name: string, passphrase = "") => {
    const run = spawnSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", passphrase, "-C", name, "-f", join(dir, name)], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`ssh-keygen: ${run.stderr}`);
  };
  const sshAdd = (file: string) => {
    const run = spawnSync("ssh-add", [file], { encoding: "utf8", env: { PATH: process.env.PATH ?? "", SSH_AUTH_SOCK: socket, SSH_ASKPASS: join(dir, "askpass"), SSH_ASKPASS_REQUIRE: "force", DISPLAY: "none" } });
    if (run.status !== 0) throw new Error(`ssh-add ${file}: ${run.stderr}`);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "preflight-agent-sshd-"));
    socket = join(dir, "agent.sock");
    await writeFile(join(dir, "askpass"), `#!/bin/sh\necho '${PASSPHRASE}'\n`);
    await chmod(join(dir, "askpass"), 0o700);
    for (let i = 1; i <= 5; i++) keygen(`decoy${i}`);
    keygen("device", PASSPHRASE);
    agent = spawn("ssh-agent", ["-D", "-a", socket], { stdio: ["ignore", "ignore", "pipe"] });
    for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 20));
    for (let i = 1; i <= 5; i++) sshAdd(join(dir, `decoy${i}`));
    sshAdd(join(dir, "device"));
    const pub = (await readFile(join(dir, "device.pub"), "utf8")).trim();
    // The public key in SSH wire format (the .pub file's base64 field): what the agent is restricted to.
    deviceKey = Buffer.from(pub.split(" ")[1] ?? "", "base64");
    sshd = await startSshd({
      dir: join(dir, "sshd"),
      authorizedKeys: [pub],
      config: ["LogLevel VERBOSE", "MaxAuthTries 3", "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no", `ForceCommand "${process.execPath}" "${SHELL}" "${CAPTURE}"`],
    });
    await writeFile(join(dir, "known_hosts"), `${sshd.knownHostsLine}\n`);
  });

  afterAll(async () => {
    await sshd?.stop();
    if (agent) await stopDaemon(agent);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const open = (agentKey?: Buffer) =>
    openSshSession({ name: "sshd", host: "127.0.0.1", port: sshd.port }, { username: USER, agent: socket, ...(agentKey ? { agentKey } : {}) }, {
      profile: panos,
      timeouts: { connectMs: 5000, authMs: 5000, commandMs: 5000 },
      knownHosts: new KnownHosts(join(dir, "known_hosts")),
      acceptNewHostKeys: false,
      connectRetries: 3,
      retryBackoffMs: 50,
    });

  it("restricted to the credential set's key, the agent's one offer is accepted (no passphrase in the process)", async () => {
    const before = (sshd.log().match(/Failed publickey for/g) ?? []).length;
    const session = await open(deviceKey);
    try {
      expect((await session.run("show clock")).output).toBe("Mon Jan 13 09:12:44 UTC 2025");
    } finally {
      await session.close();
    }
    expect(sshd.log()).toMatch(/Accepted publickey for \S+ from 127\.0\.0\.1/);
    expect((sshd.log().match(/Failed publickey for/g) ?? []).length).toBe(before);
  });

  it("offering every agent key runs into MaxAuthTries: an authentication failure, reported once, not retried", async () => {
    const connections = () => (sshd.log().match(/Connection from 127\.0\.0\.1/g) ?? []).length;
    const before = connections();
    const err = await open().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SessionError);
    expect((err as SessionError).kind, (err as Error).message).toBe("auth-failed");
    expect((err as Error).message).toMatch(/too many authentication attempts \(its MaxAuthTries\).*name the key with the credential set's identity/);
    expect((err as SessionError).attempts ?? []).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect(sshd.log()).toMatch(/maximum authentication attempts exceeded|Too many authentication failures/);
    expect(connections() - before, sshd.log()).toBe(1);
  });
});
