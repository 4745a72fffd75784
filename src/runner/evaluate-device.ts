// Evaluation: a pure function of one device's gathered artifact, its plan (checks, data, target, path
// planner) and the run's gate. No I/O and no clock: a live run and a replay of its capture give the same
// result. Two boundaries keep every result: an exception in one check is that check's `error`, anything else
// thrown is the device's `error`.
import { evaluateCheck, type DeviceContext, type GatheredOutput } from "../checks/evaluate.js";
import { dependencyOrder } from "../checks/library.js";
import type { LoadedCheck } from "../checks/types.js";
import { hopFor } from "../checks/versions.js";
import type { CheckResult, DeviceFacts, DeviceResult, Severity } from "../model/result.js";
import { deviceStatusFromChecks, markBlocking } from "../model/status.js";
import { connectErrorIsUnreachable, outputsOf, type DeviceArtifact } from "./artifact.js";
import type { DevicePlan } from "./plan.js";
import { deviceHops } from "./upgrade-path.js";

/**
 * The per-check boundary: an exception inside one check's evaluation (an expression, a parser, a function that
 * throws) becomes that check's `error` with the message; the device's other checks are evaluated as usual.
 */
function evaluateCheckSafely(check: LoadedCheck, context: DeviceContext, outputs: ReadonlyMap<string, GatheredOutput>): CheckResult {
  try {
    return evaluateCheck(check, context, outputs);
  } catch (err) {
    const d = check.definition;
    return { id: d.id, title: d.title, severity: d.severity, status: "error", reason: `the check failed while being evaluated: ${errorMessage(err)}`, findings: [], evidence: [], remediation: d.remediation };
  }
}

/** The per-device boundary: anything evaluation throws makes this device `error`, and the run goes on. */
export function evaluateDeviceSafely(plan: DevicePlan, artifact: DeviceArtifact, failOn: Severity): DeviceResult {
  try {
    return evaluateDevice(plan, artifact, failOn);
  } catch (err) {
    return { ...base(plan), status: "error", reason: `evaluation failed: ${errorMessage(err)}` };
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Pure: the device's status, facts and every check's result from its artifact. */
export function evaluateDevice(plan: DevicePlan, artifact: DeviceArtifact, failOn: Severity): DeviceResult {
  const timing = { durationMs: artifact.durationMs };
  if (artifact.notGathered !== undefined) return { ...notRun(plan, artifact.notGathered), ...timing };
  if (artifact.connectError) {
    return { ...base(plan), status: connectErrorIsUnreachable(artifact.connectError) ? "unreachable" : "error", reason: artifact.connectError.message, ...timing };
  }
  const outputs = outputsOf(artifact, plan.commands);
  const { facts, factsProblem } = readFacts(plan, outputs);
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
  const refused = plan.strictPath && path.result?.status === "fail";
  for (const check of dependencyOrder(plan.checks)) {
    if (refused) {
      byId.set(check.definition.id, refusedByStrictPath(check));
      continue;
    }
    const blockers = (check.definition.depends_on ?? []).map((id) => byId.get(id)).filter((r): r is CheckResult => r !== undefined && r.status !== "pass");
    byId.set(check.definition.id, blockers.length ? dependencyOutcome(check, blockers) : evaluateCheckSafely(check, context, outputs));
  }
  const checks = markBlocking([...(path.result ? [path.result] : []), ...plan.checks.map((c) => byId.get(c.definition.id)!)], failOn);
  let status = deviceStatusFromChecks(checks, failOn);
  let reason: string | undefined;
  if (artifact.brokenBy) {
    reason = `session broke: ${artifact.brokenBy}`;
    if (status !== "blocked") status = "error";
  } else if (status === "error") {
    reason = checks.find((c) => c.status === "error")?.reason;
  }
  if (factsProblem) {
    // Facts feed `when`, the upgrade path and the report: without them the device is not known to be ready.
    reason ??= factsProblem;
    if (status === "ready" || status === "warning") status = "error";
  }
  return { ...base(plan), upgradePath: path.hops, status, ...(reason ? { reason } : {}), facts, checks, ...timing };
}

/** --strict-path and a path that breaks the rules: the check is deliberately not evaluated, and says why. */
function refusedByStrictPath(check: LoadedCheck): CheckResult {
  const d = check.definition;
  return { id: d.id, title: d.title, severity: d.severity, status: "skip", reason: "not evaluated: --strict-path refuses an upgrade path that breaks the rules (see preflight-upgrade-path)", findings: [], evidence: [], remediation: d.remediation };
}

function readFacts(plan: DevicePlan, outputs: ReadonlyMap<string, GatheredOutput>): { facts: DeviceFacts; factsProblem?: string } {
  const facts: DeviceFacts = {};
  const problems: string[] = [];
  for (const source of plan.profile.facts) {
    const out = outputs.get(source.command);
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

export function notRun(plan: DevicePlan, reason: string): DeviceResult {
  return { ...base(plan), status: "not-run", reason };
}
