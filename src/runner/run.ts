// The runner: devices in parallel (one p-limit limiter), one session per device, its commands in order,
// then the pure evaluation of each check. Any device failure becomes that device's result; results are
// stored by inventory position so the order never depends on timing. Cancelling stops new devices, closes
// open sessions and still returns a result for every device (unfinished ones are `not-run`).
import { setMaxListeners } from "node:events";
import pLimit from "p-limit";
import { evaluateCheck, type DeviceContext } from "../checks/evaluate.js";
import { dependencyOrder } from "../checks/library.js";
import type { LoadedCheck } from "../checks/types.js";
import type { CheckResult, DeviceFacts, DeviceResult, Severity } from "../model/result.js";
import { hopFor } from "../checks/versions.js";
import { SessionError, type DeviceSession } from "../transport/types.js";
import { abortReason, gatherCommands, type Gathered } from "./gather.js";
import type { DevicePlan } from "./plan.js";
import { deviceStatusFromChecks, markBlocking } from "../model/status.js";
import { deviceHops } from "./upgrade-path.js";

/** Opens a session to a device (SSH in production; tests may pass their own). */
export type Connector = (plan: DevicePlan, signal: AbortSignal) => Promise<DeviceSession>;

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
        const result = await auditDevice(plan, options, runSignal);
        results[index] = result;
        done += 1;
        options.onDeviceDone?.(result, done, plans.length);
      }),
    ),
  );
  return plans.map((plan, index) => results[index] ?? notRun(plan, runSignal.aborted ? abortReason(runSignal) : "not run"));
}

async function auditDevice(plan: DevicePlan, options: RunOptions, runSignal: AbortSignal): Promise<DeviceResult> {
  const started = Date.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`device time limit of ${Math.round(options.deviceTimeoutMs / 1000)} s reached`)), options.deviceTimeoutMs);
  const forwardAbort = () => controller.abort(new Error(`interrupted: ${abortReason(runSignal)}`));
  runSignal.addEventListener("abort", forwardAbort, { once: true });
  const finish = (result: DeviceResult): DeviceResult => ({ ...result, durationMs: Date.now() - started });
  let session: DeviceSession | undefined;
  try {
    try {
      session = await options.connect(plan, controller.signal);
    } catch (err) {
      if (runSignal.aborted) return finish(notRun(plan, abortReason(runSignal)));
      const unreachable = !(err instanceof SessionError) || err.unreachable;
      const reason = controller.signal.aborted ? abortReason(controller.signal) : (err as Error).message;
      return finish({ ...base(plan), status: unreachable ? "unreachable" : "error", reason });
    }
    const gathered = await gatherCommands(session, plan.commands, controller.signal, plan.profile);
    if (runSignal.aborted && gathered.brokenBy) return finish(notRun(plan, abortReason(runSignal)));
    return finish(evaluateDeviceSafely(plan, gathered, options.failOn));
  } finally {
    clearTimeout(timer);
    runSignal.removeEventListener("abort", forwardAbort);
    await session?.close();
  }
}

/**
 * The per-check boundary: an exception inside one check's evaluation (an expression, a parser, a function that
 * throws) becomes that check's `error` with the message; the device's other checks are evaluated as usual.
 */
function evaluateCheckSafely(check: LoadedCheck, context: DeviceContext, outputs: Gathered["outputs"]): CheckResult {
  try {
    return evaluateCheck(check, context, outputs);
  } catch (err) {
    const d = check.definition;
    return { id: d.id, title: d.title, severity: d.severity, status: "error", reason: `the check failed while being evaluated: ${errorMessage(err)}`, findings: [], evidence: [], remediation: d.remediation };
  }
}

