// Writes gathered artifacts as a capture folder: one manifest and one file per raw output, devices in
// inventory order. A device with no artifact (the capture was interrupted before it) is kept as not gathered,
// so a replay reports it instead of dropping it.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Device } from "../inventory/types.js";
import type { DeviceArtifact } from "../runner/artifact.js";
import { CAPTURE_FORMAT, type Capture, type CapturedCommand, type CapturedDevice } from "./format.js";

export async function writeCapture(dir: string, order: readonly Device[], artifacts: ReadonlyMap<string, DeviceArtifact>, meta: Omit<Capture, "format" | "devices">): Promise<Capture> {
  const devices: CapturedDevice[] = [];
  for (const device of order) {
    const artifact = artifacts.get(device.name);
    if (!artifact) {
      devices.push({ device, notGathered: "not captured: the capture was interrupted before this device", commands: [] });
      continue;
    }
    const folder = join("devices", safeName(device.name));
    if (artifact.commands.length) await mkdir(join(dir, folder), { recursive: true });
    const commands: CapturedCommand[] = [];
    for (const [i, c] of artifact.commands.entries()) {
      const mode = c.mode === "xml" ? { mode: "xml" as const } : {};
      if (c.output === undefined) {
        commands.push({ command: c.command, ...mode, ...(c.error ? { error: c.error } : {}), durationMs: c.durationMs });
        continue;
      }
      const file = join(folder, `${String(i + 1).padStart(2, "0")}-${slug(c.command)}${c.mode === "xml" ? ".xml" : ".txt"}`);
      await writeFile(join(dir, file), c.output);
      commands.push({ command: c.command, ...mode, file, durationMs: c.durationMs });
    }
    devices.push({
      device: artifact.device,
      ...(artifact.connectError ? { connectError: artifact.connectError } : {}),
      ...(artifact.notGathered !== undefined ? { notGathered: artifact.notGathered } : {}),
      commands,
      ...(artifact.brokenBy !== undefined ? { brokenBy: artifact.brokenBy } : {}),
      durationMs: artifact.durationMs,
    });
  }
  const capture: Capture = { format: CAPTURE_FORMAT, ...meta, devices };
  await writeFile(join(dir, "capture.json"), `${JSON.stringify(capture, null, 2)}\n`);
  return capture;
}

function slug(command: string): string {
  return command.replace(/[^A-Za-z0-9.]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 60) || "command";
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, "_");
}
