// `preflight serve`: the HTTP API, built apart from the listener so tests drive it with app.inject and one real
// listen. Every run is kept in the database (src/server/db: PGlite or PostgreSQL), so runs and reports outlive the
// process; each audit goes through the same prepareAudit / runPreparedAudit as `preflight run`, so input errors
// carry the CLI's file:line:col messages. Every /api/v1 route needs an API token (src/server/auth.ts).
import { randomUUID } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { join } from "node:path";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { DeviceStatus, RunReport } from "../model/result.js";
import { diffReports } from "../report/diff/compute.js";
import { FILE_FORMATS, renderReport, type FileFormat } from "../report/formats.js";
import { runPreparedAudit } from "../runner/audit.js";
import { prepareAudit, type AuditRequest } from "../runner/prepare.js";
import { isNetboxSource } from "../inventory/netbox.js";
import { formatDiagnostic, type Diagnostic } from "../util/diagnostics.js";
import { deliverWebhook, type DeliveryOptions, type WebhookEndpoint } from "../webhooks/deliver.js";
import { runPayloads } from "../webhooks/payloads.js";
import { Cron } from "croner";
import { ServerMetrics } from "./metrics.js";
import { registerDashboard } from "./dashboard/routes.js";
import { runPlacement, type ServerQueue } from "./run-placement.js";
import { Auth, newTokenSecret, type Principal } from "./auth.js";
import { migrate, type Sql } from "./db/sql.js";
import { inScope, ROLES, scopedReport, selectionKey, Store, type Role, type RunRow, type RunStatus, type ScheduleRow } from "./db/store.js";
import { ResourceStore } from "./db/resources.js";
import { missingRefs, resolveRunInputs, RUN_INPUT_SCHEMAS, type RunInputFields } from "./resources/resolve-run-inputs.js";
import { registerResourceRoutes } from "./routes/resources.js";
import { WebhookEndpointStore } from "./db/webhook-endpoints.js";
import { registerWebhookEndpointRoutes } from "./routes/webhook-endpoints.js";

export type { RunStatus };

export interface ServerOptions {
  /** Where each run's inventory and known_hosts are written (never credentials: they come from env). */
  dataDir: string;
  /** Where device credentials are resolved from, as for the CLI (PREFLIGHT_USERNAME, ...); PREFLIGHT_ADMIN_TOKEN. */
  env: NodeJS.ProcessEnv;
  /** The database, open; the app migrates it and closes it when it closes. */
  sql: Sql;
  /** Endpoints told when a run finishes (docs/webhooks.md): device.blocked per blocked device, then run.finished. */
  webhooks?: WebhookEndpoint[];
  /** Retries and timeouts of webhook deliveries (tests shorten them). */
  webhookDelivery?: DeliveryOptions;
  /** The server's address as clients reach it (https://preflight.example.com), for the links in webhooks. */
  publicUrl?: string;
  /** How often due schedules are looked for (default 15 s; tests shorten it). */
  scheduleTickMs?: number;
  /** `serve --queue`: the runs are audited by `preflight worker`s through this queue (src/server/run-placement.ts). */
  queue?: ServerQueue;
  /** Status lines for the operator (stderr): the queue's, per run. */
  log?: (line: string) => void;
  /** Listen with TLS: the certificate chain and private key, PEM text (src/cli/serve-tls.ts reads and checks them). */
  https?: { cert: string; key: string };
}

/** The request: `inventory`, `checkPack` and `waivers` may name stored resources (src/server/resources). */
interface StartRunBody extends RunInputFields {
  groups?: string[];
  devices?: string[];
  tags?: string[];
  checks?: string[];
  targetVersion?: string;
  path?: string[];
  knownHosts?: string;
  failOn?: "info" | "low" | "medium" | "high" | "critical";
  concurrency?: number;
}

type StartOutcome = { ok: true; id: string; row: RunRow } | { ok: false; status: number; title: string; detail: string; extra?: Record<string, unknown> };

interface RunEvent {
  seq: number;
  event: "device-done" | "run-finished";
  /** The device's groups, for scoped subscribers; not sent. */
  groups?: string[];
  data: Record<string, unknown>;
}

/** A run this process is auditing now: what cancel, progress and the event stream need. */
interface LiveRun {
  controller: AbortController;
  done: number;
  events: RunEvent[];
  listeners: Set<(e: RunEvent) => void>;
}

const CONTENT_TYPES: Record<FileFormat, string> = {
  json: "application/json; charset=utf-8",
  html: "text/html; charset=utf-8",
  junit: "application/xml; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  "optics-csv": "text/csv; charset=utf-8",
};

/** RFC 9457 problem details. */
export function problem(reply: FastifyReply, status: number, title: string, detail: string, extra: Record<string, unknown> = {}) {
  return reply.code(status).type("application/problem+json").send({ type: "about:blank", title, status, detail, ...extra });
}

