// Gathering: one session per device, the planned commands in order, switching to the platform's XML output
// mode once for the commands that want XML. Produces the device's artifact and nothing else: no parsing, no
// verdicts. A command the CLI rejects is recorded and the session goes on; a broken session (timeout,
// disconnect) ends the device and the commands not yet sent are left out, with the reason in `brokenBy`.
import type { PlatformProfile } from "../platforms/types.js";
import { SessionError, type DeviceSession } from "../transport/types.js";
import type { DeviceArtifact, GatherError, GatheredCommand } from "./artifact.js";
import type { DevicePlan, PlannedCommand } from "./plan.js";

/** Opens a session to a device (SSH in production; tests may pass their own). */
export type Connector = (plan: DevicePlan, signal: AbortSignal) => Promise<DeviceSession>;

/** Connects, runs the plan's commands, closes. Never throws: every failure is in the artifact. */
export async function gatherDevice(plan: DevicePlan, connect: Connector, signal: AbortSignal): Promise<DeviceArtifact> {
  const started = Date.now();
  let session: DeviceSession;
  try {
    session = await connect(plan, signal);
  } catch (err) {
    const error = gatherError(err);
    if (signal.aborted) error.message = abortReason(signal);
    return { device: plan.device, connectError: error, commands: [], durationMs: Date.now() - started };
  }
  try {
    const { commands, brokenBy } = await runCommands(session, plan.commands, signal, plan.profile);
    return { device: plan.device, commands, ...(brokenBy !== undefined ? { brokenBy } : {}), durationMs: Date.now() - started };
  } finally {
    await session.close();
  }
}

async function runCommands(session: DeviceSession, planned: readonly PlannedCommand[], signal: AbortSignal, profile: PlatformProfile): Promise<{ commands: GatheredCommand[]; brokenBy?: string }> {
  const commands: GatheredCommand[] = [];
  let mode: "text" | "xml" = "text";
  let modeError: GatherError | undefined;
  for (const { command, output } of planned) {
    if (signal.aborted) return { commands, brokenBy: abortReason(signal) };
    if (output !== mode) {
      const switchTo = output === "xml" ? profile.outputModes.xml?.enter : profile.outputModes.xml?.exit;
      mode = output;
      modeError = switchTo ? undefined : { kind: "cli-error", message: `${profile.name} has no ${output} output mode` };
      if (switchTo) {
        try {
          await session.run(switchTo);
        } catch (err) {
          modeError = { ...gatherError(err), message: `cannot switch to ${output} output: ${(err as Error).message}` };
          if (modeError.kind !== "cli-error") return { commands, brokenBy: modeError.message };
        }
      }
    }
    if (modeError) {
      commands.push({ command, mode, error: modeError, durationMs: 0 });
      continue;
    }
    const sent = Date.now();
    try {
      const result = await session.run(command);
      commands.push({ command, mode, output: result.output, durationMs: result.durationMs });
    } catch (err) {
      const error = gatherError(err);
      if (signal.aborted) error.message = abortReason(signal);
      commands.push({ command, mode, error, durationMs: Date.now() - sent });
      // A CLI error is about this command only; anything else means the session cannot be trusted further.
      if (error.kind !== "cli-error" || signal.aborted) return { commands, brokenBy: error.message };
    }
  }
  return { commands };
}

function gatherError(err: unknown): GatherError {
  if (err instanceof SessionError) return { kind: err.kind, message: err.message };
  return { kind: "other", message: err instanceof Error ? err.message : String(err) };
}

export function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason.message;
  return typeof reason === "string" ? reason : "interrupted";
}
