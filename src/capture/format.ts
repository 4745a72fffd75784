// The capture format: every raw output of an audit, per device and command, with enough metadata to
// evaluate the same checks again offline and get the same report. Layout:
//   DIR/capture.json                      the manifest (this file's Capture type)
//   DIR/devices/<device>/<NN>-<slug>.txt  raw outputs, exactly as gathered
import type { Device } from "../inventory/types.js";
import type { SessionErrorKind } from "../transport/types.js";

export const CAPTURE_FORMAT = "preflight-capture/1";

export interface CapturedError {
  kind: SessionErrorKind | "other";
  message: string;
}

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
  commands: CapturedCommand[];
}

export interface Capture {
  format: typeof CAPTURE_FORMAT;
  tool: { name: string; version: string };
  capturedAt: string;
  inventory: string;
  devices: CapturedDevice[];
}
