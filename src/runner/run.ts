// The runner: devices in parallel (one p-limit limiter), one session per device, its commands in order,
// then the pure evaluation of each check. Any device failure becomes that device's result; results are
// stored by inventory position so the order never depends on timing. Cancelling stops new devices, closes
// open sessions and still returns a result for every device (unfinished ones are `not-run`).
import { setMaxListeners } from "node:events";
import pLimit from "p-limit";
import type { DeviceResult, Severity } from "../model/result.js";
import type { DeviceArtifact } from "./artifact.js";
import { evaluateDeviceSafely, notRun } from "./evaluate-device.js";
import { abortReason, gatherDevice, type Connector } from "./gather.js";
import type { DevicePlan } from "./plan.js";

export type { Connector } from "./gather.js";

export interface RunOptions {
  connect: Connector;
  concurrency: number;
  failOn: Severity;
  /** Whole-device time limit: connect, all commands, close. */
  deviceTimeoutMs: number;
  /** Aborting stops new devices and closes open sessions. */
  signal?: AbortSignal;
  onDeviceStart?: (plan: DevicePlan) => void;
  onDeviceDone?: (result: DeviceResult, done: number, total: number) => void;
  /** Each device's artifact as soon as it is gathered (what `preflight capture` saves). */
  onGathered?: (artifact: DeviceArtifact, index: number) => void;
}

export async function runAudit(plans: readonly DevicePlan[], options: RunOptions): Promise<DeviceResult[]> {
  const results: (DeviceResult | undefined)[] = new Array(plans.length);
  const limit = pLimit(Math.max(1, options.concurrency));
  const runSignal = options.signal ?? new AbortController().signal;
  // Every running device listens for the run's abort: one listener per concurrent device is expected.
  setMaxListeners(Math.max(10, options.concurrency + 10), runSignal);
  let done = 0;
  // After an abort, queued devices still get their turn but return at once (they become not-run below);
  // clearing p-limit's queue instead would leave their promises unsettled and the run would never finish.
  await Promise.all(
    plans.map((plan, index) =>
      limit(async () => {
        if (runSignal.aborted) return;
        options.onDeviceStart?.(plan);
        const result = await auditDevice(plan, index, options, runSignal);
        results[index] = result;
        done += 1;
        options.onDeviceDone?.(result, done, plans.length);
      }),
    ),
  );
  return plans.map((plan, index) => results[index] ?? notRun(plan, runSignal.aborted ? abortReason(runSignal) : "not run"));
}

async function auditDevice(plan: DevicePlan, index: number, options: RunOptions, runSignal: AbortSignal): Promise<DeviceResult> {
  const { artifact, result } = await auditOneDevice(plan, options, runSignal);
  options.onGathered?.(artifact, index);
  return result;
}

/**
 * One device, start to finish: gather within the device time limit, then evaluate. The local runner calls it for
 * each device; a queue worker (src/queue/worker.ts) for each job it takes.
 */
export async function auditOneDevice(plan: DevicePlan, options: Pick<RunOptions, "connect" | "deviceTimeoutMs" | "failOn">, runSignal: AbortSignal): Promise<{ artifact: DeviceArtifact; result: DeviceResult }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`device time limit of ${Math.round(options.deviceTimeoutMs / 1000)} s reached`)), options.deviceTimeoutMs);
  const forwardAbort = () => controller.abort(new Error(`interrupted: ${abortReason(runSignal)}`));
  runSignal.addEventListener("abort", forwardAbort, { once: true });
  let artifact: DeviceArtifact;
  try {
    artifact = await gatherDevice(plan, options.connect, controller.signal);
  } finally {
    clearTimeout(timer);
    runSignal.removeEventListener("abort", forwardAbort);
  }
  // A device the user's Ctrl-C cut short was not audited: it is not-run, whatever it had answered so far.
  if (runSignal.aborted && (artifact.connectError || artifact.brokenBy)) artifact = { device: plan.device, notGathered: abortReason(runSignal), commands: [], durationMs: artifact.durationMs };
  return { artifact, result: evaluateDeviceSafely(plan, artifact, options.failOn) };
}
