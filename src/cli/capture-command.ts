// `preflight capture`: gather only. Runs the commands the selected checks need on the selected devices and
// saves every device's artifact (raw outputs with mode and timing); `preflight run --from-capture DIR`
// evaluates it later, offline.
import { relative } from "node:path";
import { writeCapture } from "../capture/write.js";
import { EXIT } from "../model/status.js";
import { runPreparedAudit } from "../runner/audit.js";
import { TOOL } from "../util/tool.js";
import { shownPath, type CliIo } from "./io.js";
import type { RawRunOptions } from "./options.js";
import { prepareRun } from "./prepare.js";
import { createProgress } from "./progress.js";

export async function captureCommand(raw: RawRunOptions, io: CliIo): Promise<number> {
  const prepared = await prepareRun({ ...raw, fromCapture: undefined }, io);
  if (typeof prepared === "number") return prepared;
  const { options, audit } = prepared;
  const progress = createProgress(io.stderr, audit.plans.length, options.progress);
  const capturedAt = new Date().toISOString();
  const { report, artifacts } = await runPreparedAudit(audit, {
    keepArtifacts: true,
    ...(io.signal ? { signal: io.signal } : {}),
    onDeviceDone: (result, done, total) => progress.deviceDone(result, done, total),
    // The queue client (bullmq, ioredis) is loaded only for --queue.
    ...(options.queue ? { auditor: (await import("./worker-command.js")).coordinatorFor(options, io, { artifacts: true }) } : {}),
  });
  progress.stop();
  const capture = await writeCapture(options.out, audit.devices, artifacts, { tool: TOOL, capturedAt, inventory: shownPath(io.cwd, audit.inventoryFile) });
  const outputs = capture.devices.reduce((n, d) => n + d.commands.filter((c) => c.file).length, 0);
  // Anything short of every planned command answered (or refused by the CLI) is an incomplete capture.
  const incomplete = capture.devices.filter((d) => d.connectError !== undefined || d.notGathered !== undefined || d.brokenBy !== undefined || d.commands.some((c) => c.error && c.error.kind !== "cli-error"));
  const statusOf = new Map(report.devices.map((r) => [r.name, r]));
  const gathered = capture.devices.filter((d) => d.notGathered === undefined).length;
  io.stdout.write(`captured ${outputs} outputs from ${gathered} of ${audit.plans.length} devices into ${relative(io.cwd, options.out) || options.out}\n`);
  for (const d of incomplete) {
    const r = statusOf.get(d.device.name);
    io.stdout.write(`  ${d.device.name}: ${r?.status ?? "not-run"}: ${r?.reason ?? ""}\n`);
  }
  return incomplete.length ? EXIT.incomplete : EXIT.ready;
}
