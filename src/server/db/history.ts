// `preflight run --db URL`: the CLI's runs go into the same history as the server's. The database is opened and
// migrated before any device is contacted (a wrong URL is exit 3, nothing run), and the report stored at the end.
import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import type { RunReport } from "../../model/result.js";
import { isPostgresUrl, migrate, openSql } from "./sql.js";
import { Store } from "./store.js";

export async function openHistory(target: string, cwd: string): Promise<Store> {
  const where = isPostgresUrl(target) ? target : resolve(cwd, target);
  if (!isPostgresUrl(target)) await mkdir(where, { recursive: true });
  const sql = await openSql(where);
  try {
    await migrate(sql);
  } catch (err) {
    await sql.close();
    throw err;
  }
  return new Store(sql);
}

/** Stores a finished CLI run; returns its id. */
export async function recordCliRun(store: Store, report: RunReport): Promise<string> {
  const id = randomUUID();
  const by = report.meta.runBy ? `${report.meta.runBy.user}@${report.meta.runBy.host}` : null;
  await store.recordReport(id, report, by);
  return id;
}
