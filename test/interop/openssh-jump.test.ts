// Jump hosts through a real chain of two OpenSSH sshd bastions on loopback to a simulated firewall. Each bastion may
// only forward to the next hop (PermitOpen), so the device is reachable only through the whole chain; each hop's host
// key is verified against known_hosts like the device's.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { panosDevice } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import { panos } from "../../src/platforms/paloalto_panos/profile.js";
import { startFleet } from "../../src/simulator/fleet.js";
import type { SimFleet } from "../../src/simulator/types.js";
import { KnownHosts } from "../../src/transport/known-hosts.js";
import { openSshSession, type SshTarget } from "../../src/transport/ssh-session.js";
import { SessionError } from "../../src/transport/types.js";
import { keygen, startSshd, type Sshd } from "../helpers/sshd.js";

const PASSWORD = "jump-test-password";
const BASTION = ["AllowTcpForwarding yes", "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no", "LogLevel ERROR", "ForceCommand /bin/false"];

describe.skipIf(!existsSync("/usr/sbin/sshd") && !process.env.CI)("jump hosts through two OpenSSH bastions", () => {
  let dir: string;
  let fleet: SimFleet;
  let outer: Sshd;
  let inner: Sshd;
  let key: Buffer;
  let device: { host: string; port: number };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "preflight-jump-"));
    keygen(join(dir, "client"));
    key = await readFile(join(dir, "client"));
    const pub = (await readFile(join(dir, "client.pub"), "utf8")).trim();
    fleet = await startFleet([panosDevice({ name: "fw-behind", model: "PA-3220", swVersion: "10.1.9-h1", ports: [], username: "audit", password: PASSWORD })]);
    const d = fleet.devices[0];
    if (!d) throw new Error("no device");
    device = { host: d.host, port: d.port };
    inner = await startSshd({ dir: join(dir, "inner"), authorizedKeys: [pub], config: [...BASTION, `PermitOpen ${device.host}:${device.port}`] });
    outer = await startSshd({ dir: join(dir, "outer"), authorizedKeys: [pub], config: [...BASTION, `PermitOpen 127.0.0.1:${inner.port}`] });
    await writeFile(join(dir, "known_hosts"), `${fleet.knownHosts()}\n${outer.knownHostsLine}\n${inner.knownHostsLine}\n`);
    await writeFile(join(dir, "known_hosts.no-inner"), `${fleet.knownHosts()}\n${outer.knownHostsLine}\n`);
  });
  afterAll(async () => {
    await outer?.stop();
    await inner?.stop();
    await fleet?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const target = (): SshTarget => ({
    name: "fw-behind",
    ...device,
    jumps: [
      { host: "127.0.0.1", port: outer.port, username: userInfo().username },
      { host: "127.0.0.1", port: inner.port, username: userInfo().username },
    ],
  });
  const open = (knownHosts: string, t: SshTarget = target()) =>
    openSshSession(t, { username: "audit", password: PASSWORD, privateKey: key }, {
      profile: panos,
      timeouts: { connectMs: 5000, authMs: 5000, commandMs: 5000 },
      knownHosts: new KnownHosts(join(dir, knownHosts)),
      acceptNewHostKeys: false,
    });

  it("reaches the device through both bastions and runs commands", async () => {
    const started = performance.now();
    const session = await open("known_hosts");
    const connectedMs = performance.now() - started;
    try {
      expect((await session.run("show system info")).output).toMatch(/hostname: fw-behind/);
    } finally {
      await session.close();
    }
    // Reported in the closing note; bounded loosely so a loaded machine does not fail the test.
    console.log(`jump chain (2 bastions) connect + login + session set-up: ${connectedMs.toFixed(0)} ms`);
    expect(connectedMs).toBeLessThan(10_000);
  });

  it("cannot reach the device without the chain: the outer bastion refuses to forward to it", async () => {
    const err = await open("known_hosts", { ...target(), jumps: target().jumps?.slice(0, 1) }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(SessionError);
    expect((err as SessionError).kind).toBe("connect-refused");
    expect((err as SessionError).message).toMatch(/jump host 1 of 1 .*cannot open a connection to 127\.0\.0\.1:\d+ through it/);
  });

  it("fails the device with a clear message when a bastion's host key is unknown", async () => {
    const err = await open("known_hosts.no-inner").then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(SessionError);
    expect((err as SessionError).kind).toBe("host-key-unknown");
    expect((err as SessionError).message).toContain(`fw-behind: jump host 127.0.0.1:${inner.port}: host key of 127.0.0.1:${inner.port} is not in`);
  });
});
