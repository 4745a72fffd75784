// The run history and the security tables, over the Sql interface (PGlite or PostgreSQL, the same SQL). A run is
// written when it starts (status running), its progress as devices finish, and the whole RunReport when it ends:
// the report itself (served again after a restart) and its devices, check results, findings and optics as rows
// for the history queries.
import { createHash } from "node:crypto";
import type { DeviceResult, RunReport } from "../../model/result.js";
import { summarise } from "../../model/status.js";
import { opticsInventory } from "../../report/optics.js";
import type { Delivery } from "../../webhooks/deliver.js";
import type { Queryable, Sql } from "./sql.js";

export type RunStatus = "running" | "finished" | "cancelled" | "failed" | "interrupted";
export type Role = "viewer" | "operator" | "admin";
export const ROLES: readonly Role[] = ["viewer", "operator", "admin"];

/** The device groups a token may see; null: every group. */
export type Scope = readonly string[] | null;

export interface Selection {
  groups: string[];
  devices: string[];
  tags: string[];
}

export interface RunRow {
  id: string;
  source: "api" | "cli" | "schedule";
  status: RunStatus;
  createdAt: string;
  finishedAt: string | null;
  startedBy: string | null;
  selection: Selection;
  groups: string[];
  devicesTotal: number;
  devicesDone: number;
  exitCode: number | null;
  summary: RunReport["summary"] | null;
  error: string | null;
}

export interface TokenRow {
  id: string;
  name: string;
  role: Role;
  groups: string[] | null;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
}

export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/**
 * Runs with the same key are "the same sweep" and compared by the changes query: the same selection options over
 * the same device groups with the same checks. Computed alike for API and CLI runs.
 */
export function selectionKey(selection: Selection, groups: readonly string[], checkIds: readonly string[]): string {
  const sorted = (l: readonly string[]) => [...new Set(l)].sort();
  return sha256(JSON.stringify([sorted(selection.groups), sorted(selection.devices), sorted(selection.tags), sorted(groups), sorted(checkIds)]));
}

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());
const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

// A device (its groups as jsonb in column `col`) is visible to a scope given as parameter $n (jsonb, null = all).
const visible = (col: string, n: number) => `($${n}::jsonb IS NULL OR ${col} ?| ARRAY(SELECT jsonb_array_elements_text($${n}::jsonb)))`;

/** A device is in scope when one of its groups is. */
export function inScope(scope: Scope, groups: readonly string[]): boolean {
  return scope === null || groups.some((g) => scope.includes(g));
}

/** The report as a scoped token may see it: only its devices, the summary recomputed from them. */
export function scopedReport(report: RunReport, scope: Scope): RunReport {
  if (scope === null) return report;
  const devices = report.devices.filter((d) => inScope(scope, d.groups));
  const names = new Set(devices.map((d) => d.name));
  const { optics: _optics, ...rest } = report;
  const { selection } = report.meta;
  // The selection may name other customers' groups and devices: only those in scope (and device globs) remain.
  const meta = {
    ...report.meta,
    selection: { ...selection, groups: selection.groups.filter((g) => scope.includes(g)), devices: selection.devices.filter((d) => d.includes("*") || names.has(d)) },
  };
  return { ...rest, meta, devices, summary: summarise(devices) };
}

interface RunDbRow {
  id: string;
  source: "api" | "cli" | "schedule";
  status: RunStatus;
  created_at: unknown;
  finished_at: unknown;
  started_by: string | null;
  selection: Selection;
  groups: string[];
  devices_total: number;
  devices_done: number;
  exit_code: number | null;
  summary: RunReport["summary"] | null;
  error: string | null;
}

const RUN_COLUMNS = "r.id, r.source, r.status, r.created_at, r.finished_at, r.started_by, r.selection, r.groups, r.devices_total, r.devices_done, r.exit_code, r.summary, r.error";

function runRow(r: RunDbRow): RunRow {
  return {
    id: r.id,
    source: r.source,
    status: r.status,
    createdAt: iso(r.created_at)!,
    finishedAt: iso(r.finished_at),
    startedBy: r.started_by,
    selection: r.selection,
    groups: r.groups,
    devicesTotal: r.devices_total,
    devicesDone: r.devices_done,
    exitCode: r.exit_code,
    summary: r.summary,
    error: r.error,
  };
}

