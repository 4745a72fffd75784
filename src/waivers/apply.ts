// Applies waivers to a finished run. Pure: the report, the waivers and "now" in, a new report out.
// A failed or warned check whose findings are ALL covered by valid waivers becomes `waived` (never `pass`), its
// reason naming justification, owner, expiry and where the waiver is written. A check only partly covered keeps
// failing, and its reason says which findings are waived. An expired waiver waives nothing and is reported, in
// the check's reason and in `expiredWaivers`. Checks that could not be evaluated (`error`) are never waived: an
// unknown state is not an accepted risk. A waived check no longer blocks (`blocks: false`); device statuses,
// summary and exit code are then recomputed by the model's status rules (src/model/status.ts), so a device whose
// only failures are validly waived is ready and the exit code ignores them.

import type { DeviceResult, DeviceStatus, GatedCheckResult, RunReport, Severity } from "../model/result.js";
import { deviceStatusOf, markBlocking, summarise } from "../model/status.js";
import type { Waiver } from "./load.js";
import { WAIVER_TEXT } from "./strings.js";
import { isFailing } from "../report/query.js";
import { globMatcher } from "../util/glob.js";

export { globMatcher };

export interface WaiverMatch {
  device: string;
  check: string;
}

export interface ExpiredWaiver {
  waiver: Waiver;
  /** The failing checks it would have waived; empty when it matches nothing in this run. */
  matches: WaiverMatch[];
}

export interface WaiverOutcome {
  report: RunReport;
  /** Every waiver past its expiry date, whether or not it matched anything. */
  expiredWaivers: ExpiredWaiver[];
  /** Valid waivers that matched no failing finding: candidates for removal from the file. */
  unusedWaivers: Waiver[];
}


/** The UTC calendar day of `now`: a waiver holds through the whole of its expiry day. */
export function isExpired(waiver: Waiver, now: Date): boolean {
  return waiver.expires < now.toISOString().slice(0, 10);
}

interface CompiledWaiver {
  waiver: Waiver;
  expired: boolean;
  check: (id: string) => boolean;
  device: (d: DeviceResult) => boolean;
  /** Undefined when the waiver covers every finding of the check. */
  key?: (key: string | undefined) => boolean;
}

/** `failOn` defaults to the run's gate; another one re-marks `blocks` on the devices the waivers change (a what-if). */
export function applyWaivers(report: RunReport, waivers: readonly Waiver[], now: Date, failOn: Severity = report.meta.failOn): WaiverOutcome {
  const compiled = waivers.map((w) => compile(w, now));
  const used = new Set<CompiledWaiver>();
  const expiredMatches = new Map<CompiledWaiver, WaiverMatch[]>();

  const devices = report.devices.map((d) => {
    let changed = false;
    const checks = d.checks.map((c) => {
      const matching = compiled.filter((w) => w.check(c.id) && w.device(d));
      if (matching.length === 0) return c;
      const next = waiveCheck(c, matching, used, expiredMatches, d.name);
      if (next !== c) changed = true;
      return next;
    });
    if (!changed) return d;
    // Under the run's own gate each result keeps the `blocks` it has; another gate (a what-if) re-marks the device.
    const gated = failOn === report.meta.failOn ? checks : markBlocking(checks, failOn);
    return { ...d, checks: gated, status: statusAfterWaivers(d, gated) };
  });

  return {
    report: { ...report, summary: summarise(devices), devices },
    expiredWaivers: compiled.filter((w) => w.expired).map((w) => ({ waiver: w.waiver, matches: expiredMatches.get(w) ?? [] })),
    unusedWaivers: compiled.filter((w) => !w.expired && !used.has(w)).map((w) => w.waiver),
  };
}

function compile(waiver: Waiver, now: Date): CompiledWaiver {
  const any = (patterns: string[] | undefined) => {
    if (patterns === undefined) return undefined;
    const matchers = patterns.map((p) => globMatcher(p));
    return (values: readonly string[]) => values.some((v) => matchers.some((m) => m(v)));
  };
  const names = any(waiver.devices);
  const groups = any(waiver.groups);
  const tags = any(waiver.tags);
  const keys = any(waiver.keys);
  return {
    waiver,
    expired: isExpired(waiver, now),
    check: globMatcher(waiver.check),
    device: (d) => (names?.([d.name]) ?? true) && (groups?.(d.groups) ?? true) && (tags?.(d.tags) ?? true),
    // A device-wide finding (no key) is covered only by a waiver that names no keys.
    ...(keys !== undefined ? { key: (key: string | undefined) => key !== undefined && keys([key]) } : {}),
  };
}

function waiveCheck(
  c: GatedCheckResult,
  matching: CompiledWaiver[],
  used: Set<CompiledWaiver>,
  expiredMatches: Map<CompiledWaiver, WaiverMatch[]>,
  device: string,
): GatedCheckResult {
  const notes: string[] = [];
  if (c.status === "error") {
    for (const w of matching.filter((m) => !m.expired)) notes.push(WAIVER_TEXT.notForErrors(w.waiver.source));
    return notes.length > 0 ? { ...c, reason: joinReason(c.reason, notes) } : c;
  }
  if (!isFailing(c)) return c;

  for (const w of matching.filter((m) => m.expired)) {
    expiredMatches.set(w, [...(expiredMatches.get(w) ?? []), { device, check: c.id }]);
    notes.push(WAIVER_TEXT.expired(w.waiver.owner, w.waiver.expires, w.waiver.source));
  }
  const valid = matching.filter((m) => !m.expired);
  // A failing check without findings is one item about the check as a whole, like a device-wide finding.
  const items: (string | undefined)[] = c.findings.length > 0 ? c.findings.map((f) => f.key) : [undefined];
  const coveredBy = items.map((key) => valid.filter((w) => w.key === undefined || w.key(key)));
  const applied = [...new Set(coveredBy.flat())];
  for (const w of applied) used.add(w);
  const who = applied.map((w) => WAIVER_TEXT.who(w.waiver.justification, w.waiver.owner, w.waiver.expires, w.waiver.source)).join("; ");

  const covered = coveredBy.filter((ws) => ws.length > 0).length;
  if (covered === items.length) {
    return { ...c, status: "waived", blocks: false, reason: joinReason(c.reason, [WAIVER_TEXT.waived(who), ...notes]) };
  }
  if (covered > 0) {
    const keys = items.filter((_, i) => (coveredBy[i] ?? []).length > 0).map((k) => k ?? WAIVER_TEXT.deviceWide);
    notes.unshift(WAIVER_TEXT.partly(covered, items.length, keys.join(", "), who));
  }
  return notes.length > 0 ? { ...c, reason: joinReason(c.reason, notes) } : c;
}

function joinReason(existing: string | undefined, notes: string[]): string {
  return [...(existing !== undefined && existing !== "" ? [existing] : []), ...notes].join("; ");
}

/**
 * The device's status with its new check results. Waivers only lower what the checks say, so a status that does
 * not come from the checks (unreachable, not-run) stays, and so does `error`. A blocked device that also has a
 * reason (its session broke, or its facts could not be read) becomes `error` rather than ready when its
 * failures are waived: what the broken session could not show is still unknown.
 */
function statusAfterWaivers(d: DeviceResult, checks: readonly GatedCheckResult[]): DeviceStatus {
  if (d.status === "unreachable" || d.status === "not-run" || d.status === "error") return d.status;
  const computed = deviceStatusOf(checks);
  if (d.status === "blocked" && d.reason !== undefined && (computed === "ready" || computed === "warning")) return "error";
  return computed;
}
