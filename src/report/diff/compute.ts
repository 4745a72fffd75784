// Compares two runs ("what changed since the last sweep?"): which problems are new, which went away, which are
// still there, which devices came and went or changed status. Pure: two RunReports in, one ReportDiff out.
//
// A problem is one finding of a failed or warned check, or one check that could not be evaluated, keyed by
// device name + check id + finding key + hop. A problem counts as resolved only when the new run looked again
// and did not find it; when the new run could not look (device gone, unreachable, check errored or missing) the
// problem is "not re-checked", never "resolved": a broken audit must not read as a fixed fleet.

import type { CheckResult, CheckStatus, DeviceResult, DeviceStatus, RunReport, Severity } from "../../model/result.js";
import { PROBLEM, checksWithStatus } from "../query.js";

/** One problem of one device, as it appears in either run. */
export interface DiffItem {
  device: string;
  check: string;
  checkTitle: string;
  severity: Severity;
  /** fail, warn or error in the run the item comes from. */
  checkStatus: CheckStatus;
  key?: string;
  hop?: string;
  message: string;
}

export interface ResolvedItem extends DiffItem {
  /** What the check says now: pass, not-applicable, skip, waived, or still failing without this finding. */
  now: CheckStatus;
}

export type NotRecheckedCause = "device-removed" | "device-not-audited" | "check-missing" | "check-error";

export interface NotRecheckedItem extends DiffItem {
  cause: NotRecheckedCause;
}

export interface StatusChange {
  device: string;
  from: DeviceStatus;
  to: DeviceStatus;
}

export interface RunRef {
  startedAt: string;
  finishedAt: string;
  tool: string;
  devices: number;
  exitCode: number;
}

export interface ReportDiff {
  previous: RunRef;
  current: RunRef;
  /** Problems in the new run that the old run did not have (including those of added devices). */
  newProblems: DiffItem[];
  /** Problems of the old run that the new run looked for and did not find; each with the check's new status. */
  resolved: ResolvedItem[];
  /** In both runs; the item is the new run's. */
  stillFailing: DiffItem[];
  /** Problems of the old run that the new run could not look at again. */
  notRechecked: NotRecheckedItem[];
  devicesAdded: string[];
  devicesRemoved: string[];
  statusChanges: StatusChange[];
}

/** Device statuses whose checks were not (all) evaluated: their missing checks are not evidence of a fix. */
const NOT_AUDITED: readonly DeviceStatus[] = ["unreachable", "not-run"];

export function diffReports(oldReport: RunReport, newReport: RunReport): ReportDiff {
  const oldDevices = byName(oldReport.devices);
  const newDevices = byName(newReport.devices);
  const oldItems = problems(oldReport.devices);
  const newItems = problems(newReport.devices);

  const newProblems: DiffItem[] = [];
  const stillFailing: DiffItem[] = [];
  for (const [key, item] of newItems) (oldItems.has(key) ? stillFailing : newProblems).push(item);

  const resolved: ResolvedItem[] = [];
  const notRechecked: NotRecheckedItem[] = [];
  for (const [key, item] of oldItems) {
    if (newItems.has(key)) continue;
    const device = newDevices.get(item.device);
    const check = device?.checks.find((c) => c.id === item.check);
    const cause = notRecheckedCause(device, check);
    if (cause !== undefined) notRechecked.push({ ...item, cause });
    else resolved.push({ ...item, now: check!.status });
  }

  const statusChanges: StatusChange[] = [];
  for (const [name, d] of newDevices) {
    const before = oldDevices.get(name);
    if (before !== undefined && before.status !== d.status) statusChanges.push({ device: name, from: before.status, to: d.status });
  }

  return {
    previous: runRef(oldReport),
    current: runRef(newReport),
    newProblems,
    resolved,
    stillFailing,
    notRechecked,
    devicesAdded: [...newDevices.keys()].filter((n) => !oldDevices.has(n)),
    devicesRemoved: [...oldDevices.keys()].filter((n) => !newDevices.has(n)),
    statusChanges,
  };
}

/** True when nothing worth reporting changed between the runs. */
export function diffIsEmpty(diff: ReportDiff): boolean {
  return (
    diff.newProblems.length === 0 &&
    diff.resolved.length === 0 &&
    diff.notRechecked.length === 0 &&
    diff.devicesAdded.length === 0 &&
    diff.devicesRemoved.length === 0 &&
    diff.statusChanges.length === 0
  );
}

function notRecheckedCause(device: DeviceResult | undefined, check: CheckResult | undefined): NotRecheckedCause | undefined {
  if (device === undefined) return "device-removed";
  if (check === undefined) return NOT_AUDITED.includes(device.status) || device.checks.length === 0 ? "device-not-audited" : "check-missing";
  if (check.status === "error") return "check-error";
  return undefined;
}

/** Device names are unique in an inventory; should a report repeat one, its first entry wins. */
function byName(devices: readonly DeviceResult[]): Map<string, DeviceResult> {
  const map = new Map<string, DeviceResult>();
  for (const d of devices) if (!map.has(d.name)) map.set(d.name, d);
  return map;
}

/** Every problem of a run by identity key, in inventory and check order. */
function problems(devices: readonly DeviceResult[]): Map<string, DiffItem> {
  const items = new Map<string, DiffItem>();
  for (const d of byName(devices).values()) {
    for (const c of checksWithStatus(d.checks, PROBLEM)) {
      const base = { device: d.name, check: c.id, checkTitle: c.title, severity: c.severity, checkStatus: c.status };
      if (c.findings.length === 0) {
        // A check without findings (typically an error) is one problem about the check as a whole.
        add(items, { ...base, message: c.reason ?? c.title });
        continue;
      }
      for (const f of c.findings) {
        add(items, { ...base, ...(f.key !== undefined ? { key: f.key } : {}), ...(f.hop !== undefined ? { hop: f.hop } : {}), message: f.message });
      }
    }
  }
  return items;
}

function add(items: Map<string, DiffItem>, item: DiffItem): void {
  // JSON of a tuple: no separator character in a name or key can make two different identities collide.
  const key = JSON.stringify([item.device, item.check, item.key ?? null, item.hop ?? null]);
  if (!items.has(key)) items.set(key, item);
}

function runRef(report: RunReport): RunRef {
  return {
    startedAt: report.meta.startedAt,
    finishedAt: report.meta.finishedAt,
    tool: `${report.meta.tool.name} ${report.meta.tool.version}`,
    devices: report.summary.devices,
    exitCode: report.summary.exitCode,
  };
}
