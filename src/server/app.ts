// `preflight serve`: the HTTP API, built apart from the listener so tests drive it with app.inject and one real
// listen. Runs are kept in memory for now (no database yet, see docs/server.md); each audit goes through the same
// prepareAudit / runPreparedAudit as `preflight run`, so input errors carry the CLI's file:line:col messages.
import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import type { RunReport } from "../model/result.js";
import { FILE_FORMATS, renderReport, type FileFormat } from "../report/formats.js";
import { runPreparedAudit } from "../runner/audit.js";
import { prepareAudit, type AuditRequest } from "../runner/prepare.js";
import { formatDiagnostic, type Diagnostic } from "../util/diagnostics.js";

export type RunStatus = "running" | "finished" | "cancelled" | "failed";

interface RunRecord {
  id: string;
  status: RunStatus;
  createdAt: string;
  devicesTotal: number;
  devicesDone: number;
  controller: AbortController;
  report?: RunReport;
  error?: string;
}

export interface ServerOptions {
  /** Where each run's inventory and known_hosts are written (never credentials: they come from env). */
  dataDir: string;
  /** Where device credentials are resolved from, as for the CLI (PREFLIGHT_USERNAME, ...). */
  env: NodeJS.ProcessEnv;
}

interface StartRunBody {
  inventory: string;
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

const CONTENT_TYPES: Record<FileFormat, string> = {
  json: "application/json; charset=utf-8",
  html: "text/html; charset=utf-8",
  junit: "application/xml; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  "optics-csv": "text/csv; charset=utf-8",
};

/** RFC 9457 problem details. */
function problem(reply: FastifyReply, status: number, title: string, detail: string, extra: Record<string, unknown> = {}) {
  return reply.code(status).type("application/problem+json").send({ type: "about:blank", title, status, detail, ...extra });
}

function view(run: RunRecord) {
  return {
    id: run.id,
    status: run.status,
    createdAt: run.createdAt,
    progress: { done: run.devicesDone, total: run.devicesTotal },
    ...(run.report ? { summary: run.report.summary } : {}),
    ...(run.error ? { error: run.error } : {}),
  };
}

/** The app, and a way to wait for the audits it started (tests, shutdown). Not the instance itself: fastify's
 *  instance is thenable, so an async function cannot return it as is. */
export interface PreflightServer {
  app: FastifyInstance;
  runsDone(): Promise<void>;
}

export async function buildApp(options: ServerOptions): Promise<PreflightServer> {
  // Unknown body fields are errors (a typo must not be ignored), not silently dropped as by fastify's default.
  const app = Fastify({ logger: false, ajv: { customOptions: { removeAdditional: false } } });
  // The OpenAPI document is generated from the route schemas below (registered before the routes).
  await app.register(swagger, { openapi: { openapi: "3.1.0", info: { title: "preflight", version: "1" } } });
  const runs = new Map<string, RunRecord>();
  const pending = new Set<Promise<void>>();

  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown }, _req, reply) => {
    if (err.validation) return problem(reply, 400, "Bad Request", err.message);
    return problem(reply, err.statusCode ?? 500, err.statusCode && err.statusCode < 500 ? "Bad Request" : "Internal Server Error", err.message);
  });
  app.setNotFoundHandler((req, reply) => problem(reply, 404, "Not Found", `no route ${req.method} ${req.url}`));

  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  const stringList = { type: "array", items: { type: "string" } } as const;
  app.post<{ Body: StartRunBody }>(
    "/api/v1/runs",
    {
      schema: {
        body: {
          type: "object",
          required: ["inventory"],
          additionalProperties: false,
          properties: {
            inventory: { type: "string", minLength: 1 },
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
      const body = req.body;
      const id = randomUUID();
      const dir = join(options.dataDir, "runs", id);
      await mkdir(dir, { recursive: true });
      const inventoryFile = join(dir, "inventory.yaml");
      await writeFile(inventoryFile, body.inventory);
      let knownHosts: string | undefined;
      if (body.knownHosts !== undefined) {
        knownHosts = join(dir, "known_hosts");
        await writeFile(knownHosts, body.knownHosts);
      }
      const request: AuditRequest = {
        inventory: inventoryFile,
        groups: body.groups ?? [],
        devices: body.devices ?? [],
        tags: body.tags ?? [],
        checks: body.checks ?? [],
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
      const shown = (d: Diagnostic) => formatDiagnostic({ ...d, file: d.file === inventoryFile ? "inventory" : d.file });
      if (prepared.kind === "bad-input") {
        const errors = prepared.diagnostics.map(shown);
        return problem(reply, 422, "Invalid audit request", errors.join("\n"), { errors });
      }
      if (prepared.kind === "nothing-to-do") return problem(reply, 422, "Nothing to audit", prepared.message);
      const run: RunRecord = {
        id,
        status: "running",
        createdAt: new Date().toISOString(),
        devicesTotal: prepared.audit.plans.length,
        devicesDone: 0,
        controller: new AbortController(),
      };
      runs.set(id, run);
      const work = runPreparedAudit(prepared.audit, {
        signal: run.controller.signal,
        onDeviceDone: (_result, done) => {
          run.devicesDone = done;
        },
        displayPath: (file) => (file === inventoryFile ? "inventory" : file),
      })
        .then(({ report }) => {
          run.report = report;
          run.status = run.controller.signal.aborted ? "cancelled" : "finished";
        })
        .catch((err: Error) => {
          run.status = "failed";
          run.error = err.message;
        })
        .finally(() => pending.delete(work));
      pending.add(work);
      return reply.code(202).header("location", `/api/v1/runs/${id}`).send(view(run));
    },
  );

  app.get("/api/v1/runs", async () => ({ runs: [...runs.values()].map(view) }));

  app.get<{ Params: { id: string } }>("/api/v1/runs/:id", async (req, reply) => {
    const run = runs.get(req.params.id);
    if (!run) return problem(reply, 404, "Not Found", `no run "${req.params.id}"`);
    return view(run);
  });

  app.get<{ Params: { id: string }; Querystring: { format?: string } }>(
    "/api/v1/runs/:id/report",
    { schema: { querystring: { type: "object", properties: { format: { type: "string", enum: [...FILE_FORMATS] } } } } },
    async (req, reply) => {
      const run = runs.get(req.params.id);
      if (!run) return problem(reply, 404, "Not Found", `no run "${req.params.id}"`);
      if (!run.report) return problem(reply, 409, "Conflict", `run "${run.id}" is ${run.status}: no report yet`);
      const format = (req.query.format ?? "json") as FileFormat;
      return reply.type(CONTENT_TYPES[format]).send(renderReport(run.report, format));
    },
  );

  app.post<{ Params: { id: string } }>("/api/v1/runs/:id/cancel", async (req, reply) => {
    const run = runs.get(req.params.id);
    if (!run) return problem(reply, 404, "Not Found", `no run "${req.params.id}"`);
    if (run.status === "running") run.controller.abort();
    return reply.code(202).send(view(run));
  });

  return {
    app,
    runsDone: async () => {
      while (pending.size) await Promise.all([...pending]);
    },
  };
}
