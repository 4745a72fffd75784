// The gathered artifact: everything one device answered (or why it could not), with the output mode and timing
// of each command. Gathering produces it, `preflight capture` saves it, a replay reads it back, and evaluation
// is a pure function of it, the checks and their data: the same artifact always gives the same result.
import type { GatheredOutput } from "../checks/evaluate.js";
import type { Device } from "../inventory/types.js";
import type { SessionErrorKind } from "../transport/types.js";
import { isUnreachableKind } from "../transport/types.js";

export interface GatherError {
  /** A session error kind, or "other" for anything else the connector threw. */
  kind: SessionErrorKind | "other";
  message: string;
}

export interface GatheredCommand {
  command: string;
  /** The CLI's output mode when the command ran. */
  mode: "text" | "xml";
  /** Absent when the command failed (then `error` says why). */
  output?: string;
  error?: GatherError;
  durationMs: number;
}

export interface DeviceArtifact {
  device: Device;
  /** Why no session could be opened, when none was. */
  connectError?: GatherError;
  /** Why the device was never gathered (an interrupted run or capture): it is `not-run`, not unreachable. */
  notGathered?: string;
  /** Every command that was sent, in the order sent. */
  commands: GatheredCommand[];
  /** Set when the session broke before every planned command had run; the rest were not sent. */
  brokenBy?: string;
  /** Connect, commands and close. */
  durationMs: number;
}

/** The key a check uses to find a command's output: the command, or `xml:<command>` in XML mode. */
export function outputKey(command: string, mode: "text" | "xml"): string {
  return mode === "xml" ? `xml:${command}` : command;
}

/**
 * The outputs the checks read, by key. A planned command missing from the artifact is an error the checks that
 * need it report: "not run" after a broken session, "not gathered" otherwise (a capture made with other checks).
 */
export function outputsOf(artifact: DeviceArtifact, planned: readonly { command: string; output: "text" | "xml" }[]): Map<string, GatheredOutput> {
  const outputs = new Map<string, GatheredOutput>();
  for (const c of artifact.commands) {
    const key = outputKey(c.command, c.mode);
    if (c.output !== undefined) outputs.set(key, { command: c.command, output: c.output });
    else outputs.set(key, { command: c.command, error: c.error?.message ?? "no output recorded" });
  }
  for (const p of planned) {
    const key = outputKey(p.command, p.output);
    if (outputs.has(key)) continue;
    const mode = p.output === "xml" ? " in XML mode" : "";
    outputs.set(key, { command: p.command, error: artifact.brokenBy ? `not run: ${artifact.brokenBy}` : `"${p.command}"${mode} was not gathered from this device` });
  }
  return outputs;
}

/** True when the device could not be logged in to at all (status `unreachable` rather than `error`). */
export function connectErrorIsUnreachable(error: GatherError): boolean {
  return error.kind === "other" || isUnreachableKind(error.kind);
}