export interface NewRun {
  id: string;
  source: "api" | "cli" | "schedule";
  createdAt: string;
  startedBy: string | null;
  selection: Selection;
  selectionKey: string;
  groups: string[];
  devicesTotal: number;
}

export class Store {
  constructor(readonly sql: Sql) {}

  // ---- runs ----

  async createRun(run: NewRun): Promise<void> {
    await this.sql.query(
      `INSERT INTO runs (id, source, status, created_at, started_by, selection_key, selection, groups, devices_total)
       VALUES ($1, $2, 'running', $3, $4, $5, $6::jsonb, $7::jsonb, $8)`,
      [run.id, run.source, run.createdAt, run.startedBy, run.selectionKey, json(run.selection), json(run.groups), run.devicesTotal],
    );
  }

  async progress(id: string, done: number): Promise<void> {
    await this.sql.query("UPDATE runs SET devices_done = GREATEST(devices_done, $2) WHERE id = $1", [id, done]);
  }

  /** Ends a run: its status, and the report with every device, check result, finding and optic as rows. */
  async finishRun(id: string, status: RunStatus, report: RunReport | undefined, error?: string): Promise<void> {
    await this.sql.transaction(async (tx) => {
      await tx.query(
        `UPDATE runs SET status = $2, finished_at = $3, devices_done = CASE WHEN $4::jsonb IS NULL THEN devices_done ELSE devices_total END,
           exit_code = $5, summary = $6::jsonb, report = $4::jsonb, error = $7 WHERE id = $1`,
        [id, status, report?.meta.finishedAt ?? new Date().toISOString(), json(report), report?.summary.exitCode ?? null, json(report?.summary), error ?? null],
      );
      if (report) await insertResults(tx, id, report);
    });
  }

  /** A `preflight run --db`: the finished report in one go. */
  async recordReport(id: string, report: RunReport, startedBy: string | null): Promise<void> {
    const groups = [...new Set(report.devices.flatMap((d) => d.groups))];
    await this.createRun({
      id,
      source: "cli",
      createdAt: report.meta.startedAt,
      startedBy,
      selection: { groups: report.meta.selection.groups, devices: report.meta.selection.devices, tags: report.meta.selection.tags },
      selectionKey: selectionKey(report.meta.selection, groups, report.meta.checks.map((c) => c.id)),
      groups,
      devicesTotal: report.devices.length,
    });
    await this.finishRun(id, report.meta.interrupted ? "cancelled" : "finished", report);
  }

  /** At start: runs left "running" by a process that stopped (a crash, a kill) can never finish. */
  async markInterrupted(): Promise<string[]> {
    const rows = await this.sql.query<{ id: string }>(
      "UPDATE runs SET status = 'interrupted', finished_at = now(), error = 'the server stopped while the run was in progress' WHERE status = 'running' RETURNING id",
    );
    return rows.map((r) => r.id);
  }

  async listRuns(scope: Scope, limit = 100): Promise<RunRow[]> {
    const rows = await this.sql.query<RunDbRow>(`SELECT ${RUN_COLUMNS} FROM runs r WHERE ${visible("r.groups", 1)} ORDER BY r.created_at DESC LIMIT $2`, [json(scope), limit]);
    return rows.map(runRow);
  }

  async getRun(id: string, scope: Scope): Promise<RunRow | undefined> {
    const rows = await this.sql.query<RunDbRow>(`SELECT ${RUN_COLUMNS} FROM runs r WHERE r.id = $1 AND ${visible("r.groups", 2)}`, [id, json(scope)]);
    return rows[0] ? runRow(rows[0]) : undefined;
  }

  async getReport(id: string): Promise<RunReport | undefined> {
    const rows = await this.sql.query<{ report: RunReport | null }>("SELECT report FROM runs WHERE id = $1", [id]);
    return rows[0]?.report ?? undefined;
  }

  /** The latest earlier run of the same sweep that has a report. */
  async previousRun(id: string): Promise<string | undefined> {
    const rows = await this.sql.query<{ id: string }>(
      `SELECT p.id FROM runs r JOIN runs p ON p.selection_key = r.selection_key AND p.created_at < r.created_at AND p.id <> r.id
       WHERE r.id = $1 AND p.report IS NOT NULL ORDER BY p.created_at DESC LIMIT 1`,
      [id],
    );
    return rows[0]?.id;
  }

  // ---- history queries ----

