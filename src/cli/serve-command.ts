// `preflight serve`: the REST API (src/server/app.ts) on a listener, with its database: the embedded PGlite in
// <state-dir>/db by default, or a PostgreSQL server with --db postgres://...; runs until interrupted. With
// --queue URL its runs are audited by `preflight worker`s through that queue (docs/scale-out.md).
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { readTlsFiles, type TlsFiles } from "./serve-tls.js";
import { webhookUrlProblem } from "../webhooks/endpoint-url.js";
import { buildApp } from "../server/app.js";
import { isPostgresUrl, openSql, redactUrl } from "../server/db/sql.js";
import { displayQueue, parseQueueUrl } from "../queue/job.js";
import type { ServerQueue } from "../server/run-placement.js";
import type { CliIo } from "./io.js";
import { checkQueueOptions } from "./queue-options.js";
import { withQueuePassword } from "./worker-command.js";

export interface ServeOptions {
  listen: string;
  stateDir: string;
  db?: string;
  /** Webhook endpoints; their shared secret comes from $PREFLIGHT_WEBHOOK_SECRET, never from the command line. */
  webhook?: string[];
  publicUrl?: string;
  /** Hand the runs to `preflight worker`s through this Redis queue; its password from $PREFLIGHT_QUEUE_PASSWORD. */
  queue?: string;
  queueTimeout?: string;
  /** HTTPS: the certificate chain and its private key, PEM files (both or neither). */
  tlsCert?: string;
  tlsKey?: string;
  /** How long a stop (SIGTERM, Ctrl-C) may take, in seconds (default 30): then the process exits 1 anyway. */
  shutdownTimeout?: string;
}

/** `--queue URL` and `--queue-timeout S`, checked as for `run --queue`: the queue, or every problem with them. */
export function checkServeQueue(opts: Pick<ServeOptions, "queue" | "queueTimeout">, env: NodeJS.ProcessEnv): { queue?: ServerQueue; problems: string[] } {
  const problems: string[] = [];
  const checked = checkQueueOptions({ ...(opts.queue !== undefined ? { queue: opts.queue } : {}), ...(opts.queueTimeout !== undefined ? { queueTimeout: opts.queueTimeout } : {}) }, (option, message) => problems.push(`${option}: ${message}`));
  if (problems.length || checked.queue === undefined) return { problems };
  const address = withQueuePassword(parseQueueUrl(checked.queue), env);
  if (typeof address === "string") return { problems: [`--queue: ${address}`] };
  return { queue: { url: checked.queue, address, goneAfterMs: checked.queueTimeoutMs ?? 30_000 }, problems };
}

/** Seconds the stop may take: cancelling the runs, storing them, delivering their webhooks, closing the database. */
export const DEFAULT_SHUTDOWN_TIMEOUT_S = 30;

/** Every problem with the webhook options at once (exit 3 before anything starts). */
export function checkWebhookOptions(opts: ServeOptions, env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  for (const url of opts.webhook ?? []) {
    const problem = webhookUrlProblem(url, "--webhook");
    if (problem) problems.push(problem);
  }
  if (opts.webhook?.length && !env.PREFLIGHT_WEBHOOK_SECRET) problems.push("--webhook: set PREFLIGHT_WEBHOOK_SECRET, the secret the deliveries are signed with (docs/webhooks.md)");
  if (opts.publicUrl !== undefined && !/^https?:\/\/[^/]/.test(opts.publicUrl)) problems.push(`--public-url: "${opts.publicUrl}" is not an http(s) URL`);
  return problems;
}

export function parseListen(value: string): { host: string; port: number } | undefined {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(value);
  if (!m?.[1] || !m[2]) return undefined;
  const port = Number(m[2]);
  if (port > 65535) return undefined;
  return { host: m[1].replace(/^\[|\]$/g, ""), port };
}

