// Replay: a Connector that answers from a capture folder instead of SSH, so a run evaluates offline and
// the same capture always gives the same report. A command that was not captured fails like a CLI error
// (the checks that need it are `error`), never silently.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Connector } from "../runner/run.js";
import { SessionError, type SessionErrorKind } from "../transport/types.js";
import { CAPTURE_FORMAT, type Capture, type CapturedError } from "./format.js";

export async function readCapture(dir: string): Promise<Capture> {
  let capture: Capture;
  try {
    capture = JSON.parse(await readFile(join(dir, "capture.json"), "utf8")) as Capture;
  } catch (err) {
    throw new Error(`${join(dir, "capture.json")}: cannot read the capture: ${(err as Error).message}`);
  }
  if (capture.format !== CAPTURE_FORMAT) throw new Error(`${join(dir, "capture.json")}: format "${String(capture.format)}" is not ${CAPTURE_FORMAT}`);
  return capture;
}

export function replayConnector(dir: string, capture: Capture): Connector {
  const byName = new Map(capture.devices.map((d) => [d.device.name, d]));
  return async (plan) => {
    const captured = byName.get(plan.device.name);
    if (!captured) throw new SessionError("protocol", `${plan.device.name} is not in the capture`);
    if (captured.connectError) throw toError(captured.connectError);
    const xml = plan.profile.outputModes.xml;
    let mode: "text" | "xml" = "text";
    return {
      run: async (command) => {
        const current = mode;
        if (xml && command === xml.enter) mode = "xml";
        if (xml && command === xml.exit) mode = "text";
        const entry = captured.commands.find((c) => c.command === command && (c.mode ?? "text") === current);
        if (!entry) throw new SessionError("cli-error", `"${command}" is not in the capture`);
        if (entry.error || !entry.file) throw toError(entry.error ?? { kind: "other", message: "no output recorded" });
        return { command, output: await readFile(join(dir, entry.file), "utf8"), durationMs: entry.durationMs };
      },
      close: async () => undefined,
    };
  };
}

function toError(e: CapturedError): Error {
  return e.kind === "other" ? new Error(e.message) : new SessionError(e.kind as SessionErrorKind, e.message);
}