  /** Every stored result of one device (in scope), newest first, with its failing checks. */
  async deviceHistory(device: string, scope: Scope, limit = 100) {
    const rows = await this.sql.query<{
      run_id: string;
      created_at: unknown;
      status: string;
      reason: string | null;
      platform: string;
      groups: string[];
      software_version: string | null;
      target_version: string | null;
      model: string | null;
      problems: { check: string; status: string; severity: string; blocks: boolean }[] | null;
    }>(
      `SELECT d.run_id, r.created_at, d.status, d.reason, d.platform, d.groups, d.software_version, d.target_version, d.model,
         (SELECT jsonb_agg(jsonb_build_object('check', c.check_id, 'status', c.status, 'severity', c.severity, 'blocks', c.blocks) ORDER BY c.check_id)
            FROM check_results c WHERE c.run_id = d.run_id AND c.device = d.device AND c.status IN ('fail', 'warn', 'error')) AS problems
       FROM device_results d JOIN runs r ON r.id = d.run_id
       WHERE d.device = $1 AND ${visible("d.groups", 2)}
       ORDER BY r.created_at DESC LIMIT $3`,
      [device, json(scope), limit],
    );
    return rows.map((r) => ({
      runId: r.run_id,
      at: iso(r.created_at)!,
      status: r.status,
      ...(r.reason ? { reason: r.reason } : {}),
      platform: r.platform,
      groups: r.groups,
      softwareVersion: r.software_version,
      targetVersion: r.target_version,
      model: r.model,
      problems: r.problems ?? [],
    }));
  }

  /**
   * One check's results over time, per run or per day/week: how many devices passed of those it was evaluated on
   * (pass, fail, warn, error; skip, not-applicable and waived are counted apart and not in the rate).
   */
  async checkPassRate(checkId: string, scope: Scope, by: "run" | "day" | "week") {
    return this.passRate("c.check_id = $1", [checkId], scope, by);
  }

  /**
   * The pass rate of one device group over time (every check, or one check), counted as checkPassRate counts: the
   * results of the devices in that group that the scope may see.
   */
  async groupPassRate(group: string, scope: Scope, by: "run" | "day" | "week", checkId?: string) {
    return checkId === undefined ? this.passRate("d.groups ? $1", [group], scope, by) : this.passRate("d.groups ? $1 AND c.check_id = $3", [group, checkId], scope, by);
  }

  /** Pass rates of the check results matching `where` (its parameters are $1 and $3.., the scope is $2). */
  private async passRate(where: string, params: [string, ...string[]], scope: Scope, by: "run" | "day" | "week") {
    const bucket = by === "run" ? "r.id" : `date_trunc('${by}', r.created_at AT TIME ZONE 'UTC')::text`;
    const rows = await this.sql.query<{ bucket: string; at: unknown; runs: number; pass: number; fail: number; warn: number; error: number; other: number }>(
      `SELECT ${bucket} AS bucket, min(r.created_at) AS at, count(DISTINCT r.id)::int AS runs,
         count(*) FILTER (WHERE c.status = 'pass')::int AS pass, count(*) FILTER (WHERE c.status = 'fail')::int AS fail,
         count(*) FILTER (WHERE c.status = 'warn')::int AS warn, count(*) FILTER (WHERE c.status = 'error')::int AS error,
         count(*) FILTER (WHERE c.status NOT IN ('pass', 'fail', 'warn', 'error'))::int AS other
       FROM check_results c JOIN device_results d ON d.run_id = c.run_id AND d.device = c.device JOIN runs r ON r.id = c.run_id
       WHERE ${where} AND ${visible("d.groups", 2)}
       GROUP BY 1 ORDER BY 2`,
      [params[0], json(scope), ...params.slice(1)],
    );
    return rows.map((r) => {
      const evaluated = r.pass + r.fail + r.warn + r.error;
      return {
        ...(by === "run" ? { runId: r.bucket } : { period: iso(`${r.bucket}Z`)! }),
        at: iso(r.at)!,
        runs: r.runs,
        pass: r.pass,
        fail: r.fail,
        warn: r.warn,
        error: r.error,
        notEvaluated: r.other,
        passRate: evaluated ? r.pass / evaluated : null,
      };
    });
  }