/** The per-device boundary: anything evaluation throws makes this device `error`, and the run goes on. */
export function evaluateDeviceSafely(plan: DevicePlan, gathered: Gathered, failOn: Severity): DeviceResult {
  try {
    return evaluateDevice(plan, gathered, failOn);
  } catch (err) {
    return { ...base(plan), status: "error", reason: `evaluation failed: ${errorMessage(err)}` };
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Pure: facts and every check's result from the gathered outputs (also used for replays). */
export function evaluateDevice(plan: DevicePlan, gathered: Gathered, failOn: Severity): DeviceResult {
  const { facts, factsProblem } = readFacts(plan, gathered);
  const context: DeviceContext = {
    name: plan.device.name,
    platform: plan.device.platform,
    groups: plan.device.groups,
    tags: plan.device.tags,
    vars: plan.device.vars,
    facts,
    hop: plan.targetVersion ? hopFor(plan.targetVersion, plan.device.platform) : undefined,
  };
  const path = deviceHops({ platform: plan.device.platform, running: facts.softwareVersion, target: plan.targetVersion, explicit: plan.explicitPath, ...(plan.pathPlanner ? { planner: plan.pathPlanner } : {}) });
  context.hops = path.hops.map((v) => hopFor(v, plan.device.platform));
  if (path.downloads) context.downloads = path.downloads;
  const byId = new Map<string, CheckResult>();
  for (const check of dependencyOrder(plan.checks)) {
    const blockers = (check.definition.depends_on ?? []).map((id) => byId.get(id)).filter((r): r is CheckResult => r !== undefined && r.status !== "pass");
    byId.set(check.definition.id, blockers.length ? dependencyOutcome(check, blockers) : evaluateCheckSafely(check, context, gathered.outputs));
  }
  const checks = markBlocking([...(path.result ? [path.result] : []), ...plan.checks.map((c) => byId.get(c.definition.id)!)], failOn);
  let status = deviceStatusFromChecks(checks, failOn);
  let reason: string | undefined;
  if (gathered.brokenBy) {
    reason = `session broke: ${gathered.brokenBy}`;
    if (status !== "blocked") status = "error";
  } else if (status === "error") {
    reason = checks.find((c) => c.status === "error")?.reason;
  }
  if (factsProblem) {
    // Facts feed `when`, the upgrade path and the report: without them the device is not known to be ready.
    reason ??= factsProblem;
    if (status === "ready" || status === "warning") status = "error";
  }
  return { ...base(plan), upgradePath: path.hops, status, ...(reason ? { reason } : {}), facts, checks };
}

function readFacts(plan: DevicePlan, gathered: Gathered): { facts: DeviceFacts; factsProblem?: string } {
  const facts: DeviceFacts = {};
  const problems: string[] = [];
  for (const source of plan.profile.facts) {
    const out = gathered.outputs.get(source.command);
    if (!out) continue;
    if ("error" in out) {
      problems.push(`"${source.command}" failed: ${out.error}`);
      continue;
    }
    try {
      for (const [k, v] of Object.entries(source.parse(out.output))) if (v !== undefined) facts[k] = v;
    } catch (err) {
      problems.push(`"${source.command}" unreadable: ${(err as Error).message}`);
    }
  }
  return problems.length ? { facts, factsProblem: `device facts incomplete: ${problems.join("; ")}` } : { facts };
}

/**
 * A check whose dependencies did not pass. A dependency that failed or errored already keeps the device from
 * `ready`, so the dependent is `skip`; one that does not apply makes the dependent not apply either; any other
 * outcome (warn, waived) leaves the dependent unevaluated while nothing else stops the device from looking
 * ready, so it is `error`: unknown is never ready.
 */
function dependencyOutcome(check: LoadedCheck, blockers: CheckResult[]): CheckResult {
  const d = check.definition;
  const reason = `depends on ${blockers.map((b) => `${b.id} (${b.status})`).join(", ")}`;
  const base = { id: d.id, title: d.title, severity: d.severity, findings: [], evidence: [], remediation: d.remediation, reason };
  if (blockers.every((b) => b.status === "not-applicable")) return { ...base, status: "not-applicable" };
  if (blockers.every((b) => ["fail", "error", "skip", "not-applicable"].includes(b.status))) return { ...base, status: "skip" };
  return { ...base, status: "error", reason: `${reason}: not evaluated, so its result is unknown` };
}

/** Before the running version is known: the explicit path, or the target. */
function upgradePath(plan: DevicePlan): string[] {
  if (plan.explicitPath?.length) return plan.explicitPath;
  return plan.targetVersion ? [plan.targetVersion] : [];
}


function base(plan: DevicePlan): Omit<DeviceResult, "status"> {
  const d = plan.device;
  return {
    name: d.name,
    host: d.host,
    port: d.port,
    platform: d.platform,
    groups: d.groups,
    tags: d.tags,
    ...(plan.targetVersion ? { targetVersion: plan.targetVersion } : {}),
    upgradePath: upgradePath(plan),
    facts: {},
    checks: [],
  };
}

function notRun(plan: DevicePlan, reason: string): DeviceResult {
  return { ...base(plan), status: "not-run", reason };
}
