// The input stage: inventory (or a capture's devices), checks, selection, parameters, target versions, the
// platforms' upgrade rules and secrets, all validated before any device is contacted. Every problem is
// collected and returned at once; the caller decides how to show them.
import { constants } from "node:fs";
import { access, mkdir } from "node:fs/promises";
import { readCapture } from "../capture/read.js";
import { loadChecks } from "../checks/library.js";
import { resolveParams } from "../checks/params.js";
import type { LoadedCheck } from "../checks/types.js";
import { versionComparator } from "../checks/versions.js";
import { loadInventory } from "../inventory/load.js";
import { resolveSecrets } from "../inventory/secrets.js";
import { selectDevices } from "../inventory/select.js";
import type { Device, Secrets } from "../inventory/types.js";
import type { Severity } from "../model/result.js";
import { platformPlugin } from "../platforms/registry.js";
import type { PathPlanner } from "../platforms/types.js";
import { KnownHosts } from "../transport/known-hosts.js";
import { sessionOptionsFor, type TransportRequest } from "../transport/run-options.js";
import { SshConfigError, SshConfigFile } from "../transport/ssh-config.js";
import { InputError, type Diagnostic } from "../util/diagnostics.js";
import { didYouMeanHint } from "../util/did-you-mean.js";
import type { DeviceArtifact } from "./artifact.js";
import type { Connector } from "./gather.js";
import { planDevice, type DevicePlan } from "./plan.js";
import { sshConnector } from "./ssh-connector.js";

/** What to audit and how: the validated options of `run` and `capture`. */
export interface AuditRequest {
  /** Login pacing and retries (src/transport/run-options.ts), handed to every SSH session. */
  transport?: TransportRequest;
  /** OpenSSH client config: a file, "none", or absent for ~/.ssh/config when it exists (docs/transport.md). */
  sshConfig?: string;
  /** Absent only when replaying a capture, which carries its own devices. */
  inventory?: string;
  fromCapture?: string;
  groups: string[];
  devices: string[];
  tags: string[];
  checks: string[];
  /** Which of `checks` may be paths on disk (loadChecks' `paths`): unset for the CLI, the stored packs' folders for the server. */
  checkPaths?: string[];
  targetVersion?: string;
  /** Explicit upgrade path for every selected device (--path), the target last. */
  path?: string[];
  /** The user's reference data (--data-dir): DIR/<pack>/<file> replaces a check pack's data/<file>. */
  dataDir?: string;
  /** --strict-path: a device whose explicit path breaks the upgrade rules is refused, its checks not evaluated. */
  strictPath?: boolean;
  /** `run --queue URL`: workers audit the devices with their own secrets, so none are resolved here. */
  queue?: string;
  /** With `queue`: how long the queue may stay unanswered before the run gives up on it. */
  queueTimeoutMs?: number;
  /** The output folder: it must be writable before a whole fleet is contacted. */
  out: string;
  concurrency: number;
  knownHosts?: string;
  acceptNewHostKeys: boolean;
  identity?: string;
  failOn: Severity;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  deviceTimeoutMs: number;
}

/** Where the outputs come from: SSH to the devices, the artifacts of a capture, or queue workers (src/queue/). */
export type OutputSource = { kind: "live"; connect: Connector } | { kind: "replay"; artifacts: ReadonlyMap<string, DeviceArtifact> } | { kind: "queue"; url: string };

export interface PreparedAudit {
  request: AuditRequest;
  /** The inventory file, or the capture folder of a replay. */
  inventoryFile: string;
  devices: Device[];
  checks: LoadedCheck[];
  plans: DevicePlan[];
  source: OutputSource;
}

export type Preparation = { kind: "ready"; audit: PreparedAudit } | { kind: "bad-input"; diagnostics: Diagnostic[] } | { kind: "nothing-to-do"; message: string };

/**
 * Checks every input. `earlier` holds problems the caller already found (its own options, a baseline): they are
 * returned together with the inventory's and the checks' problems, so the user hears about all of them at once.
 */