  /** The estate's optics per run, oldest first: ports per part and verdict over the devices in scope. */
  async opticsHistory(scope: Scope, limit = 100) {
    const rows = await this.sql.query<{ run_id: string; created_at: unknown; vendor: string | null; part: string | null; verdict: string; ports: number; devices: number }>(
      `SELECT o.run_id, r.created_at, o.vendor, o.part, o.verdict, sum(o.ports)::int AS ports, count(DISTINCT o.device)::int AS devices
       FROM run_optics o JOIN runs r ON r.id = o.run_id JOIN device_results d ON d.run_id = o.run_id AND d.device = o.device
       WHERE ${visible("d.groups", 1)} AND o.run_id IN (SELECT id FROM runs ORDER BY created_at DESC LIMIT $2)
       GROUP BY o.run_id, r.created_at, o.vendor, o.part, o.verdict ORDER BY r.created_at, o.run_id, ports DESC, o.vendor, o.part`,
      [json(scope), limit],
    );
    const runs: { runId: string; at: string; totals: Record<string, number>; parts: { vendor: string | null; part: string | null; verdict: string; ports: number; devices: number }[] }[] = [];
    for (const r of rows) {
      let run = runs[runs.length - 1];
      if (run?.runId !== r.run_id) {
        run = { runId: r.run_id, at: iso(r.created_at)!, totals: { optics: 0, supported: 0, unsupported: 0, unknown: 0 }, parts: [] };
        runs.push(run);
      }
      run.parts.push({ vendor: r.vendor, part: r.part, verdict: r.verdict, ports: r.ports, devices: r.devices });
      run.totals.optics! += r.ports;
      run.totals[r.verdict] = (run.totals[r.verdict] ?? 0) + r.ports;
    }
    return runs;
  }

  // ---- tokens and audit log ----

  async countTokens(): Promise<number> {
    const rows = await this.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM api_tokens WHERE revoked_at IS NULL");
    return rows[0]?.n ?? 0;
  }

  async createToken(token: { id: string; name: string; role: Role; groups: string[] | null; secret: string; createdBy: string | null }): Promise<TokenRow> {
    await this.sql.query(
      "INSERT INTO api_tokens (id, name, role, groups, sha256, created_at, created_by) VALUES ($1, $2, $3, $4::jsonb, $5, now(), $6)",
      [token.id, token.name, token.role, json(token.groups), sha256(token.secret), token.createdBy],
    );
    return (await this.getToken(token.id))!;
  }

  /** The bootstrap admin token from the environment: (re)registered under a fixed id so a new value replaces the old. */
  async ensureBootstrapToken(secret: string): Promise<void> {
    await this.sql.query(
      `INSERT INTO api_tokens (id, name, role, groups, sha256, created_at, created_by) VALUES ('bootstrap', 'bootstrap', 'admin', NULL, $1, now(), 'PREFLIGHT_ADMIN_TOKEN')
       ON CONFLICT (id) DO UPDATE SET sha256 = EXCLUDED.sha256, revoked_at = NULL`,
      [sha256(secret)],
    );
  }

  async tokenBySecret(secret: string): Promise<TokenRow | undefined> {
    const rows = await this.sql.query<TokenDbRow>(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE sha256 = $1 AND revoked_at IS NULL`, [sha256(secret)]);
    return rows[0] ? tokenRow(rows[0]) : undefined;
  }

  async getToken(id: string): Promise<TokenRow | undefined> {
    const rows = await this.sql.query<TokenDbRow>(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE id = $1`, [id]);
    return rows[0] ? tokenRow(rows[0]) : undefined;
  }

  async listTokens(): Promise<TokenRow[]> {
    return (await this.sql.query<TokenDbRow>(`SELECT ${TOKEN_COLUMNS} FROM api_tokens ORDER BY created_at, id`)).map(tokenRow);
  }

  async revokeToken(id: string): Promise<boolean> {
    return (await this.sql.query("UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id", [id])).length > 0;
  }

  async audit(entry: { tokenId: string | null; actor: string; action: string; target?: string; detail?: unknown }): Promise<void> {
    await this.sql.query("INSERT INTO audit_log (at, token_id, actor, action, target, detail) VALUES (now(), $1, $2, $3, $4, $5::jsonb)", [
      entry.tokenId,
      entry.actor,
      entry.action,
      entry.target ?? null,
      json(entry.detail),
    ]);
  }

  async auditLog(limit = 200) {
    const rows = await this.sql.query<{ id: number; at: unknown; token_id: string | null; actor: string; action: string; target: string | null; detail: unknown }>(
      "SELECT id::int AS id, at, token_id, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT $1",
      [limit],
    );
    return rows.map((r) => ({ id: r.id, at: iso(r.at)!, tokenId: r.token_id, actor: r.actor, action: r.action, target: r.target, ...(r.detail === null ? {} : { detail: r.detail }) }));
  }