/** The app, and a way to wait for the audits it started (tests, shutdown). Not the instance itself: fastify's
 *  instance is thenable, so an async function cannot return it as is. */
export interface PreflightServer {
  app: FastifyInstance;
  runsDone(): Promise<void>;
  /** A bootstrap admin token created at this start (no token existed and PREFLIGHT_ADMIN_TOKEN is unset): show it once. */
  bootstrapToken?: string;
  /** Runs found "running" at start (the previous process stopped during them), now marked interrupted. */
  interrupted: string[];
}

const stringList = { type: "array", items: { type: "string" } } as const;
const idParam = { type: "object", required: ["id"], properties: { id: { type: "string" } } } as const;
const secured = [{ bearerAuth: [] }];

export async function buildApp(options: ServerOptions): Promise<PreflightServer> {
  const { sql } = options;
  await migrate(sql);
  const store = new Store(sql);
  const interrupted = await store.markInterrupted();
  let bootstrapToken: string | undefined;
  const fromEnv = options.env.PREFLIGHT_ADMIN_TOKEN;
  if (fromEnv) await store.ensureBootstrapToken(fromEnv);
  else if ((await store.countTokens()) === 0) {
    bootstrapToken = newTokenSecret();
    await store.createToken({ id: randomUUID(), name: "bootstrap", role: "admin", groups: null, secret: bootstrapToken, createdBy: null });
    await store.audit({ tokenId: null, actor: "server", action: "token.create", target: "bootstrap", detail: { role: "admin", printedOnce: true } });
  }
  const auth = new Auth(store);
  const resources = new ResourceStore(sql);

  // Unknown body fields are errors (a typo must not be ignored), not silently dropped as by fastify's default.
  const app = Fastify({
    logger: false,
    ajv: { customOptions: { removeAdditional: false } },
    // HTTPS (serve --tls-cert/--tls-key); the same routes either way, so the instance's type is the plain one.
    ...(options.https ? { https: options.https } : {}),
  }) as unknown as FastifyInstance;
  // The OpenAPI document is generated from the route schemas below (registered before the routes).
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "preflight", version: "1" },
      components: { securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "an API token (docs/server.md)" } } },
    },
  });
  const live = new Map<string, LiveRun>();
  const pending = new Set<Promise<void>>();
  const metrics = new ServerMetrics();
  // Webhooks go out after the run is stored, each delivery on its own (retries do not hold the others up); every
  // delivery, delivered or not, is kept in the delivery log. Tracked in `pending`, so shutdown and tests wait for them.
  const base = options.publicUrl?.replace(/\/+$/, "");
  const webhookEndpoints = new WebhookEndpointStore(sql);
  // The endpoints of --webhook, then those added over the API (src/server/routes/webhook-endpoints.ts).
  const notify = (runId: string, report: RunReport) => {
    const listing: Promise<void> = webhookEndpoints
      .endpoints()
      .catch(() => [])
      .then((stored) => send(runId, report, [...(options.webhooks ?? []), ...stored]))
      .finally(() => pending.delete(listing));
    pending.add(listing);
  };
  const send = (runId: string, report: RunReport, endpoints: readonly WebhookEndpoint[]) => {
    const links = { runId, ...(base ? { report: `${base}/api/v1/runs/${runId}/report.json`, html: `${base}/api/v1/runs/${runId}/report.html` } : {}) };
    for (const endpoint of endpoints) {
      for (const { event, payload } of runPayloads(report, links)) {
        if (endpoint.events && !endpoint.events.includes(event)) continue;
        const delivery: Promise<void> = deliverWebhook(endpoint, event, payload, options.webhookDelivery)
          .then((d) => {
            metrics.webhookDeliveries.inc({ event, outcome: d.delivered ? "delivered" : "failed" });
            return store.recordDelivery(runId, d);
          })
          .catch(() => undefined)
          .finally(() => pending.delete(delivery));
        pending.add(delivery);
      }
    }
  };
  const streams = new Set<ServerResponse>();
  // Before the listener closes: cancel the runs in progress (they are stored as cancelled, and their run-finished
  // event ends their streams), then end any stream left, so that no open connection holds the close up.
  app.addHook("preClose", async () => {
    for (const run of live.values()) run.controller.abort(new Error("the server is stopping"));
    while (pending.size) await Promise.all([...pending]);
    for (const res of streams) res.end();
  });
  app.addHook("onClose", async () => {
    await sql.close();
  });

  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown }, _req, reply) => {
    if (err.validation) return problem(reply, 400, "Bad Request", err.message);
    return problem(reply, err.statusCode ?? 500, err.statusCode && err.statusCode < 500 ? "Bad Request" : "Internal Server Error", err.message);
  });
  app.setNotFoundHandler((req, reply) => problem(reply, 404, "Not Found", `no route ${req.method} ${req.url}`));

  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  await registerDashboard(app);

  const who = (req: FastifyRequest): Principal => auth.principal(req);
  // For a scoped token: only its groups, and no selection (it may name other customers' groups and devices; the
  // scoped report's metadata has the part in scope).
  const view = (run: RunRow, p: Principal, summary?: RunReport["summary"]) => ({
    id: run.id,
    source: run.source,
    status: run.status,
    createdAt: run.createdAt,
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    ...(run.startedBy ? { startedBy: run.startedBy } : {}),
    ...(p.scope === null ? { selection: run.selection } : {}),
    groups: p.scope === null ? run.groups : run.groups.filter((g) => p.scope!.includes(g)),
    progress: { done: live.get(run.id)?.done ?? run.devicesDone, total: run.devicesTotal },
    ...(summary ? { summary } : {}),
    ...(run.error ? { error: run.error } : {}),
  });
  /** The summary a principal may see: the run's, or for a scoped token the one of its devices only. */
  const summaryFor = async (run: RunRow, p: Principal) => {
    if (!run.summary) return undefined;
    if (p.scope === null) return run.summary;
    const report = await store.getReport(run.id);
    return report ? scopedReport(report, p.scope).summary : undefined;
  };
  const notFound = (reply: FastifyReply, id: string) => problem(reply, 404, "Not Found", `no run "${id}"`);

  /** Starts an audit for principal p (the API's POST /runs, and a schedule firing as its creator); runs in the background. */
  const startRun = async (requested: StartRunBody, p: Principal, source: "api" | "schedule" = "api"): Promise<StartOutcome> => {
    // Stored resources named by reference become the inventory's text, check folders and waivers here.
    const resolved = await resolveRunInputs(requested, p, { resources, stateDir: options.dataDir });
    if (!resolved.ok) return resolved;
    const body = { ...requested, inventory: resolved.inventory, checks: resolved.checks };
    const id = randomUUID();
    const dir = join(options.dataDir, "runs", id);
    await mkdir(dir, { recursive: true });
    const inventoryFile = join(dir, "inventory.yaml");
    // A NetBox source (netbox+https://...) is read by reference, with the server's $NETBOX_TOKEN; anything else is
    // the inventory itself, written to the run's folder.
    const fromSource = isNetboxSource(body.inventory);
    if (!fromSource) await writeFile(inventoryFile, body.inventory, { mode: 0o600 });
    let knownHosts: string | undefined;
    if (body.knownHosts !== undefined) {
      knownHosts = join(dir, "known_hosts");
      await writeFile(knownHosts, body.knownHosts);
    }
    const placement = runPlacement(options.queue, id, options.log ?? (() => undefined));
    const request: AuditRequest = {
      ...placement.request,
      inventory: fromSource ? body.inventory : inventoryFile,
      groups: body.groups ?? [],
      devices: body.devices ?? [],
      tags: body.tags ?? [],
      checks: body.checks ?? [],
      checkPaths: resolved.checkPaths,
      ...(body.targetVersion ? { targetVersion: body.targetVersion } : {}),
      ...(body.path?.length ? { path: body.path } : {}),
      out: join(dir, "out"),
      concurrency: body.concurrency ?? 20,
      ...(knownHosts ? { knownHosts } : {}),
      acceptNewHostKeys: false,
      failOn: body.failOn ?? "low",
      connectTimeoutMs: 15_000,
      commandTimeoutMs: 60_000,
      deviceTimeoutMs: 300_000,
    };
    const prepared = await prepareAudit(request, options.env);
    // The inventory file is the request's "inventory" field: messages name it so, with its line and column.
    const shown = (d: Diagnostic) => formatDiagnostic({ ...d, file: d.file === inventoryFile ? resolved.inventoryLabel : resolved.displayPath(d.file) });
    // A refused request leaves nothing behind (an inventory with a password pasted in is refused, and not kept).
    if (prepared.kind !== "ready") await rm(dir, { recursive: true, force: true });
    if (prepared.kind === "bad-input") {
      const errors = prepared.diagnostics.map(shown);
      return { ok: false, status: 422, title: "Invalid audit request", detail: errors.join("\n"), extra: { errors } };
    }
    if (prepared.kind === "nothing-to-do") return { ok: false, status: 422, title: "Nothing to audit", detail: prepared.message };
    const { audit } = prepared;
    const outside = audit.plans.filter((plan) => !inScope(p.scope, plan.device.groups)).map((plan) => plan.device.name);
    if (outside.length) {
      await rm(dir, { recursive: true, force: true });
      return { ok: false, status: 403, title: "Forbidden", detail: `token "${p.name}" may audit devices of groups ${p.scope!.join(", ")} only; not: ${outside.join(", ")}`, extra: { devices: outside } };
    }
    const groups = [...new Set(audit.plans.flatMap((plan) => plan.device.groups))];
    const checkIds = [...new Set(audit.plans.flatMap((plan) => plan.checks.map((c) => c.definition.id)))];
    const selection = { groups: request.groups, devices: request.devices, tags: request.tags };
    await store.createRun({
      id,
      source,
      createdAt: new Date().toISOString(),
      startedBy: p.name,
      selection,
      selectionKey: selectionKey(selection, groups, checkIds),
      groups,
      devicesTotal: audit.plans.length,
    });
    await resources.recordRunInputs(id, resolved.inputs);
    await store.audit({ tokenId: p.tokenId, actor: p.name, action: "run.start", target: id, detail: { devices: audit.plans.length, groups, selection } });
    const run: LiveRun = { controller: new AbortController(), done: 0, events: [], listeners: new Set() };
    live.set(id, run);
    metrics.runsStarted.inc({ source });
    metrics.runsInProgress.inc();
    const startedAt = Date.now();
    const emit = (event: Omit<RunEvent, "seq">) => {
      const e = { ...event, seq: run.events.length + 1 };
      run.events.push(e);
      for (const l of run.listeners) l(e);
    };
    let writes: Promise<void> = Promise.resolve();
    const work = runPreparedAudit(audit, {
      signal: run.controller.signal,
      onDeviceDone: (result, done, total) => {
        run.done = done;
        emit({ event: "device-done", groups: result.groups, data: { run: id, device: result.name, status: result.status, done, total } });
        writes = writes.then(() => store.progress(id, done)).catch(() => undefined);
      },
      displayPath: (file) => (file === inventoryFile ? resolved.inventoryLabel : resolved.displayPath(file)),
      ...placement.hooks(request),
    })
      .then(async ({ report }) => ({ status: (run.controller.signal.aborted ? "cancelled" : "finished") as RunStatus, report: resolved.finish(report), error: undefined as string | undefined }))
      .catch((err: Error) => ({ status: "failed" as RunStatus, report: undefined, error: err.message }))
      .then(async ({ status, report, error }) => {
        await writes;
        await store.finishRun(id, status, report, error);
        metrics.runsFinished.inc({ status });
        metrics.runSeconds.observe((Date.now() - startedAt) / 1000);
        for (const [deviceStatus, n] of Object.entries(report?.summary.byStatus ?? {})) if (n) metrics.devices.inc({ status: deviceStatus }, n);
        emit({ event: "run-finished", data: { run: id, status, ...(report ? { exitCode: report.summary.exitCode } : {}), ...(error ? { error } : {}) } });
        if (report) notify(id, report);
      })
      .catch((err: Error) => {
        emit({ event: "run-finished", data: { run: id, status: "failed", error: `the result could not be stored: ${err.message}` } });
      })
      .finally(() => {
        live.delete(id);
        metrics.runsInProgress.dec();
        pending.delete(work);
      });
    pending.add(work);
    return { ok: true, id, row: (await store.getRun(id, null))! };
  };

  app.post<{ Body: StartRunBody }>(
    "/api/v1/runs",
    {
      onRequest: auth.require("operator"),
      schema: {
        security: secured,
        body: {
          type: "object",
          required: ["inventory"],
          additionalProperties: false,
          properties: {
            ...RUN_INPUT_SCHEMAS,
            groups: stringList,
            devices: stringList,
            tags: stringList,
            checks: stringList,
            targetVersion: { type: "string" },
            path: stringList,
            knownHosts: { type: "string" },
            failOn: { type: "string", enum: ["info", "low", "medium", "high", "critical"] },
            concurrency: { type: "integer", minimum: 1, maximum: 500 },
          },
        },
      },
    },
    async (req, reply) => {
      const p = who(req);
      const started = await startRun(req.body, p);
      if (!started.ok) return problem(reply, started.status, started.title, started.detail, started.extra);
      return reply.code(202).header("location", `/api/v1/runs/${started.id}`).send(view(started.row, p));
    },
  );

  app.get<{ Querystring: { limit?: number } }>(
    "/api/v1/runs",
    { onRequest: auth.require("viewer"), schema: { security: secured, querystring: { type: "object", properties: { limit: { type: "integer", minimum: 1, maximum: 1000 } } } } },
    async (req) => {
      const p = who(req);
      const runs = await store.listRuns(p.scope, req.query.limit ?? 100);
      // A scoped token's list leaves the summaries out (they count every group's devices); GET /runs/:id has its own.
      return { runs: runs.map((r) => view(r, p, p.scope === null ? (r.summary ?? undefined) : undefined)) };
    },
  );

  app.get<{ Params: { id: string } }>("/api/v1/runs/:id", { onRequest: auth.require("viewer"), schema: { security: secured, params: idParam } }, async (req, reply) => {
    const p = who(req);
    const run = await store.getRun(req.params.id, p.scope);
    if (!run) return notFound(reply, req.params.id);
    return view(run, p, await summaryFor(run, p));
  });

  app.get<{ Params: { id: string }; Querystring: { format?: string } }>(
    "/api/v1/runs/:id/report",
    {
      onRequest: auth.require("viewer"),
      schema: { security: secured, params: idParam, querystring: { type: "object", properties: { format: { type: "string", enum: [...FILE_FORMATS] } } } },
    },
    async (req, reply) => {
      const p = who(req);
      const run = await store.getRun(req.params.id, p.scope);
      if (!run) return notFound(reply, req.params.id);
      const report = await store.getReport(run.id);
      if (!report) return problem(reply, 409, "Conflict", `run "${run.id}" is ${run.status}: no report${run.status === "running" ? " yet" : ""}`);
      const format = (req.query.format ?? "json") as FileFormat;
      return reply.type(CONTENT_TYPES[format]).send(renderReport(scopedReport(report, p.scope), format));
    },
  );

  app.get<{ Params: { id: string } }>(
    "/api/v1/runs/:id/events",
    { onRequest: auth.require("viewer"), schema: { security: secured, params: idParam, description: "Server-Sent Events: device-done per device, then run-finished" } },
    async (req, reply) => {
      const p = who(req);
      const run = await store.getRun(req.params.id, p.scope);
      if (!run) return notFound(reply, req.params.id);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive", "x-accel-buffering": "no" });
      streams.add(res);
      res.on("close", () => streams.delete(res));
      const send = (e: Pick<RunEvent, "seq" | "event" | "data" | "groups">) => {
        if (e.groups && !inScope(p.scope, e.groups)) return;
        res.write(`id: ${e.seq}\nevent: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`);
        if (e.event === "run-finished") res.end();
      };
      const current = live.get(run.id);
      if (current) {
        // Replays what happened before the subscriber came, then follows the run.
        for (const e of current.events) send(e);
        if (res.writableEnded) return;
        current.listeners.add(send);
        req.raw.on("close", () => current.listeners.delete(send));
        return;
      }
      // A run that ended (in this process or before a restart): its stored results, then its end.
      const report = await store.getReport(run.id);
      const devices = report?.devices ?? [];
      let seq = 0;
      for (const d of devices) send({ seq: ++seq, event: "device-done", groups: d.groups, data: { run: run.id, device: d.name, status: d.status as DeviceStatus, done: seq, total: devices.length } });
      send({ seq: ++seq, event: "run-finished", data: { run: run.id, status: run.status, ...(run.exitCode !== null ? { exitCode: run.exitCode } : {}), ...(run.error ? { error: run.error } : {}) } });
    },
  );

  app.post<{ Params: { id: string } }>("/api/v1/runs/:id/cancel", { onRequest: auth.require("operator"), schema: { security: secured, params: idParam } }, async (req, reply) => {
    const p = who(req);
    const run = await store.getRun(req.params.id, p.scope);
    if (!run) return notFound(reply, req.params.id);
    const current = live.get(run.id);
    if (!current) return problem(reply, 409, "Conflict", `run "${run.id}" is ${run.status}: nothing to cancel`);
    current.controller.abort(new Error(`cancelled by ${p.name}`));
    await store.audit({ tokenId: p.tokenId, actor: p.name, action: "run.cancel", target: run.id });
    return reply.code(202).send(view(run, p));
  });

  app.get<{ Params: { id: string } }>(
    "/api/v1/runs/:id/changes",
    { onRequest: auth.require("viewer"), schema: { security: secured, params: idParam, description: "what changed since the previous run of the same selection (preflight diff)" } },
    async (req, reply) => {
      const p = who(req);
      const run = await store.getRun(req.params.id, p.scope);
      if (!run) return notFound(reply, req.params.id);
      const report = await store.getReport(run.id);
      if (!report) return problem(reply, 409, "Conflict", `run "${run.id}" is ${run.status}: no report to compare`);
      const previousId = await store.previousRun(run.id);
      const previous = previousId ? await store.getReport(previousId) : undefined;
      if (!previousId || !previous) return { run: run.id, previousRun: null, diff: null };
      return { run: run.id, previousRun: previousId, diff: diffReports(scopedReport(previous, p.scope), scopedReport(report, p.scope)) };
    },
  );

  app.get<{ Params: { name: string }; Querystring: { limit?: number } }>(
    "/api/v1/devices/:name/history",
    {
      onRequest: auth.require("viewer"),
      schema: {
        security: secured,
        params: { type: "object", required: ["name"], properties: { name: { type: "string" } } },
        querystring: { type: "object", properties: { limit: { type: "integer", minimum: 1, maximum: 1000 } } },
      },
    },
    async (req, reply) => {
      const p = who(req);
      const history = await store.deviceHistory(req.params.name, p.scope, req.query.limit ?? 100);
      if (!history.length) return problem(reply, 404, "Not Found", `no stored result for device "${req.params.name}"`);
      return { device: req.params.name, history };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { by?: "run" | "day" | "week" } }>(
    "/api/v1/checks/:id/pass-rate",
    {
      onRequest: auth.require("viewer"),
      schema: { security: secured, params: idParam, querystring: { type: "object", properties: { by: { type: "string", enum: ["run", "day", "week"] } } } },
    },
    async (req, reply) => {
      const p = who(req);
      const by = req.query.by ?? "run";
      const points = await store.checkPassRate(req.params.id, p.scope, by);
      if (!points.length) return problem(reply, 404, "Not Found", `no stored result for check "${req.params.id}"`);
      return { check: req.params.id, by, points };
    },
  );

  app.get<{ Params: { name: string }; Querystring: { by?: "run" | "day" | "week"; check?: string } }>(
    "/api/v1/groups/:name/pass-rate",
    {
      onRequest: auth.require("viewer"),
      schema: {
        security: secured,
        description: "one device group over time: the pass rate of every check (or of ?check=ID) on the group's devices, per run, day or week",
        params: { type: "object", required: ["name"], properties: { name: { type: "string" } } },
        querystring: { type: "object", properties: { by: { type: "string", enum: ["run", "day", "week"] }, check: { type: "string", minLength: 1 } } },
      },
    },
    async (req, reply) => {
      const p = who(req);
      const by = req.query.by ?? "run";
      const points = await store.groupPassRate(req.params.name, p.scope, by, req.query.check);
      if (!points.length) return problem(reply, 404, "Not Found", `no stored result for group "${req.params.name}"${req.query.check ? ` and check "${req.query.check}"` : ""}`);
      return { group: req.params.name, ...(req.query.check ? { check: req.query.check } : {}), by, points };
    },
  );

  app.get<{ Querystring: { limit?: number } }>(
    "/api/v1/optics/history",
    { onRequest: auth.require("viewer"), schema: { security: secured, querystring: { type: "object", properties: { limit: { type: "integer", minimum: 1, maximum: 1000 } } } } },
    async (req) => ({ runs: await store.opticsHistory(who(req).scope, req.query.limit ?? 100) }),
  );

  app.post<{ Body: { name: string; role: Role; groups?: string[] } }>(
    "/api/v1/tokens",
    {
      onRequest: auth.require("admin"),
      schema: {
        security: secured,
        body: {
          type: "object",
          required: ["name", "role"],
          additionalProperties: false,
          properties: { name: { type: "string", minLength: 1, maxLength: 200 }, role: { type: "string", enum: [...ROLES] }, groups: { type: "array", items: { type: "string", minLength: 1 } } },
        },
      },
    },
    async (req, reply) => {
      const p = who(req);
      const groups = req.body.groups === undefined ? null : [...new Set(req.body.groups)];
      if (groups !== null && groups.length === 0) return problem(reply, 422, "Invalid token request", "groups: give at least one group, or leave it out for every group");
      // A scoped admin hands out no more than it holds.
      if (p.scope !== null && (groups === null || groups.some((g) => !p.scope!.includes(g)))) {
        return problem(reply, 403, "Forbidden", `token "${p.name}" may create tokens for groups ${p.scope.join(", ")} only`);
      }
      const secret = newTokenSecret();
      const token = await store.createToken({ id: randomUUID(), name: req.body.name, role: req.body.role, groups, secret, createdBy: p.name });
      await store.audit({ tokenId: p.tokenId, actor: p.name, action: "token.create", target: token.id, detail: { name: token.name, role: token.role, groups } });
      // The secret is in this response only: the database keeps its sha256.
      return reply.code(201).send({ ...token, token: secret });
    },
  );

  // A scoped admin lists the tokens within its groups only.
  app.get("/api/v1/tokens", { onRequest: auth.require("admin"), schema: { security: secured } }, async (req) => {
    const { scope } = who(req);
    const tokens = await store.listTokens();
    return { tokens: scope === null ? tokens : tokens.filter((t) => t.groups !== null && t.groups.every((g) => scope.includes(g))) };
  });

  app.delete<{ Params: { id: string } }>("/api/v1/tokens/:id", { onRequest: auth.require("admin"), schema: { security: secured, params: idParam } }, async (req, reply) => {
    const p = who(req);
    const token = await store.getToken(req.params.id);
    if (!token || token.revokedAt) return problem(reply, 404, "Not Found", `no active token "${req.params.id}"`);
    if (p.scope !== null && (token.groups === null || token.groups.some((g) => !p.scope!.includes(g)))) {
      return problem(reply, 403, "Forbidden", `token "${p.name}" may revoke tokens of groups ${p.scope.join(", ")} only`);
    }
    await store.revokeToken(token.id);
    await store.audit({ tokenId: p.tokenId, actor: p.name, action: "token.revoke", target: token.id, detail: { name: token.name } });
    return reply.code(204).send();
  });

  app.get<{ Querystring: { limit?: number } }>(
    "/api/v1/audit-log",
    { onRequest: auth.require("admin"), schema: { security: secured, querystring: { type: "object", properties: { limit: { type: "integer", minimum: 1, maximum: 10000 } } } } },
    async (req, reply) => {
      // The log covers every customer: an admin scoped to groups does not read it.
      const p = who(req);
      if (p.scope !== null) return problem(reply, 403, "Forbidden", `token "${p.name}" is scoped to groups ${p.scope.join(", ")}; the audit log needs an admin token for every group`);
      return { entries: await store.auditLog(req.query.limit ?? 200) };
    },
  );

  // Schedules: recurring sweeps. Each due schedule starts its audit as its creator (role operator, the creator's
  // groups); one run at a time per schedule (a fire time that finds the previous run still going is skipped and
  // counted); fire times that passed while no server was running are counted as missed, and the schedule runs once.
  const cronOf = (s: { cron: string; timezone: string | null }) => new Cron(s.cron, { paused: true, ...(s.timezone ? { timezone: s.timezone } : {}) });
  const fire = async (s: ScheduleRow, now: Date) => {
    const cron = cronOf(s);
    // Fire times from the one that was due up to now: the first is this run, the rest were missed (bounded).
    let passed = 0;
    for (let t: Date | null = new Date(new Date(s.nextAt).getTime() - 1); passed < 10_000; passed++) {
      t = cron.nextRun(t);
      if (!t || t > now) break;
    }
    const missed = Math.max(0, passed - 1);
    const nextAt = cron.nextRun(now) ?? new Date(8.64e15);
    const actor = { tokenId: s.tokenId ?? "", name: `schedule ${s.name}`, role: "operator" as Role, scope: s.scope };
    if (missed) {
      metrics.scheduleFires.inc({ outcome: "missed" }, missed);
      await store.audit({ tokenId: s.tokenId, actor: actor.name, action: "schedule.missed", target: s.id, detail: { missed, since: s.nextAt } });
    }
    if (s.lastRunId && live.has(s.lastRunId)) {
      metrics.scheduleFires.inc({ outcome: "skipped" });
      await store.scheduleFired(s.id, { nextAt, firedAt: now, missed, skipped: 1 });
      await store.audit({ tokenId: s.tokenId, actor: actor.name, action: "schedule.skip", target: s.id, detail: { running: s.lastRunId } });
      return;
    }
    const started = await startRun(s.request as unknown as StartRunBody, actor, "schedule").catch((err: Error) => ({ ok: false as const, status: 500, title: "Error", detail: err.message }));
    metrics.scheduleFires.inc({ outcome: started.ok ? "started" : "refused" });
    if (started.ok) await store.audit({ tokenId: s.tokenId, actor: actor.name, action: "run.start", target: started.id, detail: { schedule: s.id } });
    await store.scheduleFired(s.id, { nextAt, firedAt: now, missed, skipped: 0, ...(started.ok ? { runId: started.id } : { error: `${started.title}: ${started.detail}` }) });
  };
  let ticking = false;
  const tick = async () => {
    if (ticking) return;
    ticking = true;
    try {
      const now = new Date();
      for (const s of await store.dueSchedules(now)) await fire(s, now);
    } catch {
      // The database went away (shutdown): the next tick tries again.
    } finally {
      ticking = false;
    }
  };
  const timer = setInterval(() => void tick(), options.scheduleTickMs ?? 15_000);
  timer.unref();
  app.addHook("onClose", async () => clearInterval(timer));

  interface ScheduleBody {
    name: string;
    cron: string;
    timezone?: string;
    run: StartRunBody;
  }
  const scheduleView = (s: ScheduleRow) => {
    const { request, tokenId, ...rest } = s;
    void tokenId;
    // The request's inventory is shown by size only: it may be large, and it is the customer's estate.
    return { ...rest, run: { ...request, inventory: typeof request.inventory === "string" ? `${request.inventory.length} characters` : request.inventory } };
  };
  const visible = (p: Principal, s: ScheduleRow) => p.scope === null || (s.scope !== null && s.scope.every((g) => p.scope!.includes(g)));

  app.post<{ Body: ScheduleBody }>(
    "/api/v1/schedules",
    {
      onRequest: auth.require("admin"),
      schema: {
        security: secured,
        description: "A recurring sweep: a cron expression (5 or 6 fields, optional timezone) and the audit it starts",
        body: {
          type: "object",
          required: ["name", "cron", "run"],
          additionalProperties: false,
          properties: { name: { type: "string", minLength: 1 }, cron: { type: "string", minLength: 1 }, timezone: { type: "string" }, run: { type: "object", required: ["inventory"] } },
        },
      },
    },
    async (req, reply) => {
      const p = who(req);
      let nextAt: Date | null;
      try {
        // A bad timezone is found when the next time is computed, not when the pattern is read.
        nextAt = cronOf({ cron: req.body.cron, timezone: req.body.timezone ?? null }).nextRun();
      } catch (err) {
        return problem(reply, 422, "Invalid schedule", `cron "${req.body.cron}"${req.body.timezone ? ` in ${req.body.timezone}` : ""}: ${(err as Error).message}`);
      }
      if (!nextAt) return problem(reply, 422, "Invalid schedule", `cron "${req.body.cron}" never fires again`);
      if ((await store.schedules()).some((s) => s.name === req.body.name)) return problem(reply, 409, "Conflict", `a schedule named "${req.body.name}" exists`);
      // Stored resources it names must exist (for its creator) now; each fire uses their version current then.
      const missing = await missingRefs(req.body.run, p, resources);
      if (missing.length) return problem(reply, 404, "Not Found", missing.join("\n"), { errors: missing });
      const id = randomUUID();
      await store.createSchedule({ id, name: req.body.name, cron: req.body.cron, timezone: req.body.timezone ?? null, request: req.body.run, createdBy: p.name, tokenId: p.tokenId, scope: p.scope === null ? null : [...p.scope], nextAt });
      await store.audit({ tokenId: p.tokenId, actor: p.name, action: "schedule.create", target: id, detail: { name: req.body.name, cron: req.body.cron } });
      const row = (await store.schedules()).find((s) => s.id === id)!;
      return reply.code(201).send(scheduleView(row));
    },
  );

  app.get("/api/v1/schedules", { onRequest: auth.require("admin"), schema: { security: secured } }, async (req) => {
    const p = who(req);
    return { schedules: (await store.schedules()).filter((s) => visible(p, s)).map(scheduleView) };
  });

  app.delete<{ Params: { id: string } }>("/api/v1/schedules/:id", { onRequest: auth.require("admin"), schema: { security: secured, params: idParam } }, async (req, reply) => {
    const p = who(req);
    const s = (await store.schedules()).find((x) => x.id === req.params.id);
    if (!s || !visible(p, s)) return problem(reply, 404, "Not Found", `no schedule "${req.params.id}"`);
    await store.deleteSchedule(s.id);
    await store.audit({ tokenId: p.tokenId, actor: p.name, action: "schedule.delete", target: s.id, detail: { name: s.name } });
    return reply.code(204).send();
  });

  // Prometheus text. Counts of every customer's runs: a token scoped to groups does not read them.
  app.get("/metrics", { onRequest: auth.require("viewer"), schema: { security: secured, description: "Prometheus metrics (text exposition format)" } }, async (req, reply) => {
    const p = who(req);
    if (p.scope !== null) return problem(reply, 403, "Forbidden", `token "${p.name}" is scoped to groups ${p.scope.join(", ")}; metrics count every group's runs`);
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.get<{ Querystring: { limit?: number; run?: string } }>(
    "/api/v1/webhooks/deliveries",
    {
      onRequest: auth.require("admin"),
      schema: { security: secured, description: "The webhook delivery log, newest first: each delivery with every attempt", querystring: { type: "object", properties: { limit: { type: "integer", minimum: 1, maximum: 10000 }, run: { type: "string" } } } },
    },
    async (req, reply) => {
      // Webhooks carry every group's devices: an admin scoped to groups does not read their log.
      const p = who(req);
      if (p.scope !== null) return problem(reply, 403, "Forbidden", `token "${p.name}" is scoped to groups ${p.scope.join(", ")}; the delivery log needs an admin token for every group`);
      const stored = (await webhookEndpoints.list()).map((e) => ({ id: e.id, url: e.url, events: e.events }));
      return { endpoints: [...(options.webhooks ?? []).map((e) => ({ url: e.url, events: e.events ?? null })), ...stored], deliveries: await store.deliveries(req.query.run, req.query.limit ?? 200) };
    },
  );

  registerResourceRoutes(app, { auth, store, resources, stateDir: options.dataDir, env: options.env, problem });
  registerWebhookEndpointRoutes(app, { auth, store, endpoints: webhookEndpoints, problem });

  return {
    app,
    runsDone: async () => {
      while (pending.size) await Promise.all([...pending]);
    },
    ...(bootstrapToken ? { bootstrapToken } : {}),
    interrupted,
  };
}
