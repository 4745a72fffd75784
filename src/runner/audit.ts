// The pipeline's entry point for `run` and `capture`: gather (over SSH, or from a capture's artifacts), evaluate,
// and assemble the RunReport every format renders. The CLI calls this and prints; nothing here writes files.
import { hostname, userInfo } from "node:os";
import type { LoadedCheck } from "../checks/types.js";
import type { DeviceResult, RunMeta, RunReport, UserDataRef } from "../model/result.js";
import { TOOL } from "../util/tool.js";
import type { DeviceArtifact } from "./artifact.js";
import { assembleReport, checkRefs } from "./assemble.js";
import { evaluateDeviceSafely, notRun } from "./evaluate-device.js";
import type { PreparedAudit } from "./prepare.js";
import type { DevicePlan } from "./plan.js";
import { runAudit, type RunOptions } from "./run.js";

export interface AuditHooks {
  /** Aborting stops new devices, closes open sessions and still reports every device. */
  signal?: AbortSignal;
  onDeviceDone?: (result: DeviceResult, done: number, total: number) => void;
  /** Each device's artifact as soon as it is gathered (what `preflight capture` saves). */
  onGathered?: (artifact: DeviceArtifact, index: number) => void;
  /**
   * Keep every device's artifact until the end, in the outcome's `artifacts` (what `preflight capture` writes).
   * Off by default: a run needs each device's raw outputs only until its checks are evaluated, and holding
   * them all would grow with the fleet (10,000 devices × their outputs).
   */
  keepArtifacts?: boolean;
  /** How file names appear in the report's metadata (relative to the user's folder). */
  displayPath?: (file: string) => string;
  /** When the run began (default: now); a resumed run keeps its first start. */
  startedAt?: Date;
  /** When it ended (default: when the last device finished); a complete journal's report keeps its own. */
  finishedAt?: Date;
  /** Audits the devices elsewhere instead of here (`run --queue`: src/queue/coordinator.ts); same contract as runAudit. */
  auditor?: (plans: readonly DevicePlan[], options: Omit<RunOptions, "connect">) => Promise<DeviceResult[]>;
  /** A resumed run (src/runner/journal.ts): the devices that finished before, by name, are not audited again. */
  finished?: ReadonlyMap<string, DeviceResult>;
  /** The report's meta.resumed. */
  resumed?: RunMeta["resumed"];
}

export interface AuditOutcome {
  report: RunReport;
  /** By device name: every device that was gathered (a replay's are the capture's); empty unless `keepArtifacts`. */
  artifacts: Map<string, DeviceArtifact>;
}

export async function runPreparedAudit(audit: PreparedAudit, hooks: AuditHooks = {}): Promise<AuditOutcome> {
  const { request, plans } = audit;
  const startedAt = hooks.startedAt ?? new Date();
  const artifacts = new Map<string, DeviceArtifact>();
  const keep = (artifact: DeviceArtifact, index: number) => {
    if (hooks.keepArtifacts) artifacts.set(artifact.device.name, artifact);
    hooks.onGathered?.(artifact, index);
  };
  let devices: DeviceResult[];
  if (audit.source.kind === "replay") {
    const captured = audit.source.artifacts;
    devices = plans.map((plan, index) => {
      const artifact = captured.get(plan.device.name);
      const result = artifact ? evaluateDeviceSafely(plan, artifact, request.failOn) : notRun(plan, `${plan.device.name} is not in the capture`);
      if (artifact) keep(artifact, index);
      hooks.onDeviceDone?.(result, index + 1, plans.length);
      return result;
    });
  } else {
    const finished = hooks.finished ?? new Map<string, DeviceResult>();
    const todo = plans.flatMap((plan, index) => (finished.has(plan.device.name) ? [] : [{ plan, index }]));
    const source = audit.source;
    const run = source.kind === "queue" ? hooks.auditor : (ps: readonly DevicePlan[], o: Omit<RunOptions, "connect">) => runAudit(ps, { ...o, connect: source.connect });
    if (!run) throw new Error("a queued audit needs the queue's auditor");
    const audited = await run(
      todo.map((t) => t.plan),
      {
        concurrency: request.concurrency,
        failOn: request.failOn,
        deviceTimeoutMs: request.deviceTimeoutMs,
        ...(hooks.signal ? { signal: hooks.signal } : {}),
        onGathered: (artifact, at) => keep(artifact, todo[at]!.index),
        ...(hooks.onDeviceDone ? { onDeviceDone: hooks.onDeviceDone } : {}),
      },
    );
    const byName = new Map(audited.map((result) => [result.name, result]));
    devices = plans.map((plan) => finished.get(plan.device.name) ?? byName.get(plan.device.name)!);
  }
  const display = hooks.displayPath ?? ((file: string) => file);
  const meta: RunMeta = {
    tool: TOOL,
    runBy: { user: userInfo().username, host: hostname() },
    startedAt: startedAt.toISOString(),
    finishedAt: (hooks.finishedAt ?? new Date()).toISOString(),
    interrupted: hooks.signal?.aborted ?? false,
    selection: { inventory: display(audit.inventoryFile), groups: request.groups, devices: request.devices, tags: request.tags },
    failOn: request.failOn,
    targetVersions: [...new Set(plans.map((p) => p.targetVersion).filter((v): v is string => Boolean(v)))],
    checks: checkRefs(
      audit.checks.filter((c) => plans.some((p) => p.checks.includes(c))),
      display,
    ),
    ...(request.fromCapture ? { fromCapture: display(request.fromCapture) } : {}),
    ...(hooks.resumed?.length ? { resumed: hooks.resumed } : {}),
  };
  const userData = userDataRefs(audit.checks.filter((c) => plans.some((p) => p.checks.includes(c))), display);
  if (userData.length) meta.userData = userData;
  return { report: assembleReport(meta, devices), artifacts };
}

/** The --data-dir files the run's checks read, once each, with the checks that read them. */
function userDataRefs(checks: readonly LoadedCheck[], display: (file: string) => string): UserDataRef[] {
  const byFile = new Map<string, UserDataRef>();
  for (const check of checks) {
    for (const used of check.userData ?? []) {
      const ref = byFile.get(used.file) ?? { file: display(used.file), sha256: used.sha256, checks: [] };
      if (!ref.checks.includes(check.definition.id)) ref.checks.push(check.definition.id);
      byFile.set(used.file, ref);
    }
  }
  return [...byFile.values()];
}
