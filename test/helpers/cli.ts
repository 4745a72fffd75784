// Runs the built CLI (dist/, built by the global setup) as a user would, with a clean environment.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../../dist/src/cli/main.js", import.meta.url));
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function preflight(args: string[], env: Record<string, string> = {}, cwd = ROOT): Promise<Ran> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}
