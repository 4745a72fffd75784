// `preflight capture`: gather only. Runs the commands the selected checks need on the selected devices and
// saves every raw output with its metadata; `preflight run --from-capture DIR` evaluates it later, offline.
import { relative } from "node:path";
import { CaptureRecorder } from "../capture/record.js";
import { runAudit } from "../runner/run.js";
import { EXIT } from "../model/status.js";
import type { CliIo } from "./io.js";
import type { RawRunOptions } from "./options.js";
import { prepareRun } from "./prepare.js";
import { createProgress } from "./progress.js";
import { TOOL } from "./tool.js";

export async function captureCommand(raw: RawRunOptions, io: CliIo): Promise<number> {
  const prepared = await prepareRun({ ...raw, fromCapture: undefined }, io);
  if (typeof prepared === "number") return prepared;
  const { options, plans } = prepared;
  const recorder = new CaptureRecorder();
  const progress = createProgress(io.stderr, plans.length, options.progress);
  const capturedAt = new Date().toISOString();
  const results = await runAudit(plans, {
    connect: recorder.wrap(prepared.connect),
    concurrency: options.concurrency,
    failOn: options.failOn,
    deviceTimeoutMs: options.deviceTimeoutMs,
    ...(io.signal ? { signal: io.signal } : {}),
    onDeviceDone: (result, done, total) => progress.deviceDone(result, done, total),
  });
  progress.stop();
  const capture = await recorder.write(options.out, prepared.devices, { tool: TOOL, capturedAt, inventory: relative(io.cwd, prepared.inventoryFile) || prepared.inventoryFile });
  const outputs = capture.devices.reduce((n, d) => n + d.commands.filter((c) => c.file).length, 0);
  // Anything short of every planned command answered (or refused by the CLI) is an incomplete capture.
  const captured = new Map(capture.devices.map((d) => [d.device.name, d]));
  const incomplete = results.filter((r) => {
    const device = captured.get(r.name);
    return !device || device.connectError !== undefined || device.commands.some((c) => c.error && c.error.kind !== "cli-error");
  });
  io.stdout.write(`captured ${outputs} outputs from ${capture.devices.length} of ${plans.length} devices into ${relative(io.cwd, options.out) || options.out}\n`);
  for (const r of incomplete) io.stdout.write(`  ${r.name}: ${r.status}: ${r.reason ?? ""}\n`);
  return incomplete.length ? EXIT.incomplete : EXIT.ready;
}
