// Reads a capture folder back into gathered artifacts, so a run evaluates offline (no SSH) exactly as the live
// run did. Every output file is read up front: a capture with a missing or unreadable file is bad input, found
// before anything is evaluated.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { DeviceArtifact, GatheredCommand } from "../runner/artifact.js";
import { CAPTURE_FORMAT, type Capture, type CapturedDevice } from "./format.js";

export interface ReadCapture {
  capture: Capture;
  /** By device name. */
  artifacts: Map<string, DeviceArtifact>;
}

export async function readCapture(dir: string): Promise<ReadCapture> {
  const manifest = join(dir, "capture.json");
  let capture: Capture;
  try {
    capture = JSON.parse(await readFile(manifest, "utf8")) as Capture;
  } catch (err) {
    throw new Error(`${manifest}: cannot read the capture: ${(err as Error).message}`);
  }
  if (capture.format !== CAPTURE_FORMAT) throw new Error(`${manifest}: format "${String(capture.format)}" is not ${CAPTURE_FORMAT}`);
  if (!Array.isArray(capture.devices)) throw new Error(`${manifest}: "devices" is not a list`);
  const artifacts = new Map<string, DeviceArtifact>();
  for (const captured of capture.devices) artifacts.set(captured.device.name, await toArtifact(dir, captured));
  return { capture, artifacts };
}

async function toArtifact(dir: string, captured: CapturedDevice): Promise<DeviceArtifact> {
  const commands: GatheredCommand[] = [];
  for (const c of captured.commands) {
    const mode = c.mode ?? "text";
    if (c.file === undefined) {
      commands.push({ command: c.command, mode, error: c.error ?? { kind: "other", message: "no output recorded" }, durationMs: c.durationMs });
      continue;
    }
    let output: string;
    try {
      output = await readFile(join(dir, c.file), "utf8");
    } catch (err) {
      throw new Error(`${join(dir, "capture.json")}: the output of "${c.command}" on ${captured.device.name} cannot be read: ${(err as Error).message}`);
    }
    commands.push({ command: c.command, mode, output, durationMs: c.durationMs });
  }
  // Captures written before `brokenBy` was recorded: the first command that failed other than by a CLI error.
  const brokenBy = captured.brokenBy ?? captured.commands.find((c) => c.error && c.error.kind !== "cli-error")?.error?.message;
  return {
    device: captured.device,
    ...(captured.connectError ? { connectError: captured.connectError } : {}),
    ...(captured.notGathered !== undefined ? { notGathered: captured.notGathered } : {}),
    commands,
    ...(brokenBy !== undefined ? { brokenBy } : {}),
    durationMs: captured.durationMs ?? commands.reduce((n, c) => n + c.durationMs, 0),
  };
}
