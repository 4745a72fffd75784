// `node dist/bench/history-db.js [TARGET] [DEVICES]`: how long the serve history takes to open, to store one large
// run (the golden report's devices repeated DEVICES times, default 2000) and to answer its queries. TARGET is
// "memory:" (PGlite in memory, the default), a folder (PGlite on disk) or a postgres:// URL (an empty database).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { RunReport } from "../src/model/result.js";
import { migrate, openSql, redactUrl } from "../src/server/db/sql.js";
import { Store } from "../src/server/db/store.js";

const target = process.argv[2] ?? "memory:";
const n = Number(process.argv[3] ?? 2000);
const golden = JSON.parse(readFileSync(fileURLToPath(new URL("../../test/report/golden/report.json", import.meta.url)), "utf8")) as RunReport;
const devices = Array.from({ length: n }, (_, i) => ({ ...golden.devices[i % golden.devices.length]!, name: `dev-${i}` }));
const checks = devices.reduce((a, d) => a + d.checks.length, 0);
const findings = devices.reduce((a, d) => a + d.checks.reduce((m, c) => m + c.findings.length, 0), 0);
const time = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
  const t = performance.now();
  const r = await f();
  console.log(`${label}: ${Math.round(performance.now() - t)} ms`);
  return r;
};

console.log(`${redactUrl(target)}: ${n} devices, ${checks} check results, ${findings} findings per run`);
const sql = await time("open + migrate", async () => {
  const s = await openSql(target);
  await migrate(s);
  return s;
});
const store = new Store(sql);
for (let r = 0; r < 3; r++) {
  const report: RunReport = { ...golden, devices, meta: { ...golden.meta, startedAt: new Date(Date.now() + r).toISOString() } };
  await time(`store run ${r + 1}`, () => store.recordReport(`bench-${Date.now()}-${r}`, report, "bench"));
}
await time("device history", () => store.deviceHistory("dev-7", null));
await time("check pass rate by day, scoped", () => store.checkPassRate(golden.devices[0]!.checks[0]!.id, [golden.devices[0]!.groups[0]!], "day"));
await time("group pass rate by run, every check", () => store.groupPassRate(golden.devices[0]!.groups[0]!, null, "run"));
await time("group pass rate by week, one check, scoped", () => store.groupPassRate(golden.devices[0]!.groups[0]!, [golden.devices[0]!.groups[0]!], "week", golden.devices[0]!.checks[0]!.id));
await time("optics history", () => store.opticsHistory(null));
await sql.close();
