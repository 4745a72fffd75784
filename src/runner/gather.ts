// Gathers one device's raw outputs over one session: the planned commands in order. A command the CLI
// rejects is recorded for the checks that need it and the session goes on; a broken session (timeout,
// disconnect) ends the device and every command not yet run is recorded as not gathered, with the reason.
import type { GatheredOutput } from "../checks/evaluate.js";
import { SessionError, type DeviceSession } from "../transport/types.js";

export interface Gathered {
  outputs: Map<string, GatheredOutput>;
  /** Set when the session broke before every command had run. */
  brokenBy?: string;
}

export async function gatherCommands(session: DeviceSession, commands: readonly string[], signal: AbortSignal): Promise<Gathered> {
  const outputs = new Map<string, GatheredOutput>();
  let brokenBy: string | undefined;
  for (const command of commands) {
    if (brokenBy) {
      outputs.set(command, { command, error: `not run: ${brokenBy}` });
      continue;
    }
    if (signal.aborted) {
      brokenBy = abortReason(signal);
      outputs.set(command, { command, error: `not run: ${brokenBy}` });
      continue;
    }
    try {
      const result = await session.run(command);
      outputs.set(command, { command, output: result.output });
    } catch (err) {
      const message = signal.aborted ? abortReason(signal) : (err as Error).message;
      outputs.set(command, { command, error: message });
      // A CLI error is about this command only; anything else means the session cannot be trusted further.
      if (!(err instanceof SessionError && err.kind === "cli-error") || signal.aborted) brokenBy = message;
    }
  }
  return brokenBy === undefined ? { outputs } : { outputs, brokenBy };
}

export function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason.message;
  return typeof reason === "string" ? reason : "interrupted";
}
