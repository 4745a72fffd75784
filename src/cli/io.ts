// What a command may touch of the outside world, passed in so the CLI can be driven from tests.
// One I/O type for every command: the process's streams, or string sinks in tests.
import { relative } from "node:path";

export interface CliWriter {
  write(text: string): unknown;
  /** A terminal: progress draws a bar instead of printing lines. */
  isTTY?: boolean;
}

export interface CliIo {
  stdout: CliWriter;
  stderr: CliWriter;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
}

export function processIo(signal?: AbortSignal): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), ...(signal ? { signal } : {}) };
}

/** A file as the user should read it: relative to their folder; a URL source (netbox+https://...) as given. */
export function shownPath(cwd: string, file: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file)) return file;
  return relative(cwd, file) || file;
}
