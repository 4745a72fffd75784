// A real redis-server for the queue tests: its own temporary folder, a free loopback port, no persistence, stopped
// by its PID. `redisServer()` is undefined when Debian's redis-server is not installed (CI installs it: .ci/run).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { freePort } from "./ports.js";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function redisServer(): string | undefined {
  const found = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" });
  const path = found.stdout.trim();
  return found.status === 0 && path ? path : undefined;
}

export interface RunningRedis {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
  /** SIGKILL: the queue going away without a word. */
  kill(): Promise<void>;
}


/** `port`: start again where a stopped one listened (a queue that comes back). */
export async function startRedis(binary: string, port?: number): Promise<RunningRedis> {
  const dir = mkdtempSync(join(tmpdir(), "preflight-redis-"));
  port ??= await freePort();
  const child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--daemonize", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${log}`)), 10_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}): ${log}`));
    });
  });
  const signal = (child: ChildProcess, name: NodeJS.Signals) => async () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, name);
    await exited;
  };
  return { url: `redis://127.0.0.1:${port}`, port, pid: child.pid!, stop: signal(child, "SIGTERM"), kill: signal(child, "SIGKILL") };
}
