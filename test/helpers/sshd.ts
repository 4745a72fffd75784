// OpenSSH's sshd on loopback for interoperability tests: a free port, host and client keys, waiting for the
// daemon to listen, and stopping it (by its own PID) again.
import { spawnSync, type ChildProcess } from "node:child_process";
import { createConnection } from "node:net";
import { freePort } from "./ports.js";

export { freePort };


export async function waitForPort(port: number, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not listen on 127.0.0.1:${port} within ${deadlineMs} ms`);
}

export function keygen(file: string, type = "ed25519"): void {
  const run = spawnSync("ssh-keygen", ["-q", "-N", "", "-t", type, "-f", file], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`ssh-keygen failed: ${run.stderr}`);
}

/** Waits for the daemon to exit, escalating to SIGKILL; bounded because PID 1 may reap late here. */
export async function stopDaemon(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());
  await Promise.race([exited, timer(2000)]);
  if (child.exitCode === null && child.signalCode === null) {
    child.kill("SIGKILL");
    await Promise.race([exited, timer(2000)]);
  }
}

export interface Sshd {
  port: number;
  /** A known_hosts line for this daemon's host key (`[127.0.0.1]:PORT ssh-ed25519 ...`). */
  knownHostsLine: string;
  /** Everything the daemon wrote to stderr so far (its log, at the configured LogLevel). */
  log(): string;
  stop(): Promise<void>;
}

/**
 * sshd runs every command through the user's login shell, and bash sources ~/.bashrc when sshd starts it at level 1:
 * a slow or broken .bashrc on the machine (seen: a pyenv init waiting 60 s on a stale lock) stalls every login.
 * Starting the session at SHLVL=1 makes bash a nested shell, which skips .bashrc. Every test sshd_config carries it.
 */
export const SKIP_BASHRC = "SetEnv SHLVL=1";

export interface SshdOptions {
  /** Folder for this daemon's keys, config and pid file (one per daemon). */
  dir: string;
  /** Public key lines accepted for publickey login. */
  authorizedKeys: string[];
  /** Extra sshd_config lines (they come first: for most keywords sshd keeps the first value it reads). */
  config?: string[];
  port?: number;
  /** Start listening only after this many ms (a device that is not up yet). */
  startAfterMs?: number;
}

/** A private sshd on 127.0.0.1 (see ../shared/SSHD-NOTES.md), stopped by its own PID. */
export async function startSshd(options: SshdOptions): Promise<Sshd> {
  const { spawn } = await import("node:child_process");
  const { mkdir, readFile, writeFile } = await import("node:fs/promises");
  const { join } = await import("node:path");
  const port = options.port ?? (await freePort());
  await mkdir(options.dir, { recursive: true });
  const hostKey = join(options.dir, "host_ed25519");
  keygen(hostKey);
  const [type, blob] = (await readFile(`${hostKey}.pub`, "utf8")).trim().split(/\s+/);
  await writeFile(join(options.dir, "authorized_keys"), `${options.authorizedKeys.join("\n")}\n`);
  const config = [
    ...(options.config ?? []),
    `Port ${port}`,
    "ListenAddress 127.0.0.1",
    `HostKey ${hostKey}`,
    `PidFile ${join(options.dir, "sshd.pid")}`,
    `AuthorizedKeysFile ${join(options.dir, "authorized_keys")}`,
    "StrictModes no",
    "PermitRootLogin yes",
    "MaxStartups 1000",
    "MaxSessions 100",
    "PrintMotd no",
    "PrintLastLog no",
    SKIP_BASHRC,
  ];
  await writeFile(join(options.dir, "sshd_config"), `${config.join("\n")}\n`);
  // sshd's privilege-separation directory lives on a tmpfs that starts empty.
  await mkdir("/run/sshd", { recursive: true, mode: 0o755 });
  let log = "";
  let child: ChildProcess | undefined;
  const launch = (): ChildProcess => {
    const c = spawn("/usr/sbin/sshd", ["-D", "-e", "-f", join(options.dir, "sshd_config")], { stdio: ["ignore", "ignore", "pipe"] });
    c.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    return c;
  };
  let timer: NodeJS.Timeout | undefined;
  if (options.startAfterMs === undefined) {
    child = launch();
    await waitForPort(port, 5000).catch((err: Error) => {
      throw new Error(`${err.message}\nsshd said: ${log}`);
    });
  } else {
    timer = setTimeout(() => (child = launch()), options.startAfterMs);
  }
  return {
    port,
    knownHostsLine: `[127.0.0.1]:${port} ${type} ${blob}`,
    log: () => log,
    stop: async () => {
      clearTimeout(timer);
      if (child) await stopDaemon(child);
    },
  };
}
