// openSshSession against Debian's real OpenSSH sshd on loopback, running a fake PAN-OS CLI as ForceCommand:
// proves the transport works with a peer that is not built on ssh2 (pty echo, OpenSSH kex and host keys).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { panos } from "../../src/platforms/paloalto_panos/profile.js";
import { KnownHosts } from "../../src/transport/known-hosts.js";
import { openSshSession, type SshSessionOptions } from "../../src/transport/ssh-session.js";
import { SessionError } from "../../src/transport/types.js";
import { freePort, keygen, SKIP_BASHRC, stopDaemon, waitForPort } from "../helpers/sshd.js";

const SSHD = "/usr/sbin/sshd";
const HERE = dirname(fileURLToPath(import.meta.url));
const SHELL = join(HERE, "fake-panos-shell.mjs");
// The real `show system info` capture from ntc-templates (Apache-2.0; see fixtures/README).
const CAPTURE = join(HERE, "..", "..", "fixtures", "paloalto_panos", "show_system_info", "ntc-templates__tests__paloalto_panos__show_system_info__paloalto_panos_show_system_info.raw");
// Written by us in the documented format (no public capture of a port with an optic exists): one OEM optic on
// ethernet1/13, one third-party optic on ethernet1/9.
const PHY = join(HERE, "..", "..", "fixtures", "paloalto_panos", "show_system_state_filter-pretty_sys.s.p.phy", "written-by-preflight__mixed-ports.txt");
const BIN = join(HERE, "..", "..", "dist", "src", "cli", "main.js");
const USER = userInfo().username;
const haveSshd = existsSync(SSHD);


if (!haveSshd && process.env.CI) {
  describe("OpenSSH interop", () => {
    it("needs /usr/sbin/sshd on CI", () => {
      throw new Error(`${SSHD} is missing: install openssh-server (CI must not skip the interop test)`);
    });
  });
}

