// Gathers one device's raw outputs over one session: the planned commands in order, switching to the
// platform's XML output mode once for the commands that want XML. A command the CLI rejects is recorded for
// the checks that need it and the session goes on; a broken session (timeout, disconnect) ends the device
// and every command not yet run is recorded as not gathered, with the reason.
import type { GatheredOutput } from "../checks/evaluate.js";
import { commandKey } from "../checks/types.js";
import type { PlatformProfile } from "../platforms/types.js";
import { SessionError, type DeviceSession } from "../transport/types.js";
import type { PlannedCommand } from "./plan.js";

export interface Gathered {
  /** By commandKey (the command, or `xml:<command>` for XML mode). */
  outputs: Map<string, GatheredOutput>;
  /** Set when the session broke before every command had run. */
  brokenBy?: string;
}

export async function gatherCommands(session: DeviceSession, commands: readonly PlannedCommand[], signal: AbortSignal, profile: PlatformProfile): Promise<Gathered> {
  const outputs = new Map<string, GatheredOutput>();
  let brokenBy: string | undefined;
  let mode: "text" | "xml" = "text";
  let modeError: string | undefined;
  for (const planned of commands) {
    const { command } = planned;
    const key = commandKey(planned);
    if (!brokenBy && signal.aborted) brokenBy = abortReason(signal);
    if (brokenBy) {
      outputs.set(key, { command, error: `not run: ${brokenBy}` });
      continue;
    }
    if (planned.output !== mode) {
      const switchTo = planned.output === "xml" ? profile.outputModes.xml?.enter : profile.outputModes.xml?.exit;
      mode = planned.output;
      modeError = switchTo ? undefined : `${profile.name} has no ${planned.output} output mode`;
      if (switchTo) {
        try {
          await session.run(switchTo);
        } catch (err) {
          modeError = `cannot switch to ${planned.output} output: ${(err as Error).message}`;
          if (!(err instanceof SessionError && err.kind === "cli-error")) brokenBy = modeError;
        }
      }
    }
    if (modeError) {
      outputs.set(key, { command, error: modeError });
      continue;
    }
    try {
      const result = await session.run(command);
      outputs.set(key, { command, output: result.output });
    } catch (err) {
      const message = signal.aborted ? abortReason(signal) : (err as Error).message;
      outputs.set(key, { command, error: message });
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
