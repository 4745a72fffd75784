// The built CLI as a long-lived child process (a `preflight worker`, `serve` or `run --queue`), for the tests that
// run several at once: its output collected, its exit awaited; and what those tests compare and wait for.
import { spawn, type ChildProcess } from "node:child_process";
import type { RunReport } from "../../src/model/result.js";
import { BIN, ROOT } from "./cli.js";

export interface CliProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts `preflight ARGS` with only PATH, HOME and `env` in its environment. */
export function startCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Waits (polling every 100 ms, at most `ms`) until `test` holds. */
export async function until(what: string, test: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Timings and the run's clock differ between two runs of the same estate; nothing else may. */
export function withoutTimings(report: RunReport): unknown {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).filter(([k]) => !["durationMs", "startedAt", "finishedAt"].includes(k)).map(([k, v]) => [k, strip(v)]));
    return value;
  };
  return strip(report);
}

/** Device names a worker reported done (its stderr lines `worker W: NAME: STATUS ...`). */
export function auditedBy(worker: CliProcess): string[] {
  return [...worker.stderr().matchAll(/^worker [^:]+: ([^:\s]+): (ready|blocked|warning|unreachable|error|not-run)\b/gm)].map((m) => m[1]!);
}
