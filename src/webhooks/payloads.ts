// What a webhook says, as pure functions of the run's report: `run.finished` (the summary a ticket needs: verdict,
// counts, the blocked devices and why, links to the reports) and `device.blocked` (one per blocked device, with the
// checks that block it and their first findings). Device output in findings is untrusted text: receivers must treat
// it as such. Documented field by field in docs/webhooks.md.
import type { DeviceResult, RunReport } from "../model/result.js";

export const WEBHOOK_EVENTS = ["run.finished", "device.blocked"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface RunLinks {
  /** The run's id in the server, and where its reports are (absolute URLs when the server knows its own address). */
  runId: string;
  report?: string;
  html?: string;
}

/** Findings per blocking check in a payload: enough for a ticket, not the whole report. */
const FINDINGS_PER_CHECK = 5;

// The exit-code contract (src/report/strings.ts EXIT_CODE_MEANING) as a word a ticket rule can match.
const VERDICT: Record<number, string> = { 0: "ready", 1: "blocked", 2: "incomplete", 3: "bad-input", 4: "nothing-to-do" };

export function runFinishedPayload(report: RunReport, links: RunLinks) {
  return {
    run: { id: links.runId, startedAt: report.meta.startedAt, finishedAt: report.meta.finishedAt, interrupted: report.meta.interrupted, selection: report.meta.selection, targetVersions: report.meta.targetVersions },
    verdict: VERDICT[report.summary.exitCode] ?? "unknown",
    exitCode: report.summary.exitCode,
    devices: report.summary.byStatus,
    blocked: report.devices.filter((d) => d.status === "blocked").map((d) => ({ name: d.name, groups: d.groups, checks: blockingChecks(d).map((c) => c.id) })),
    notReady: report.devices.filter((d) => d.status === "unreachable" || d.status === "error" || d.status === "not-run").map((d) => ({ name: d.name, status: d.status, reason: d.reason ?? null })),
    links: { report: links.report ?? null, html: links.html ?? null },
  };
}

export function deviceBlockedPayload(report: RunReport, device: DeviceResult, links: RunLinks) {
  return {
    run: { id: links.runId, startedAt: report.meta.startedAt },
    device: { name: device.name, host: device.host, platform: device.platform, groups: device.groups, tags: device.tags, softwareVersion: device.facts.softwareVersion ?? null, targetVersion: device.targetVersion ?? null, upgradePath: device.upgradePath },
    checks: blockingChecks(device).map((c) => ({
      id: c.id,
      title: c.title,
      severity: c.severity,
      findings: c.findings.slice(0, FINDINGS_PER_CHECK).map((f) => ({ key: f.key ?? null, message: f.message, ...(f.hop ? { hop: f.hop } : {}) })),
      moreFindings: Math.max(0, c.findings.length - FINDINGS_PER_CHECK),
      remediation: c.remediation ?? null,
    })),
    links: { report: links.report ?? null, html: links.html ?? null },
  };
}

/** Every payload a finished run sends, in order: one device.blocked per blocked device, then run.finished. */
export function runPayloads(report: RunReport, links: RunLinks): { event: WebhookEvent; payload: unknown }[] {
  return [
    ...report.devices.filter((d) => d.status === "blocked").map((d) => ({ event: "device.blocked" as const, payload: deviceBlockedPayload(report, d, links) })),
    { event: "run.finished" as const, payload: runFinishedPayload(report, links) },
  ];
}

function blockingChecks(device: DeviceResult) {
  return device.checks.filter((c) => c.blocks);
}