  async createSchedule(s: { id: string; name: string; cron: string; timezone: string | null; request: unknown; createdBy: string; tokenId: string | null; scope: string[] | null; nextAt: Date }): Promise<void> {
    await this.sql.query(
      "INSERT INTO schedules (id, name, cron, timezone, request, created_by, token_id, scope, created_at, next_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8::jsonb, now(), $9)",
      [s.id, s.name, s.cron, s.timezone, json(s.request), s.createdBy, s.tokenId, s.scope === null ? null : json(s.scope), s.nextAt.toISOString()],
    );
  }

  async schedules(): Promise<ScheduleRow[]> {
    return (await this.sql.query<ScheduleDbRow>(`SELECT ${SCHEDULE_COLUMNS} FROM schedules ORDER BY name`)).map(scheduleRow);
  }

  async dueSchedules(now: Date): Promise<ScheduleRow[]> {
    return (await this.sql.query<ScheduleDbRow>(`SELECT ${SCHEDULE_COLUMNS} FROM schedules WHERE next_at <= $1 ORDER BY next_at, name`, [now.toISOString()])).map(scheduleRow);
  }

  async scheduleFired(id: string, f: { nextAt: Date; firedAt: Date; runId?: string; error?: string; missed: number; skipped: number }): Promise<void> {
    await this.sql.query(
      `UPDATE schedules SET next_at = $2, last_fired_at = $3, last_run_id = COALESCE($4, last_run_id), last_error = $5, missed = missed + $6, skipped = skipped + $7 WHERE id = $1`,
      [id, f.nextAt.toISOString(), f.firedAt.toISOString(), f.runId ?? null, f.error ?? null, f.missed, f.skipped],
    );
  }

  async deleteSchedule(id: string): Promise<boolean> {
    return (await this.sql.query("DELETE FROM schedules WHERE id = $1 RETURNING id", [id])).length > 0;
  }

  async recordDelivery(runId: string, delivery: Delivery): Promise<void> {
    await this.sql.query("INSERT INTO webhook_deliveries (id, run_id, event, url, delivered, attempts, at) VALUES ($1, $2, $3, $4, $5, $6::jsonb, now())", [
      delivery.id,
      runId,
      delivery.event,
      delivery.url,
      delivery.delivered,
      json(delivery.attempts),
    ]);
  }

  /** The delivery log, newest first; one run's deliveries when runId is given. */
  async deliveries(runId: string | undefined, limit = 200) {
    const rows = await this.sql.query<{ id: string; run_id: string; event: string; url: string; delivered: boolean; attempts: Delivery["attempts"]; at: unknown }>(
      `SELECT id, run_id, event, url, delivered, attempts, at FROM webhook_deliveries ${runId ? "WHERE run_id = $2" : ""} ORDER BY at DESC, id LIMIT $1`,
      runId ? [limit, runId] : [limit],
    );
    return rows.map((r) => ({ id: r.id, runId: r.run_id, event: r.event, url: r.url, delivered: r.delivered, attempts: r.attempts, at: iso(r.at)! }));
  }
}

interface TokenDbRow {
  id: string;
  name: string;
  role: Role;
  groups: string[] | null;
  created_at: unknown;
  created_by: string | null;
  revoked_at: unknown;
}
const TOKEN_COLUMNS = "id, name, role, groups, created_at, created_by, revoked_at";
const tokenRow = (r: TokenDbRow): TokenRow => ({ id: r.id, name: r.name, role: r.role, groups: r.groups, createdAt: iso(r.created_at)!, createdBy: r.created_by, revokedAt: iso(r.revoked_at) });

