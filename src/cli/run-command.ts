// `preflight run`: validate everything first (prepare.ts), audit the selected devices (live over SSH or
// replayed from a capture), write the reports, print the summary, and return the exit code.
import { hostname, userInfo } from "node:os";
import { relative } from "node:path";
import type { RunMeta } from "../model/result.js";
import { assembleReport, checkRefs } from "../runner/assemble.js";
import { runAudit } from "../runner/run.js";
import type { CliIo } from "./io.js";
import type { RawRunOptions } from "./options.js";
import { emitReport } from "./output.js";
import { prepareRun } from "./prepare.js";
import { createProgress } from "./progress.js";
import { TOOL } from "./tool.js";

export async function runCommand(raw: RawRunOptions, io: CliIo): Promise<number> {
  const prepared = await prepareRun(raw, io);
  if (typeof prepared === "number") return prepared;
  const { options, plans, checks, connect } = prepared;

  const startedAt = new Date();
  const progress = createProgress(io.stderr, plans.length, options.progress);
  const devices = await runAudit(plans, {
    connect,
    concurrency: options.concurrency,
    failOn: options.failOn,
    deviceTimeoutMs: options.deviceTimeoutMs,
    ...(io.signal ? { signal: io.signal } : {}),
    onDeviceDone: (result, done, total) => progress.deviceDone(result, done, total),
  });
  progress.stop();

  const meta: RunMeta = {
    tool: TOOL,
    runBy: { user: userInfo().username, host: hostname() },
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    interrupted: io.signal?.aborted ?? false,
    selection: { inventory: relative(io.cwd, prepared.inventoryFile) || prepared.inventoryFile, groups: options.groups, devices: options.devices, tags: options.tags },
    failOn: options.failOn,
    targetVersions: [...new Set(plans.map((p) => p.targetVersion).filter((v): v is string => Boolean(v)))],
    checks: checkRefs(
      checks.filter((c) => plans.some((p) => p.checks.includes(c))),
      (f) => relative(io.cwd, f),
    ),
    ...(options.fromCapture ? { fromCapture: relative(io.cwd, options.fromCapture) || options.fromCapture } : {}),
  };
  const report = assembleReport(meta, devices);
  return emitReport(report, prepared.outputs, { out: options.out, formats: options.formats, ...(options.stdout ? { stdout: options.stdout } : {}) }, io);
}