export async function serveCommand(opts: ServeOptions, io: CliIo): Promise<number> {
  const listen = parseListen(opts.listen);
  if (!listen) {
    io.stderr.write(`--listen: "${opts.listen}" is not host:port (e.g. 127.0.0.1:8080)\n`);
    return 3;
  }
  // Every problem with the options at once (exit 3), before the database is opened or anything listens.
  const { queue, problems: queueProblems } = checkServeQueue(opts, io.env);
  const problems = [...checkWebhookOptions(opts, io.env), ...queueProblems];
  const shutdownS = opts.shutdownTimeout === undefined ? DEFAULT_SHUTDOWN_TIMEOUT_S : Number(opts.shutdownTimeout);
  if (!Number.isFinite(shutdownS) || shutdownS <= 0) problems.push(`--shutdown-timeout: "${opts.shutdownTimeout}" is not a number of seconds above 0`);
  let tls: TlsFiles | undefined;
  if (opts.tlsCert !== undefined || opts.tlsKey !== undefined) {
    const read = await readTlsFiles(opts.tlsCert, opts.tlsKey, io.cwd);
    if (read.ok) tls = read.tls;
    else problems.push(...read.problems);
  }
  if (problems.length) {
    for (const line of problems) io.stderr.write(`${line}\n`);
    return 3;
  }
  const dataDir = resolve(io.cwd, opts.stateDir);
  await mkdir(dataDir, { recursive: true });
  const target = opts.db ?? join(dataDir, "db");
  let sql;
  try {
    if (!isPostgresUrl(target)) await mkdir(resolve(io.cwd, target), { recursive: true });
    sql = await openSql(isPostgresUrl(target) ? target : resolve(io.cwd, target));
  } catch (err) {
    io.stderr.write(`--db: cannot open ${redactUrl(target)}: ${(err as Error).message}\n`);
    return 3;
  }
  const secret = io.env.PREFLIGHT_WEBHOOK_SECRET ?? "";
  const server = await buildApp({
    dataDir,
    env: io.env,
    sql,
    webhooks: (opts.webhook ?? []).map((url) => ({ url, secret })),
    ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
    ...(queue ? { queue } : {}),
    log: (line) => io.stderr.write(`preflight serve: ${line}\n`),
    ...(tls ? { https: tls } : {}),
  });
  const { app } = server;
  if (server.interrupted.length) io.stderr.write(`preflight serve: ${server.interrupted.length} run(s) were in progress when the server last stopped; marked interrupted\n`);
  if (server.bootstrapToken) {
    io.stderr.write(`preflight serve: no API token existed; created an admin token (shown this once, stored hashed):\n  ${server.bootstrapToken}\n`);
  }
  // Last: the line that says the server is ready.
  const address = await app.listen(listen);
  const where = isPostgresUrl(target) ? `PostgreSQL ${redactUrl(target)}` : `embedded database ${target}`;
  const audits = queue ? `; runs audited by the workers on ${displayQueue(queue.address)}` : "";
  io.stderr.write(`preflight serve: listening on ${address} (API under /api/v1; ${where}${audits})\n`);
  // Ctrl-C (io.signal) or SIGTERM (systemd, Kubernetes, docker stop) stop the server the same graceful way: new
  // requests are answered 503 while it drains; runs in progress are cancelled and stored as such, with their report;
  // their webhooks are delivered; the database is closed. All within the shutdown timeout, or exit 1 regardless.
  const why = await new Promise<string>((done) => {
    const onTerm = () => finish("SIGTERM");
    const finish = (reason: string) => {
      process.off("SIGTERM", onTerm);
      done(reason);
    };
    if (io.signal?.aborted) return finish("Ctrl-C");
    io.signal?.addEventListener("abort", () => finish("Ctrl-C"), { once: true });
    process.on("SIGTERM", onTerm);
  });
  io.stderr.write(`preflight serve: ${why}: stopping (new requests get 503; runs in progress are cancelled and stored; up to ${shutdownS} s)\n`);
  let timer: NodeJS.Timeout | undefined;
  const closed = await Promise.race([
    app.close().then(() => true),
    new Promise<boolean>((done) => {
      timer = setTimeout(() => done(false), shutdownS * 1000);
    }),
  ]);
  clearTimeout(timer);
  if (!closed) {
    io.stderr.write(`preflight serve: did not stop within ${shutdownS} s (webhook deliveries or the database still busy); exiting anyway\n`);
    return 1;
  }
  io.stderr.write("preflight serve: stopped\n");
  return 0;
}