async function insertResults(tx: Queryable, runId: string, report: RunReport): Promise<void> {
  // Rows go in as one jsonb document per table and are expanded by the server: a 2,000-device run is a handful of
  // statements, not a hundred thousand.
  const devices = report.devices.map((d: DeviceResult, position) => ({
    position,
    device: d.name,
    host: d.host,
    port: d.port,
    platform: d.platform,
    groups: d.groups,
    tags: d.tags,
    status: d.status,
    reason: d.reason ?? null,
    target_version: d.targetVersion ?? null,
    upgrade_path: d.upgradePath,
    software_version: d.facts.softwareVersion ?? null,
    model: d.facts.model ?? null,
    serial: d.facts.serial ?? null,
    duration_ms: d.durationMs === undefined ? null : Math.round(d.durationMs),
  }));
  await tx.query(
    `INSERT INTO device_results (run_id, position, device, host, port, platform, groups, tags, status, reason, target_version, upgrade_path, software_version, model, serial, duration_ms)
     SELECT $1, x.position, x.device, x.host, x.port, x.platform, x.groups, x.tags, x.status, x.reason, x.target_version, x.upgrade_path, x.software_version, x.model, x.serial, x.duration_ms
     FROM jsonb_to_recordset($2::jsonb) AS x(position int, device text, host text, port int, platform text, groups jsonb, tags jsonb, status text, reason text,
       target_version text, upgrade_path jsonb, software_version text, model text, serial text, duration_ms int)`,
    [runId, JSON.stringify(devices)],
  );
  const checks = report.devices.flatMap((d) =>
    d.checks.map((c) => ({ device: d.name, check_id: c.id, title: c.title, status: c.status, severity: c.severity, blocks: c.blocks, reason: c.reason ?? null })),
  );
  await tx.query(
    `INSERT INTO check_results (run_id, device, check_id, title, status, severity, blocks, reason)
     SELECT $1, x.device, x.check_id, x.title, x.status, x.severity, x.blocks, x.reason
     FROM jsonb_to_recordset($2::jsonb) AS x(device text, check_id text, title text, status text, severity text, blocks boolean, reason text)`,
    [runId, JSON.stringify(checks)],
  );
  const findings = report.devices.flatMap((d) =>
    d.checks.flatMap((c) =>
      c.findings.map((f, position) => ({ device: d.name, check_id: c.id, position, item_key: f.key ?? null, hop: f.hop ?? null, message: f.message, expected: f.expected ?? null, actual: f.actual ?? null })),
    ),
  );
  await tx.query(
    `INSERT INTO findings (run_id, device, check_id, position, item_key, hop, message, expected, actual)
     SELECT $1, x.device, x.check_id, x.position, x.item_key, x.hop, x.message, x.expected, x.actual
     FROM jsonb_to_recordset($2::jsonb) AS x(device text, check_id text, position int, item_key text, hop text, message text, expected jsonb, actual jsonb)`,
    [runId, JSON.stringify(findings)],
  );
  const optics = (opticsInventory(report)?.parts ?? []).flatMap((p) => p.devices.map((c) => ({ device: c.device, vendor: p.vendor, part: p.part, verdict: c.verdict, ports: c.ports.length })));
  await tx.query(
    `INSERT INTO run_optics (run_id, device, vendor, part, verdict, ports)
     SELECT $1, x.device, x.vendor, x.part, x.verdict, x.ports FROM jsonb_to_recordset($2::jsonb) AS x(device text, vendor text, part text, verdict text, ports int)`,
    [runId, JSON.stringify(optics)],
  );
}

export interface ScheduleRow {
  id: string;
  name: string;
  cron: string;
  timezone: string | null;
  request: Record<string, unknown>;
  createdBy: string;
  tokenId: string | null;
  scope: string[] | null;
  createdAt: string;
  nextAt: string;
  lastRunId: string | null;
  lastFiredAt: string | null;
  lastError: string | null;
  missed: number;
  skipped: number;
}

interface ScheduleDbRow {
  id: string;
  name: string;
  cron: string;
  timezone: string | null;
  request: Record<string, unknown>;
  created_by: string;
  token_id: string | null;
  scope: string[] | null;
  created_at: unknown;
  next_at: unknown;
  last_run_id: string | null;
  last_fired_at: unknown;
  last_error: string | null;
  missed: number;
  skipped: number;
}

const SCHEDULE_COLUMNS = "id, name, cron, timezone, request, created_by, token_id, scope, created_at, next_at, last_run_id, last_fired_at, last_error, missed, skipped";

function scheduleRow(r: ScheduleDbRow): ScheduleRow {
  return {
    id: r.id,
    name: r.name,
    cron: r.cron,
    timezone: r.timezone,
    request: r.request,
    createdBy: r.created_by,
    tokenId: r.token_id,
    scope: r.scope,
    createdAt: iso(r.created_at)!,
    nextAt: iso(r.next_at)!,
    lastRunId: r.last_run_id,
    lastFiredAt: iso(r.last_fired_at) ?? null,
    lastError: r.last_error,
    missed: Number(r.missed),
    skipped: Number(r.skipped),
  };
}
