// `preflight serve`: the REST API (src/server/app.ts) on a listener, with its database: the embedded PGlite in
// <state-dir>/db by default, or a PostgreSQL server with --db postgres://...; runs until interrupted.
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { buildApp } from "../server/app.js";
import { isPostgresUrl, openSql, redactUrl } from "../server/db/sql.js";
import type { CliIo } from "./io.js";

export interface ServeOptions {
  listen: string;
  stateDir: string;
  db?: string;
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
  const server = await buildApp({ dataDir, env: io.env, sql });
  const { app } = server;
  if (server.interrupted.length) io.stderr.write(`preflight serve: ${server.interrupted.length} run(s) were in progress when the server last stopped; marked interrupted\n`);
  if (server.bootstrapToken) {
    io.stderr.write(`preflight serve: no API token existed; created an admin token (shown this once, stored hashed):\n  ${server.bootstrapToken}\n`);
  }
  // Last: the line that says the server is ready.
  const address = await app.listen(listen);
  const where = isPostgresUrl(target) ? `PostgreSQL ${redactUrl(target)}` : `embedded database ${target}`;
  io.stderr.write(`preflight serve: listening on ${address} (API under /api/v1; ${where})\n`);
  await new Promise<void>((done) => {
    if (io.signal?.aborted) return done();
    io.signal?.addEventListener("abort", () => done(), { once: true });
  });
  await app.close();
  return 0;
}