describe.skipIf(!haveSshd)("OpenSSH interop", () => {
  let dir: string;
  let port: number;
  let daemon: ChildProcess | undefined;
  let daemonLog = "";
  let clientKey: Buffer;
  let knownHostsPath: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "preflight-sshd-"));
    port = await freePort();
    keygen(join(dir, "host_ed25519"));
    keygen(join(dir, "host_ecdsa"), "ecdsa");
    keygen(join(dir, "client_ed25519"));
    clientKey = await readFile(join(dir, "client_ed25519"));
    await writeFile(join(dir, "authorized_keys"), await readFile(join(dir, "client_ed25519.pub")));
    const hostPub = (await readFile(join(dir, "host_ed25519.pub"), "utf8")).trim().split(/\s+/);
    knownHostsPath = join(dir, "known_hosts");
    await writeFile(knownHostsPath, `[127.0.0.1]:${port} ${hostPub[0]} ${hostPub[1]}\n`);
    const config = [
      `Port ${port}`,
      "ListenAddress 127.0.0.1",
      `HostKey ${join(dir, "host_ed25519")}`,
      `HostKey ${join(dir, "host_ecdsa")}`,
      `PidFile ${join(dir, "sshd.pid")}`,
      `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
      "StrictModes no",
      "PubkeyAuthentication yes",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "PermitRootLogin yes",
      "UsePAM no",
      "MaxStartups 100",
      "MaxSessions 100",
      "PrintMotd no",
      "PrintLastLog no",
      SKIP_BASHRC,
      "LogLevel ERROR",
      `ForceCommand "${process.execPath}" "${SHELL}" "${CAPTURE}" "${PHY}"`,
    ].join("\n");
    await writeFile(join(dir, "sshd_config"), `${config}\n`);
    // sshd's privilege-separation directory lives on a tmpfs that starts empty.
    await mkdir("/run/sshd", { recursive: true, mode: 0o755 });
    daemon = spawn(SSHD, ["-D", "-e", "-f", join(dir, "sshd_config")], { stdio: ["ignore", "ignore", "pipe"] });
    daemon.stderr?.on("data", (chunk: Buffer) => (daemonLog += chunk.toString()));
    await waitForPort(port, 5000).catch((err: Error) => {
      throw new Error(`${err.message}\nsshd said: ${daemonLog}`);
    });
  });

  afterAll(async () => {
    if (daemon) await stopDaemon(daemon);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function open(options: Partial<SshSessionOptions> = {}, key: Buffer = clientKey) {
    return openSshSession({ name: "pa-sshd", host: "127.0.0.1", port }, { username: USER, privateKey: key }, {
      profile: panos,
      timeouts: { connectMs: 5000, authMs: 5000, commandMs: 5000 },
      knownHosts: new KnownHosts(knownHostsPath),
      acceptNewHostKeys: false,
      ...options,
    });
  }

  it("logs in with a key, runs the set-up commands and reads the real capture", async () => {
    const session = await open();
    try {
      const info = await session.run("show system info");
      expect(info.output).toBe((await readFile(CAPTURE, "utf8")).trimEnd());
      expect((await session.run("show clock")).output).toBe("Mon Jan 13 09:12:44 UTC 2025");
    } finally {
      await session.close();
    }
  });

  it("detects CLI errors from the real pty", async () => {
    const session = await open({ profile: { ...panos, isReadOnly: () => ({ ok: true }) } });
    try {
      await expect(session.run("show nothing")).rejects.toThrow(/Invalid syntax\./);
      await expect(session.run("frobnicate")).rejects.toThrow(/Unknown command: frobnicate/);
      expect((await session.run("show clock")).output).toBe("Mon Jan 13 09:12:44 UTC 2025");
    } finally {
      await session.close();
    }
  });

  it("runs several sessions in parallel", async () => {
    const sessions = await Promise.all(Array.from({ length: 6 }, () => open()));
    try {
      const outputs = await Promise.all(sessions.map((s) => s.run("show clock")));
      expect(outputs.every((o) => o.output === "Mon Jan 13 09:12:44 UTC 2025")).toBe(true);
    } finally {
      await Promise.all(sessions.map((s) => s.close()));
    }
  });

  it("negotiates the host key type known_hosts holds when sshd offers several", async () => {
    const ecdsaOnly = join(dir, "ecdsa_known_hosts");
    const [type, blob] = (await readFile(join(dir, "host_ecdsa.pub"), "utf8")).trim().split(/\s+/);
    await writeFile(ecdsaOnly, `[127.0.0.1]:${port} ${type} ${blob}\n`);
    const session = await open({ knownHosts: new KnownHosts(ecdsaOnly) });
    await session.close();
  });

  it("rejects a key sshd does not know as auth-failed", async () => {
    const other = join(dir, "other_ed25519");
    keygen(other);
    const err = await open({}, await readFile(other)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SessionError);
    expect((err as SessionError).kind).toBe("auth-failed");
  });

  it("an unknown sshd host key fails, and accept-new records the key OpenSSH generated", async () => {
    const fresh = join(dir, "fresh_known_hosts");
    const err = await open({ knownHosts: new KnownHosts(fresh) }).catch((e: unknown) => e);
    expect((err as SessionError).kind).toBe("host-key-unknown");
    const session = await open({ knownHosts: new KnownHosts(fresh), acceptNewHostKeys: true });
    await session.close();
    expect(await readFile(fresh, "utf8")).toBe(await readFile(knownHostsPath, "utf8"));
  });

  it("`preflight run` (the built CLI) audits the sshd device end to end with --identity", async () => {
    const inventory = join(dir, "inventory.yaml");
    await writeFile(inventory, `hosts:\n  pa-sshd: { host: 127.0.0.1, port: ${port}, platform: paloalto_panos, target_version: 10.2.4-h4 }\n`);
    const out = join(dir, "report");
    const child = spawn(process.execPath, [BIN, "run", "-i", inventory, "--known-hosts", knownHostsPath, "--identity", join(dir, "client_ed25519"), "--out", out, "--no-progress"], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", PREFLIGHT_USERNAME: USER },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const report = JSON.parse(await readFile(join(out, "report.json"), "utf8")) as { devices: { status: string; facts: Record<string, string>; checks: { id: string; status: string; findings: { key: string; message: string }[] }[] }[] };
    const device = report.devices[0]!;
    expect(device.status).toBe("blocked");
    expect(device.facts).toMatchObject({ hostname: "pa1", model: "PA-VM", softwareVersion: "7.0.1" });
    const optics = device.checks.find((c) => c.id === "panos-transceivers-supported");
    expect(optics?.findings).toEqual([expect.objectContaining({ key: "ethernet1/9", message: expect.stringContaining("OEM SFP-1G-LX-10") })]);
    // The captured device runs 7.0.1, older than any train in the upgrade-path data: said, not guessed.
    expect(device.checks.find((c) => c.id === "preflight-upgrade-path")).toMatchObject({ status: "error", findings: [{ message: expect.stringContaining("7.0.1") }] });
  });
});
