// `preflight run`: load and validate everything (inventory, checks, options, secrets) before any device is
// contacted, audit the selected devices, write the reports, print the summary, return the exit code.
import { relative } from "node:path";
import { loadChecks } from "../checks/library.js";
import { loadInventory } from "../inventory/load.js";
import { resolveSecrets } from "../inventory/secrets.js";
import { selectDevices } from "../inventory/select.js";
import type { Device, Inventory, Secrets } from "../inventory/types.js";
import type { RunMeta } from "../model/result.js";
import { renderSummary } from "../report/summary.js";
import { writeReports } from "../report/write.js";
import { assembleReport, checkRefs } from "../runner/assemble.js";
import { planDevice } from "../runner/plan.js";
import { runAudit } from "../runner/run.js";
import { sshConnector } from "../runner/ssh-connector.js";
import { EXIT } from "../runner/status.js";
import { versionComparator } from "../checks/versions.js";
import { KnownHosts } from "../transport/known-hosts.js";
import { InputError, formatDiagnostic, type Diagnostic } from "../util/diagnostics.js";
import { TOOL } from "./tool.js";
import type { CliIo } from "./io.js";
import { checkRunOptions, type RawRunOptions } from "./options.js";
import { createProgress } from "./progress.js";

export async function runCommand(raw: RawRunOptions, io: CliIo): Promise<number> {
  const fail = (diagnostics: Diagnostic[], code: number = EXIT.badInput): number => {
    for (const d of diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
    io.stderr.write(code === EXIT.badInput ? `preflight: ${diagnostics.length} problem(s) in the input; nothing was run (exit 3)\n` : "");
    return code;
  };

  const { options, diagnostics } = checkRunOptions(raw);
  const loaded = await loadChecks(options?.checks ?? raw.checks);
  let inventory: Inventory | undefined;
  if (options) {
    try {
      inventory = await loadInventory(options.inventory);
    } catch (err) {
      if (err instanceof InputError) diagnostics.push(...err.diagnostics);
      else diagnostics.push({ file: options.inventory, line: 0, col: 0, message: (err as Error).message });
    }
  }
  diagnostics.push(...loaded.diagnostics);
  if (diagnostics.length || !options || !inventory) return fail(diagnostics);

  const selection = selectDevices(inventory.devices, { groups: options.groups, devices: options.devices, tags: options.tags });
  if (selection.diagnostics.length) return fail(selection.diagnostics.map((message) => ({ file: "selection", line: 0, col: 0, message })));
  if (selection.selected.length === 0) {
    io.stderr.write("preflight: the selection matched no device; nothing to do (exit 4)\n");
    return EXIT.nothingToDo;
  }
  const plans = selection.selected.map((d) => planDevice(d, loaded.checks, options.targetVersion));
  if (plans.every((p) => p.checks.length === 0)) {
    io.stderr.write("preflight: no selected check applies to the selected devices' platforms; nothing to do (exit 4)\n");
    return EXIT.nothingToDo;
  }
  const targetProblems = plans.flatMap((p) => targetProblem(p.device, p.targetVersion));
  const secretProblems: Diagnostic[] = [];
  const secrets = await resolveAllSecrets(selection.selected, options.identity, io.env, secretProblems);
  if (targetProblems.length || secretProblems.length) return fail([...targetProblems, ...secretProblems]);

  const startedAt = new Date();
  const progress = createProgress(io.stderr, plans.length, options.progress);
  const connect = sshConnector({
    secrets,
    knownHosts: new KnownHosts(options.knownHosts),
    acceptNewHostKeys: options.acceptNewHostKeys,
    timeouts: { connectMs: options.connectTimeoutMs, authMs: options.connectTimeoutMs, commandMs: options.commandTimeoutMs },
  });
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
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    interrupted: io.signal?.aborted ?? false,
    selection: { inventory: relative(io.cwd, inventory.file) || inventory.file, groups: options.groups, devices: options.devices, tags: options.tags },
    failOn: options.failOn,
    targetVersions: [...new Set(plans.map((p) => p.targetVersion).filter((v): v is string => Boolean(v)))],
    checks: checkRefs(loaded.checks.filter((c) => plans.some((p) => p.checks.includes(c))), (f) => relative(io.cwd, f)),
  };
  const report = assembleReport(meta, devices);
  const written = await writeReports(report, options.out, options.formats);
  io.stdout.write(renderSummary(report, { color: Boolean(io.stdout.isTTY) && !io.env.NO_COLOR }));
  for (const path of written) io.stdout.write(`wrote ${relative(io.cwd, path) || path}\n`);
  return report.summary.exitCode;
}

function targetProblem(device: Device, target: string | undefined): Diagnostic[] {
  if (!target) return [];
  try {
    versionComparator(device.platform)(target, target);
    return [];
  } catch (err) {
    return [{ file: `target version of ${device.name}`, line: 0, col: 0, message: `"${target}" is not a valid ${device.platform} version: ${(err as Error).message}` }];
  }
}

async function resolveAllSecrets(devices: readonly Device[], identity: string | undefined, env: NodeJS.ProcessEnv, problems: Diagnostic[]): Promise<Map<string, Secrets>> {
  const out = new Map<string, Secrets>();
  const refs = new Map(devices.map((d) => [d.credentials.name, d.credentials]));
  for (const [name, ref] of refs) {
    try {
      out.set(name, await resolveSecrets(ref, env, identity ? { identityFile: identity } : {}));
    } catch (err) {
      problems.push({ file: `credentials "${name}"`, line: 0, col: 0, message: (err as Error).message });
    }
  }
  return out;
}
