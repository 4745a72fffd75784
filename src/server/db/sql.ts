// One small query interface over the two database drivers: PGlite (PostgreSQL compiled to WASM, in-process, the
// embedded default: no install) and node-postgres for an external PostgreSQL (`--db postgres://...`). Everything
// above this file writes one SQL dialect, PostgreSQL's, and runs it unchanged on both.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { packagePath } from "../../util/package-root.js";

export interface Queryable {
  /** One statement with $1.. parameters; the rows. */
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** A script of several statements, no parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface Sql extends Queryable {
  readonly kind: "pglite" | "postgres";
  /** Runs fn in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `postgres://` or `postgresql://` URLs go to a PostgreSQL server; anything else is a PGlite folder. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** A database URL as it may be shown: without its password. */
export function redactUrl(target: string): string {
  return target.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/i, "$1:***@");
}

/** Opens the database: a PostgreSQL URL, a folder for PGlite, or "memory:" for a PGlite that lives in memory. */
export async function openSql(target: string): Promise<Sql> {
  return isPostgresUrl(target) ? openPostgres(target) : openPglite(target === "memory:" ? undefined : target);
}

async function openPglite(dir: string | undefined): Promise<Sql> {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create(dir);
  const wrap = (q: Pick<typeof db, "query" | "exec">): Queryable => ({
    query: async <T>(text: string, params: readonly unknown[] = []) => (await q.query<T>(text, [...params])).rows,
    exec: async (script: string) => {
      await q.exec(script);
    },
  });
  return {
    kind: "pglite",
    ...wrap(db),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
  };
}

async function openPostgres(url: string): Promise<Sql> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: url, max: 5 });
  // A connection that the server ends while it is idle (a restart, or the server stopping just after pool.end(),
  // which does not wait for the connections to close) is an 'error' event: without listeners, an uncaught exception.
  // The pool drops such a connection and opens another when needed; a query's own error still reaches its caller.
  const open = new Set<InstanceType<typeof pg.Client>>();
  pool.on("error", () => undefined);
  pool.on("connect", (client) => {
    open.add(client);
    client.on("error", () => undefined);
    client.once("end", () => open.delete(client));
  });
  // Fail now, with the server's message, rather than at the first query.
  (await pool.connect()).release();
  const wrap = (q: { query: (text: string, params?: unknown[]) => Promise<{ rows: unknown[] }> }): Queryable => ({
    query: async <T>(text: string, params: readonly unknown[] = []) => (await q.query(text, [...params])).rows as T[],
    exec: async (script: string) => {
      await q.query(script);
    },
  });
  return {
    kind: "postgres",
    ...wrap(pool),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(wrap(client));
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: async () => {
      const ended = [...open].map((client) => new Promise<void>((done) => client.once("end", () => done())));
      await pool.end();
      // Until every connection is really closed (bounded: a server that does not answer is not waited for).
      await Promise.race([Promise.all(ended), new Promise((done) => setTimeout(done, 2000).unref())]);
    },
  };
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** db/migrations/NNN_name.sql, in version order. */
export async function loadMigrations(dir = packagePath("db", "migrations")): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d+_[\w-]+\.sql$/.test(f));
  const migrations = await Promise.all(
    files.map(async (file) => ({ version: Number(file.slice(0, file.indexOf("_"))), name: file, sql: await readFile(join(dir, file), "utf8") })),
  );
  migrations.sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version === migrations[i - 1]!.version) throw new Error(`two migrations numbered ${migrations[i]!.version}: ${migrations[i - 1]!.name}, ${migrations[i]!.name}`);
  }
  return migrations;
}

/**
 * Applies the migrations not yet recorded in schema_migrations, each in its own transaction, in order. An advisory
 * lock keeps two processes sharing one PostgreSQL from applying the same migration twice. Returns the names applied.
 */
export async function migrate(sql: Sql, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  await sql.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
  const applied: string[] = [];
  for (const m of all) {
    const done = await sql.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock(7217001)");
      const rows = await tx.query("SELECT 1 FROM schema_migrations WHERE version = $1", [m.version]);
      if (rows.length) return false;
      await tx.exec(m.sql);
      await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.name);
  }
  return applied;
}
