// Questions asked of a run's results, answered in one place: how many devices have each status, how many check
// results each status, how many findings each severity, how the devices of each group stand, how each check did
// across the fleet; and which devices, checks and findings match a condition. The renderers, the waivers and the
// diff ask here instead of looping on their own, so "which checks are failing" has one answer. Pure. Whether a
// result blocks is read from `blocks`, never worked out again from severities and the gate.

import {
  CHECK_STATUSES,
  DEVICE_STATUSES,
  SEVERITIES,
  type CheckStatus,
  type DeviceResult,
  type DeviceStatus,
  type Finding,
  type GatedCheckResult,
  type RunReport,
  type Severity,
} from "../model/result.js";

/** Failed or warned: the checks whose findings are open problems, and what "findings by severity" counts. */
export const FAILING: readonly CheckStatus[] = ["fail", "warn"];
/** Problems to act on or track across runs: failing, or could not be evaluated. Waived is accepted, not a problem. */
export const PROBLEM: readonly CheckStatus[] = ["fail", "warn", "error"];
/** What makes a device show up under a check (HTML filter, by-check view): the problems and the accepted risks. */
export const ATTENTION: readonly CheckStatus[] = ["fail", "warn", "error", "waived"];

/** A check result together with the device it belongs to. */
export interface CheckOnDevice {
  device: DeviceResult;
  check: GatedCheckResult;
}

/** One finding together with its check and device. */
export interface FindingOnDevice extends CheckOnDevice {
  finding: Finding;
}

/** How the devices of one group stand. */
export interface GroupCounts {
  group: string;
  byStatus: Record<DeviceStatus, number>;
  /** Devices of the group (with a known status). */
  total: number;
}

/** How one check did across the fleet: the rows of the HTML "by check" table and its chart. */
export interface CheckCounts {
  id: string;
  title: string;
  severity: Severity;
  byStatus: Record<CheckStatus, number>;
  /** Findings of its failing results. */
  findings: number;
  /** Devices where it needs attention (ATTENTION), in the order the devices were given. */
  attention: DeviceResult[];
}

// ---- filters

export function hasStatus(check: GatedCheckResult, statuses: readonly CheckStatus[]): boolean {
  return statuses.includes(check.status);
}

export function isFailing(check: GatedCheckResult): boolean {
  return hasStatus(check, FAILING);
}

export function devicesWithStatus(devices: readonly DeviceResult[], statuses: readonly DeviceStatus[]): DeviceResult[] {
  return devices.filter((d) => statuses.includes(d.status));
}

export function checksWithStatus(checks: readonly GatedCheckResult[], statuses: readonly CheckStatus[]): GatedCheckResult[] {
  return checks.filter((c) => hasStatus(c, statuses));
}

/** The device's results that block it under the run's gate. */
export function blockingChecks(device: DeviceResult): GatedCheckResult[] {
  return device.checks.filter((c) => c.blocks);
}

/** The device's failed and warned results. */
export function failingChecks(device: DeviceResult): GatedCheckResult[] {
  return checksWithStatus(device.checks, FAILING);
}

/** Every result with one of `statuses` across the devices, with its device; in device, then check order. */
export function checksOnDevices(devices: readonly DeviceResult[], statuses: readonly CheckStatus[]): CheckOnDevice[] {
  return devices.flatMap((device) => checksWithStatus(device.checks, statuses).map((check) => ({ device, check })));
}

/** The findings of failing results of the given severity, with their check and device. */
export function findingsOfSeverity(devices: readonly DeviceResult[], severity: Severity): FindingOnDevice[] {
  return checksOnDevices(devices, FAILING)
    .filter(({ check }) => check.severity === severity)
    .flatMap(({ device, check }) => check.findings.map((finding) => ({ device, check, finding })));
}

/** Most severe first; equal severities keep their order (Array.prototype.sort is stable). */
export function mostSevereFirst<T extends { severity: Severity }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}

/** The highest severity among the items; undefined when there are none. */
export function mostSevere(items: readonly { severity: Severity }[]): Severity | undefined {
  return mostSevereFirst(items)[0]?.severity;
}

// ---- counts

export function countDevicesByStatus(devices: readonly DeviceResult[]): Record<DeviceStatus, number> {
  const counts = zeros(DEVICE_STATUSES);
  for (const d of devices) bump(counts, d.status);
  return counts;
}

export function countChecksByStatus(checks: readonly GatedCheckResult[]): Record<CheckStatus, number> {
  const counts = zeros(CHECK_STATUSES);
  for (const c of checks) bump(counts, c.status);
  return counts;
}

/** Findings of failing results per severity, as the run's summary counts them. */
export function countFindingsBySeverity(devices: readonly DeviceResult[]): Record<Severity, number> {
  const counts = zeros(SEVERITIES);
  for (const { check } of checksOnDevices(devices, FAILING)) counts[check.severity] += check.findings.length;
  return counts;
}

/** Findings a device has across the results that did not pass (waived and errored ones included). */
export function findingCount(device: DeviceResult): number {
  return device.checks.reduce((n, c) => n + (c.status === "pass" ? 0 : c.findings.length), 0);
}

/**
 * Device statuses per group, in the order the groups first appear; a device counts in each of its groups, and a
 * device without any under `noGroup`.
 */
export function countByGroup(devices: readonly DeviceResult[], noGroup: string): GroupCounts[] {
  const rows = new Map<string, GroupCounts>();
  for (const d of devices) {
    for (const group of d.groups.length > 0 ? d.groups : [noGroup]) {
      const row = rows.get(group) ?? { group, byStatus: zeros(DEVICE_STATUSES), total: 0 };
      if (bump(row.byStatus, d.status)) row.total += 1;
      rows.set(group, row);
    }
  }
  return [...rows.values()];
}

/**
 * Each check's results across the devices, in the order the checks first appear (title and severity from that
 * first result), then the run's checks that no device reached (all unreachable): they were selected, so they
 * get a row too.
 */
export function countByCheck(devices: readonly DeviceResult[], selected: RunReport["meta"]["checks"] = []): CheckCounts[] {
  const rows = new Map<string, CheckCounts>();
  const row = (id: string, title: string, severity: Severity): CheckCounts => {
    const existing = rows.get(id);
    if (existing !== undefined) return existing;
    const created = { id, title, severity, byStatus: zeros(CHECK_STATUSES), findings: 0, attention: [] };
    rows.set(id, created);
    return created;
  };
  for (const d of devices) {
    for (const c of d.checks) {
      const r = row(c.id, c.title, c.severity);
      bump(r.byStatus, c.status);
      if (isFailing(c)) r.findings += c.findings.length;
      if (hasStatus(c, ATTENTION)) r.attention.push(d);
    }
  }
  for (const ref of selected) row(ref.id, ref.title, ref.severity);
  return [...rows.values()];
}

/** How many items name each check, in the order the checks first appear (the diff's "still failing" per check). */
export function countPerCheck(items: readonly { check: string }[]): [check: string, count: number][] {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i.check, (counts.get(i.check) ?? 0) + 1);
  return [...counts];
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

/** Adds one to a known key; a value outside the closed set (a malformed report) is not counted, and says so. */
function bump<K extends string>(counts: Record<K, number>, key: K): boolean {
  if (!Object.hasOwn(counts, key)) return false;
  counts[key] += 1;
  return true;
}
