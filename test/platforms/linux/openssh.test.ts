// The linux plugin against Debian's real OpenSSH sshd on loopback with a real bash as the shell: the real
// `uname -a`, `/etc/os-release` and `df -P /` of this machine, read by the built `preflight run` binary.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { release, tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunReport } from "../../../src/model/result.js";
import { preflight } from "../../helpers/cli.js";
import { freePort, keygen, SKIP_BASHRC, stopDaemon, waitForPort } from "../../helpers/sshd.js";

const SSHD = "/usr/sbin/sshd";
const haveSshd = existsSync(SSHD) && existsSync("/bin/bash");

if (!haveSshd && process.env.CI) {
  describe("linux over OpenSSH", () => {
    it("needs /usr/sbin/sshd on CI", () => {
      throw new Error(`${SSHD} is missing: install openssh-server (CI must not skip the interop test)`);
    });
  });
}

describe.skipIf(!haveSshd)("linux over OpenSSH", () => {
  let dir: string;
  let port: number;
  let daemon: ChildProcess | undefined;
  let daemonLog = "";

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "preflight-linux-sshd-"));
    port = await freePort();
    keygen(join(dir, "host_ed25519"));
    keygen(join(dir, "client_ed25519"));
    await writeFile(join(dir, "authorized_keys"), await readFile(join(dir, "client_ed25519.pub")));
    const hostPub = (await readFile(join(dir, "host_ed25519.pub"), "utf8")).trim().split(/\s+/);
    await writeFile(join(dir, "known_hosts"), `[127.0.0.1]:${port} ${hostPub[0]} ${hostPub[1]}\n`);
    const config = [
      `Port ${port}`,
      "ListenAddress 127.0.0.1",
      `HostKey ${join(dir, "host_ed25519")}`,
      `PidFile ${join(dir, "sshd.pid")}`,
      `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
      "StrictModes no",
      "PubkeyAuthentication yes",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "PermitRootLogin yes",
      "UsePAM no",
      "PrintMotd no",
      "PrintLastLog no",
      SKIP_BASHRC,
      "LogLevel ERROR",
      // A real interactive bash with the default Debian prompt and no rc files (their contents vary by machine).
      "ForceCommand PS1='\\u@\\h:\\w\\$ ' exec /bin/bash --norc --noprofile -i",
    ].join("\n");
    await writeFile(join(dir, "sshd_config"), `${config}\n`);
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

  it("`preflight run` audits this machine: facts from the real uname and os-release, the disk check evaluated", async () => {
    await writeFile(
      join(dir, "inventory.yaml"),
      `defaults: { credentials: default }\ngroups: { servers: {} }\nhosts:\n  localhost: { host: 127.0.0.1, port: ${port}, platform: linux, groups: [ servers ] }\n`,
    );
    const ran = await preflight(
      ["run", "-i", join(dir, "inventory.yaml"), "--known-hosts", join(dir, "known_hosts"), "--identity", join(dir, "client_ed25519"), "--checks", "linux-*", "--out", join(dir, "out"), "--no-progress", "--connect-timeout", "5"],
      { PREFLIGHT_USERNAME: userInfo().username },
    );
    expect(ran.stderr).toBe("");
    const [result] = (JSON.parse(await readFile(join(dir, "out", "report.json"), "utf8")) as RunReport).devices;
    expect(result?.reason).toBeUndefined();
    expect(result?.facts.softwareVersion).toBe(release());
    expect(["ready", "blocked"]).toContain(result?.status);
    expect(ran.code).toBe(result?.status === "ready" ? 0 : 1);
    expect(["pass", "fail"]).toContain(result?.checks[0]?.status);
    // Whatever this machine's disk holds, the real df output was read: a pass, or a finding that quotes the number.
    if (result?.checks[0]?.status === "fail") expect(result.checks[0].findings[0]?.message).toMatch(/^\/ is \d+% full/);
  });
});
