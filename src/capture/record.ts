// Recording: wraps a Connector so that every session's outputs and failures are kept, then writes them as
// a capture folder. Gathering is unchanged; recording only watches.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Device } from "../inventory/types.js";
import type { Connector } from "../runner/run.js";
import { SessionError } from "../transport/types.js";
import { CAPTURE_FORMAT, type Capture, type CapturedCommand, type CapturedDevice, type CapturedError } from "./format.js";

interface Recorded {
  device: Device;
  connectError?: CapturedError;
  commands: (CapturedCommand & { output?: string })[];
}

export class CaptureRecorder {
  private readonly devices = new Map<string, Recorded>();

  wrap(inner: Connector): Connector {
    return async (plan, signal) => {
      const record: Recorded = { device: plan.device, commands: [] };
      this.devices.set(plan.device.name, record);
      let session;
      try {
        session = await inner(plan, signal);
      } catch (err) {
        record.connectError = capturedError(err);
        throw err;
      }
      const xml = plan.profile.outputModes.xml;
      let mode: "text" | "xml" = "text";
      return {
        run: async (command) => {
          const started = Date.now();
          const modeField = mode === "xml" ? { mode: "xml" as const } : {};
          try {
            const out = await session.run(command);
            if (xml && command === xml.enter) mode = "xml";
            if (xml && command === xml.exit) mode = "text";
            record.commands.push({ command, ...modeField, output: out.output, durationMs: out.durationMs });
            return out;
          } catch (err) {
            record.commands.push({ command, ...modeField, error: capturedError(err), durationMs: Date.now() - started });
            throw err;
          }
        },
        close: () => session.close(),
      };
    };
  }

  /** Writes the capture folder; devices in the given (inventory) order, unvisited ones marked as not captured. */
  async write(dir: string, order: readonly Device[], meta: Omit<Capture, "format" | "devices">): Promise<Capture> {
    const devices: CapturedDevice[] = [];
    for (const device of order) {
      const record = this.devices.get(device.name);
      if (!record) {
        // Never visited (the capture was interrupted): kept, so a replay reports it instead of dropping it.
        devices.push({ device, connectError: { kind: "other", message: "not captured: the capture was interrupted before this device" }, commands: [] });
        continue;
      }
      const folder = join("devices", safeName(device.name));
      await mkdir(join(dir, folder), { recursive: true });
      const commands: CapturedCommand[] = [];
      for (const [i, c] of record.commands.entries()) {
        if (c.output === undefined) {
          commands.push({ command: c.command, ...(c.mode ? { mode: c.mode } : {}), ...(c.error ? { error: c.error } : {}), durationMs: c.durationMs });
          continue;
        }
        const file = join(folder, `${String(i + 1).padStart(2, "0")}-${slug(c.command)}${c.mode === "xml" ? ".xml" : ".txt"}`);
        await writeFile(join(dir, file), c.output);
        commands.push({ command: c.command, ...(c.mode ? { mode: c.mode } : {}), file, durationMs: c.durationMs });
      }
      devices.push({ device: record.device, ...(record.connectError ? { connectError: record.connectError } : {}), commands });
    }
    const capture: Capture = { format: CAPTURE_FORMAT, ...meta, devices };
    await writeFile(join(dir, "capture.json"), `${JSON.stringify(capture, null, 2)}\n`);
    return capture;
  }
}

function capturedError(err: unknown): CapturedError {
  if (err instanceof SessionError) return { kind: err.kind, message: err.message };
  return { kind: "other", message: (err as Error).message ?? String(err) };
}

function slug(command: string): string {
  return command.replace(/[^A-Za-z0-9.]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 60) || "command";
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, "_");
}