export async function prepareAudit(request: AuditRequest, env: NodeJS.ProcessEnv, earlier: readonly Diagnostic[] = []): Promise<Preparation> {
  const diagnostics = [...earlier];
  // The inventory is read first (it may name the data dir), but the checks' problems are listed before its own.
  const inventoryProblems: Diagnostic[] = [];
  let inventoryDataDir: string | undefined;
  let devices: Device[] | undefined;
  let artifacts: ReadonlyMap<string, DeviceArtifact> | undefined;
  if (request.fromCapture) {
    try {
      const read = await readCapture(request.fromCapture);
      artifacts = read.artifacts;
      devices = read.capture.devices.map((d, index) => ({ ...d.device, index }));
    } catch (err) {
      inventoryProblems.push({ file: "--from-capture", line: 0, col: 0, message: (err as Error).message });
    }
  } else if (request.inventory) {
    try {
      const inventory = await loadInventory(request.inventory, env);
      devices = inventory.devices;
      inventoryDataDir = inventory.dataDir;
    } catch (err) {
      if (err instanceof InputError) inventoryProblems.push(...err.diagnostics);
      else inventoryProblems.push({ file: request.inventory, line: 0, col: 0, message: (err as Error).message });
    }
  }
  const dataDir = request.dataDir ?? inventoryDataDir;
  const loaded = await loadChecks(request.checks, { ...(dataDir ? { dataDir } : {}), ...(request.checkPaths ? { paths: request.checkPaths } : {}) });
  diagnostics.push(...loaded.diagnostics, ...inventoryProblems);
  if (diagnostics.length || !devices) return { kind: "bad-input", diagnostics };

  const selection = selectDevices(devices, { groups: request.groups, devices: request.devices, tags: request.tags });
  if (selection.diagnostics.length) return { kind: "bad-input", diagnostics: selection.diagnostics.map((message) => ({ file: "selection", line: 0, col: 0, message })) };
  if (selection.selected.length === 0) return { kind: "nothing-to-do", message: "the selection matched no device" };

  // Each selected platform's upgrade-path rules, read and checked before any device is contacted.
  const pathPlanners = new Map<string, PathPlanner>();
  for (const platform of new Set(selection.selected.map((d) => d.platform))) {
    const paths = platformPlugin(platform)?.upgradePaths;
    if (!paths) continue;
    try {
      pathPlanners.set(platform, await paths.load());
    } catch (err) {
      return { kind: "bad-input", diagnostics: err instanceof InputError ? err.diagnostics : [{ file: `upgrade-path rules of ${platform}`, line: 0, col: 0, message: (err as Error).message }] };
    }
  }
  const plans = selection.selected.map((d) =>
    planDevice(d, loaded.checks, { ...(request.targetVersion ? { targetVersion: request.targetVersion } : {}), ...(request.path ? { path: request.path } : {}), ...(request.strictPath ? { strictPath: true } : {}), pathPlanners }),
  );
  if (plans.every((p) => p.checks.length === 0)) return { kind: "nothing-to-do", message: "no selected check applies to the selected devices' platforms" };

  const problems = [...plans.flatMap(targetProblems), ...plans.flatMap(paramProblems), ...unknownParamTargets(selection.selected, loaded.checks)];
  const outProblem = await writableOut(request.out);
  if (outProblem) problems.push(outProblem);
  let source: OutputSource;
  if (artifacts) {
    source = { kind: "replay", artifacts };
  } else if (request.queue) {
    source = { kind: "queue", url: request.queue };
  } else {
    const secrets = await resolveAllSecrets(selection.selected, request.identity, env, problems);
    let sshConfig: SshConfigFile | undefined;
    try {
      sshConfig = SshConfigFile.load(request.sshConfig);
    } catch (err) {
      if (!(err instanceof SshConfigError)) throw err;
      problems.push({ file: request.sshConfig ?? "~/.ssh/config", line: 0, col: 0, message: err.message });
    }
    source = {
      kind: "live",
      connect: sshConnector({
        secrets,
        session: sessionOptionsFor(request.transport),
        ...(sshConfig ? { sshConfig } : {}),
        knownHosts: new KnownHosts(request.knownHosts),
        acceptNewHostKeys: request.acceptNewHostKeys,
        timeouts: { connectMs: request.connectTimeoutMs, authMs: request.connectTimeoutMs, commandMs: request.commandTimeoutMs },
      }),
    };
  }
  if (problems.length) return { kind: "bad-input", diagnostics: problems };
  return { kind: "ready", audit: { request, inventoryFile: request.fromCapture ?? request.inventory ?? "", devices: selection.selected, checks: loaded.checks, plans, source } };
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
