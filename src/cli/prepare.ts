// The input stage shared by `run` and `capture`: options, inventory (or a capture's devices), checks,
// selection, parameters, target versions and secrets, all validated before any device is contacted.
// Every problem is collected and shown at once (exit 3); an empty selection is exit 4.
import { constants } from "node:fs";
import { access, mkdir } from "node:fs/promises";
import { loadChecks } from "../checks/library.js";
import { resolveParams } from "../checks/params.js";
import type { LoadedCheck } from "../checks/types.js";
import { versionComparator } from "../checks/versions.js";
import { readCapture, replayConnector } from "../capture/replay.js";
import type { Capture } from "../capture/format.js";
import { loadInventory } from "../inventory/load.js";
import { resolveSecrets } from "../inventory/secrets.js";
import { selectDevices } from "../inventory/select.js";
import type { Device, Secrets } from "../inventory/types.js";
import { platformPlugin } from "../platforms/registry.js";
import type { PathPlanner } from "../platforms/types.js";
import { planDevice, type DevicePlan } from "../runner/plan.js";
import type { Connector } from "../runner/run.js";
import { sshConnector } from "../runner/ssh-connector.js";
import { EXIT } from "../model/status.js";
import { KnownHosts } from "../transport/known-hosts.js";
import { InputError, formatDiagnostic, type Diagnostic } from "../util/diagnostics.js";
import { didYouMeanHint } from "../util/did-you-mean.js";
import type { CliIo } from "./io.js";
import { checkRunOptions, type RawRunOptions, type RunOptions } from "./options.js";
import { loadOutputInputs, type OutputInputs } from "./output.js";

export interface Prepared {
  options: RunOptions;
  /** The baseline report and waivers, read before any device is contacted. */
  outputs: OutputInputs;
  inventoryFile: string;
  devices: Device[];
  checks: LoadedCheck[];
  plans: DevicePlan[];
  connect: Connector;
}

/** Either everything needed to run, or the exit code after the problems were printed. */
export async function prepareRun(raw: RawRunOptions, io: CliIo): Promise<Prepared | number> {
  const { options, diagnostics } = checkRunOptions(raw);
  const loaded = await loadChecks(options?.checks ?? raw.checks);
  const outputs = loadOutputInputs({ ...(options?.baseline ? { baseline: options.baseline } : {}), ...(options?.waivers ? { waivers: options.waivers } : {}) }, diagnostics);
  diagnostics.push(...loaded.diagnostics);
  let devices: Device[] | undefined;
  let capture: Capture | undefined;
  if (options?.fromCapture) {
    try {
      capture = await readCapture(options.fromCapture);
      devices = capture.devices.map((d, index) => ({ ...d.device, index }));
    } catch (err) {
      diagnostics.push({ file: "--from-capture", line: 0, col: 0, message: (err as Error).message });
    }
  } else if (options?.inventory) {
    try {
      devices = (await loadInventory(options.inventory)).devices;
    } catch (err) {
      if (err instanceof InputError) diagnostics.push(...err.diagnostics);
      else diagnostics.push({ file: options.inventory, line: 0, col: 0, message: (err as Error).message });
    }
  }
  if (diagnostics.length || !options || !devices) return fail(io, diagnostics);

  const selection = selectDevices(devices, { groups: options.groups, devices: options.devices, tags: options.tags });
  if (selection.diagnostics.length) return fail(io, selection.diagnostics.map((message) => ({ file: "selection", line: 0, col: 0, message })));
  if (selection.selected.length === 0) {
    io.stderr.write("preflight: the selection matched no device; nothing to do (exit 4)\n");
    return EXIT.nothingToDo;
  }
  // Each selected platform's upgrade-path rules, read and checked before any device is contacted.
  const pathPlanners = new Map<string, PathPlanner>();
  for (const platform of new Set(selection.selected.map((d) => d.platform))) {
    const paths = platformPlugin(platform)?.upgradePaths;
    if (!paths) continue;
    try {
      pathPlanners.set(platform, await paths.load());
    } catch (err) {
      return fail(io, err instanceof InputError ? err.diagnostics : [{ file: `upgrade-path rules of ${platform}`, line: 0, col: 0, message: (err as Error).message }]);
    }
  }
  const plans = selection.selected.map((d) =>
    planDevice(d, loaded.checks, { ...(options.targetVersion ? { targetVersion: options.targetVersion } : {}), ...(options.path ? { path: options.path } : {}), pathPlanners }),
  );
  if (plans.every((p) => p.checks.length === 0)) {
    io.stderr.write("preflight: no selected check applies to the selected devices' platforms; nothing to do (exit 4)\n");
    return EXIT.nothingToDo;
  }
  const problems = [...plans.flatMap(targetProblems), ...plans.flatMap(paramProblems), ...unknownParamTargets(selection.selected, loaded.checks)];
  const outProblem = await writableOut(options.out);
  if (outProblem) problems.push(outProblem);
  let connect: Connector;
  if (capture && options.fromCapture) {
    connect = replayConnector(options.fromCapture, capture);
  } else {
    const secrets = await resolveAllSecrets(selection.selected, options.identity, io.env, problems);
    connect = sshConnector({
      secrets,
      knownHosts: new KnownHosts(options.knownHosts),
      acceptNewHostKeys: options.acceptNewHostKeys,
      timeouts: { connectMs: options.connectTimeoutMs, authMs: options.connectTimeoutMs, commandMs: options.commandTimeoutMs },
    });
  }
  if (problems.length) return fail(io, problems);
  return { options, outputs, inventoryFile: options.fromCapture ?? options.inventory ?? "", devices: selection.selected, checks: loaded.checks, plans, connect };
}

