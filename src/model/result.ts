// The result model: the one contract between "evaluate" and "report". Every report format is a pure
// function of a RunReport, and report.json is a RunReport serialised. This file imports nothing but the optics
// inventory's types (./optics.ts), which is derived from it.
import type { OpticsInventory } from "./optics.js";

export const REPORT_SCHEMA_VERSION = "1.0";

/** Outcome of one check on one device (see README "Statuses"). */
export type CheckStatus = "pass" | "fail" | "warn" | "error" | "skip" | "not-applicable" | "waived";
export const CHECK_STATUSES: readonly CheckStatus[] = ["pass", "fail", "warn", "error", "skip", "not-applicable", "waived"];

/** Readiness of one device, derived from its check results and how its session went. */
export type DeviceStatus = "ready" | "blocked" | "warning" | "unreachable" | "error" | "not-run";
export const DEVICE_STATUSES: readonly DeviceStatus[] = ["blocked", "error", "unreachable", "not-run", "warning", "ready"];

export type Severity = "critical" | "high" | "medium" | "low" | "info";
/** Highest first. */
export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low", "info"];

/** One thing a check found wrong (or, for errors, could not tell) about one item. */
export interface Finding {
  /** The item the finding is about: a port, an interface, a peer. Absent for device-wide findings. */
  key?: string;
  message: string;
  expected?: unknown;
  actual?: unknown;
  /** The upgrade hop (a release) the finding applies to, when the check is evaluated per hop. */
  hop?: string;
}

/** What was run on the device and the part of its output a finding rests on. Device text: untrusted. */
export interface Evidence {
  command: string;
  output: string;
  /** True when output was cut to keep the report small. */
  truncated?: boolean;
}

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  severity: Severity;
  /** Why the check ended as it did when there is no finding to say it (not-applicable, error, skip). */
  reason?: string;
  findings: Finding[];
  evidence: Evidence[];
  remediation?: string;
  /**
   * Every item the check looked at (not only the failing ones), when the check declares an `inventory`: what a
   * consolidated view across devices (the optics inventory) is built from. Absent for checks without one, and
   * when the check could not read its data at all (then `reason` says why).
   */
  inventory?: CheckInventory;
  /**
   * True when this result blocks the device under the run's gate (`--fail-on`). Absent while a check is being
   * evaluated (the check does not know the gate); set once by the runner, and by the loader for a report.json
   * written before the field existed. Every report reads it and none recomputes it.
   */
  blocks?: boolean;
}

/** How one item fared on one release of the upgrade path (or on the target, for checks not run per hop). */
export interface ItemVerdict {
  hop?: string;
  /** pass: the item meets the check; fail: it does not; error: it could not be read or evaluated. */
  status: "pass" | "fail" | "error";
  /** Why, for fail and error: the finding's message. Device text inside: untrusted. */
  message?: string;
}

/** One item a check evaluated: its key (a port), the fields the check records for it, its verdict per hop. */
export interface InventoryItem {
  key: string;
  /** Named by the check (`inventory.fields`); null when the device did not report the value. Device text. */
  fields: Record<string, string | null>;
  verdicts: ItemVerdict[];
}

export interface CheckInventory {
  /** What the items are, as the check names it (`optics`): reports group inventories by this name. */
  name: string;
  items: InventoryItem[];
}

/** A check result as a report holds it: the gate has been applied, so `blocks` is always there. */
export type GatedCheckResult = CheckResult & { blocks: boolean };

export interface DeviceFacts {
  hostname?: string;
  model?: string;
  serial?: string;
  softwareVersion?: string;
  [name: string]: string | undefined;
}

export interface DeviceResult {
  name: string;
  host: string;
  port: number;
  platform: string;
  groups: string[];
  tags: string[];
  status: DeviceStatus;
  /** Why the device is unreachable / error / not-run. */
  reason?: string;
  targetVersion?: string;
  /** Releases the device boots on the way to its target, in order; the target last. */
  upgradePath: string[];
  facts: DeviceFacts;
  checks: GatedCheckResult[];
  /** Wall time spent on this device, in milliseconds. */
  durationMs?: number;
}

export interface CheckRef {
  id: string;
  title: string;
  severity: Severity;
  /** sha256 of the check file's bytes, so a report says exactly which check text produced it. */
  sha256: string;
  source: string;
}

export interface RunMeta {
  tool: { name: string; version: string };
  /** Who ran the audit: the local user name and the machine it ran on. */
  runBy?: { user: string; host: string };
  startedAt: string;
  finishedAt: string;
  /** True when the run was interrupted (Ctrl-C): unfinished devices are "not-run". */
  interrupted: boolean;
  selection: { inventory: string; groups: string[]; devices: string[]; tags: string[] };
  /** Checks at or above this severity block a device when they fail. */
  failOn: Severity;
  targetVersions: string[];
  checks: CheckRef[];
  /** Replay source when the run was evaluated from a capture rather than live. */
  fromCapture?: string;
  /** Reference data read from the user's --data-dir instead of the built-in files: which, for which checks, hashed. */
  userData?: UserDataRef[];
  /**
   * Present when the run was finished with `run --resume` (docs/resume.md): each time it was resumed, and how
   * many devices had finished before. `startedAt` is still the first start.
   */
  resumed?: ResumeRef[];
}

export interface ResumeRef {
  at: string;
  /** Devices already finished (read from the run journal, not audited again) when this resume began. */
  finished: number;
}

export interface UserDataRef {
  file: string;
  /** sha256 of the file's bytes. */
  sha256: string;
  /** The checks that read it. */
  checks: string[];
}

export interface RunSummary {
  devices: number;
  byStatus: Record<DeviceStatus, number>;
  checkResults: Record<CheckStatus, number>;
  findingsBySeverity: Record<Severity, number>;
  exitCode: number;
}

export interface RunReport {
  schemaVersion: string;
  meta: RunMeta;
  summary: RunSummary;
  /** In inventory order. */
  devices: DeviceResult[];
  /**
   * The estate-wide optics inventory, derived from the devices' check inventories when report.json is written
   * (src/report/optics.ts). Reporters recompute it from `devices`; it is in the file for other readers.
   */
  optics?: OpticsInventory;
}
