// The capture format: the gathered artifacts of a run (src/runner/artifact.ts) on disk, so the same checks can be
// evaluated again offline to the same report. Layout:
//   DIR/capture.json                      the manifest (this file's Capture type)
//   DIR/devices/<device>/<NN>-<slug>.txt  raw outputs, exactly as gathered (.xml for XML mode)
import type { Device } from "../inventory/types.js";
import type { GatherError } from "../runner/artifact.js";

export const CAPTURE_FORMAT = "preflight-capture/1";

export type CapturedError = GatherError;

export interface CapturedCommand {
  command: string;
  /** The CLI's output mode when the command ran (absent: text). */
  mode?: "xml";
  /** Output file relative to the capture folder; absent when the command failed. */
  file?: string;
  error?: CapturedError;
  durationMs: number;
}

export interface CapturedDevice {
  /** The device as the inventory resolved it (credentials are references to variables, never secrets). */
  device: Device;
  /** Why no session could be opened, when none was. */
  connectError?: CapturedError;
  /** Why the device was never gathered (an interrupted capture). */
  notGathered?: string;
  commands: CapturedCommand[];
  /** Why the session broke before every command had run (older captures: derived from the first broken command). */
  brokenBy?: string;
  durationMs?: number;
}

export interface Capture {
  format: typeof CAPTURE_FORMAT;
  tool: { name: string; version: string };
  capturedAt: string;
  inventory: string;
  devices: CapturedDevice[];
}