function fail(io: CliIo, diagnostics: Diagnostic[]): number {
  for (const d of diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
  io.stderr.write(`preflight: ${diagnostics.length} problem(s) in the input; nothing was run (exit 3)\n`);
  return EXIT.badInput;
}

function targetProblems(plan: DevicePlan): Diagnostic[] {
  const versions = [...(plan.explicitPath ?? []), ...(plan.targetVersion ? [plan.targetVersion] : [])];
  const out: Diagnostic[] = [];
  for (const version of new Set(versions)) {
    try {
      versionComparator(plan.device.platform)(version, version);
    } catch (err) {
      out.push({ file: `target version of ${plan.device.name}`, line: 0, col: 0, message: `"${version}" is not a valid ${plan.device.platform} version: ${(err as Error).message}` });
    }
  }
  return out;
}

function paramProblems(plan: DevicePlan): Diagnostic[] {
  return plan.checks.flatMap((check) =>
    resolveParams(check, plan.device.vars).problems.map((message) => ({ file: `inventory vars of ${plan.device.name}`, line: 0, col: 0, message })),
  );
}

/** check_params naming a check that is not loaded would be ignored silently: a typo must not loosen a check. */
function unknownParamTargets(devices: readonly Device[], checks: readonly LoadedCheck[]): Diagnostic[] {
  const ids = checks.map((c) => c.definition.id);
  const out = new Map<string, Diagnostic>();
  for (const d of devices) {
    const params = d.vars.check_params;
    if (!params || typeof params !== "object") continue;
    for (const id of Object.keys(params)) {
      if (!ids.includes(id) && !out.has(id)) out.set(id, { file: `inventory vars of ${d.name}`, line: 0, col: 0, message: `check_params names "${id}", which is not a selected check${didYouMeanHint(id, ids)}` });
    }
  }
  return [...out.values()];
}

/** The output folder must be creatable before a whole fleet is contacted. */
async function writableOut(dir: string): Promise<Diagnostic | undefined> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
    return undefined;
  } catch (err) {
    return { file: "--out", line: 0, col: 0, message: `cannot write to "${dir}": ${(err as Error).message}` };
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
