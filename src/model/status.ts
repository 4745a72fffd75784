// How check results become a device status, and device statuses an exit code (the contract in the README).
// The gate (`--fail-on`) is applied in one place, markBlocking; everything after it reads `blocks`.
import {
  SEVERITIES,
  type CheckResult,
  type CheckStatus,
  type DeviceResult,
  type DeviceStatus,
  type GatedCheckResult,
  type RunSummary,
  type Severity,
} from "./result.js";

export const EXIT = { ready: 0, blocked: 1, incomplete: 2, badInput: 3, nothingToDo: 4 } as const;

/** True when `severity` is at or above the gating severity. */
export function gates(severity: Severity, failOn: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(failOn);
}

/** The check results with `blocks` set: whether each one, as it stands, blocks the device under the run's gate. */
export function markBlocking(checks: readonly CheckResult[], failOn: Severity): GatedCheckResult[] {
  return checks.map((c) => ({ ...c, blocks: c.status === "fail" && gates(c.severity, failOn) }));
}

/**
 * A blocking check makes the device `blocked`; otherwise any check that could not be evaluated makes it `error`
 * (unknown is never ready); failures that do not block and warn-only checks make it `warning`.
 */
export function deviceStatusOf(checks: readonly GatedCheckResult[]): DeviceStatus {
  if (checks.some((c) => c.blocks)) return "blocked";
  if (checks.some((c) => c.status === "error")) return "error";
  if (checks.some((c) => c.status === "fail" || c.status === "warn")) return "warning";
  return "ready";
}

/** deviceStatusOf for results that have not been through the gate yet. */
export function deviceStatusFromChecks(checks: readonly CheckResult[], failOn: Severity): DeviceStatus {
  return deviceStatusOf(markBlocking(checks, failOn));
}

export function exitCodeFor(devices: readonly DeviceResult[]): number {
  if (devices.length === 0) return EXIT.nothingToDo;
  if (devices.some((d) => d.status === "blocked")) return EXIT.blocked;
  if (devices.some((d) => d.status === "unreachable" || d.status === "error" || d.status === "not-run")) return EXIT.incomplete;
  return EXIT.ready;
}

export function summarise(devices: readonly DeviceResult[]): RunSummary {
  const byStatus: Record<DeviceStatus, number> = { ready: 0, blocked: 0, warning: 0, unreachable: 0, error: 0, "not-run": 0 };
  const checkResults: Record<CheckStatus, number> = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0, "not-applicable": 0, waived: 0 };
  const findingsBySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const d of devices) {
    byStatus[d.status] += 1;
    for (const c of d.checks) {
      checkResults[c.status] += 1;
      if (c.status === "fail" || c.status === "warn") findingsBySeverity[c.severity] += c.findings.length;
    }
  }
  return { devices: devices.length, byStatus, checkResults, findingsBySeverity, exitCode: exitCodeFor(devices) };
}
