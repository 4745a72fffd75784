// The history database layer on both drivers, with the same SQL: embedded PGlite (in memory) and a real PostgreSQL
// server started by the test. Migrations apply in order once and are recorded; a stored RunReport comes back whole
// and as rows (devices, check results, findings).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { RunReport } from "../../src/model/result.js";
import { loadMigrations, migrate, openSql, redactUrl, type Sql } from "../../src/server/db/sql.js";
import { scopedReport, Store } from "../../src/server/db/store.js";
import { startPostgres, type PostgresServer } from "../helpers/postgres.js";

const GOLDEN = JSON.parse(readFileSync(new URL("../report/golden/report.json", import.meta.url), "utf8")) as RunReport;
let pgServer: PostgresServer | undefined;

afterAll(async () => {
  await pgServer?.stop();
});

describe("migrations", () => {
  it("are the numbered SQL files of db/migrations, in order; two with one number are refused", async () => {
    const shipped = await loadMigrations();
    expect(shipped.map((m) => m.name)).toEqual(["001_history.sql", "002_security.sql", "003_webhooks.sql", "004_schedules.sql", "005_resources.sql", "006_webhook_endpoints.sql"]);
    const dir = mkdtempSync(join(tmpdir(), "preflight-migrations-"));
    writeFileSync(join(dir, "010_b.sql"), "SELECT 1;");
    writeFileSync(join(dir, "002_a.sql"), "SELECT 1;");
    writeFileSync(join(dir, "notes.txt"), "not a migration");
    expect((await loadMigrations(dir)).map((m) => m.version)).toEqual([2, 10]);
    writeFileSync(join(dir, "010_c.sql"), "SELECT 1;");
    await expect(loadMigrations(dir)).rejects.toThrow(/two migrations numbered 10/);
  });

  it("shows a database URL without its password", () => {
    expect(redactUrl("postgres://preflight:secret@db:5432/history")).toBe("postgres://preflight:***@db:5432/history");
    expect(redactUrl("postgresql://preflight@db/history")).toBe("postgresql://preflight@db/history");
  });
});

const DRIVERS: { name: string; open: () => Promise<Sql> }[] = [
  { name: "PGlite", open: () => openSql("memory:") },
  {
    name: "PostgreSQL",
    open: async () => {
      pgServer = await startPostgres();
      return openSql(await pgServer.createDatabase("preflight_db_test"));
    },
  },
];

describe.each(DRIVERS)("the history on $name", ({ open }) => {
  it("applies each migration once, in order, recorded in schema_migrations; a later one alone", { timeout: 120_000 }, async () => {
    const sql = await open();
    try {
      expect(await migrate(sql)).toEqual(["001_history.sql", "002_security.sql", "003_webhooks.sql", "004_schedules.sql", "005_resources.sql", "006_webhook_endpoints.sql"]);
      expect(await migrate(sql)).toEqual([]);
      const dir = mkdtempSync(join(tmpdir(), "preflight-migrations-"));
      for (const m of await loadMigrations()) writeFileSync(join(dir, m.name), m.sql);
      writeFileSync(join(dir, "007_note.sql"), "ALTER TABLE runs ADD COLUMN note text; CREATE INDEX runs_note ON runs (note);");
      expect(await migrate(sql, await loadMigrations(dir))).toEqual(["007_note.sql"]);
      const recorded = await sql.query<{ version: number; name: string }>("SELECT version, name FROM schema_migrations ORDER BY version");
      expect(recorded).toEqual([
        { version: 1, name: "001_history.sql" },
        { version: 2, name: "002_security.sql" },
        { version: 3, name: "003_webhooks.sql" },
        { version: 4, name: "004_schedules.sql" },
        { version: 5, name: "005_resources.sql" },
        { version: 6, name: "006_webhook_endpoints.sql" },
        { version: 7, name: "007_note.sql" },
      ]);
      // A migration that fails leaves nothing of itself and is not recorded.
      writeFileSync(join(dir, "008_bad.sql"), "ALTER TABLE runs ADD COLUMN half text; SELECT no_such_function();");
      await expect(migrate(sql, await loadMigrations(dir))).rejects.toThrow();
      expect((await sql.query("SELECT 1 FROM schema_migrations WHERE version = 8")).length).toBe(0);
      expect((await sql.query("SELECT 1 FROM information_schema.columns WHERE table_name = 'runs' AND column_name = 'half'")).length).toBe(0);

      // A report in, the same report out, and its rows.
      const store = new Store(sql);
      await store.recordReport("golden", GOLDEN, "tester@host");
      expect(await store.getReport("golden")).toEqual(GOLDEN);
      const counts = await sql.query<{ devices: number; checks: number; findings: number }>(
        "SELECT (SELECT count(*)::int FROM device_results) AS devices, (SELECT count(*)::int FROM check_results) AS checks, (SELECT count(*)::int FROM findings) AS findings",
      );
      expect(counts[0]).toEqual({
        devices: GOLDEN.devices.length,
        checks: GOLDEN.devices.reduce((n, d) => n + d.checks.length, 0),
        findings: GOLDEN.devices.reduce((n, d) => n + d.checks.reduce((m, c) => m + c.findings.length, 0), 0),
      });
      const run = await store.getRun("golden", null);
      expect(run).toMatchObject({ source: "cli", status: GOLDEN.meta.interrupted ? "cancelled" : "finished", startedBy: "tester@host", exitCode: GOLDEN.summary.exitCode });
      const group = GOLDEN.devices[0]!.groups[0]!;
      expect(await store.getRun("golden", [group])).toBeDefined();
      expect(await store.getRun("golden", ["no-such-group"])).toBeUndefined();
      expect(scopedReport(GOLDEN, ["no-such-group"]).devices).toEqual([]);
      const first = GOLDEN.devices[0]!;
      expect((await store.deviceHistory(first.name, null)).map((h) => h.status)).toEqual([first.status]);
      expect(await store.deviceHistory(first.name, ["no-such-group"])).toEqual([]);
      const check = first.checks[0]!;
      const points = await store.checkPassRate(check.id, null, "day");
      expect(points).toHaveLength(1);
      expect((points[0] as { period?: string }).period).toMatch(/^\d{4}-\d\d-\d\dT00:00:00\.000Z$/);
    } finally {
      await sql.close();
    }
  });
});
