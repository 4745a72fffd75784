// Progress on stderr: a bar on a terminal (cli-progress), plain lines otherwise (CI logs, pipes).
import { createRequire } from "node:module";
import type cliProgressModule from "cli-progress";
import type { DeviceResult } from "../model/result.js";
import type { CliWriter } from "./io.js";

export interface Progress {
  deviceDone(result: DeviceResult, done: number, total: number): void;
  stop(): void;
}

export function createProgress(stream: CliWriter, total: number, enabled: boolean): Progress {
  if (!enabled) return { deviceDone: () => undefined, stop: () => undefined };
  if (stream.isTTY) {
    // Only a real terminal stream says isTTY, and cli-progress needs one.
    // Loaded only for a terminal: CI logs, pipes and --no-progress never load it.
    const cliProgress = createRequire(import.meta.url)("cli-progress") as typeof cliProgressModule;
    const bar = new cliProgress.SingleBar(
      { stream: stream as NodeJS.WritableStream, format: "auditing {bar} {value}/{total} devices | {last}", hideCursor: true, clearOnComplete: true, etaBuffer: 50 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { last: "" });
    return {
      deviceDone: (result, done) => bar.update(done, { last: `${result.name}: ${result.status}` }),
      stop: () => bar.stop(),
    };
  }
  const width = String(total).length;
  return {
    deviceDone: (result, done) => {
      const secs = result.durationMs !== undefined ? ` (${(result.durationMs / 1000).toFixed(1)} s)` : "";
      stream.write(`[${String(done).padStart(width)}/${total}] ${result.name} ${result.status}${secs}\n`);
    },
    stop: () => undefined,
  };
}
