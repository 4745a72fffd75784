// `node dist/bench/dashboard.js [DEVICES] [RUNS]`: how long the serve dashboard takes, in headless Chromium
// (/usr/bin/chromium), over RUNS stored runs (default 3) of DEVICES devices each (default 2000: the golden report's
// devices repeated, as bench/history-db.ts): the runs list, a run's page until the report's rows are in its frame,
// the trends page with its three charts, a device's history. In-memory PGlite, a real listener on 127.0.0.1.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import type { RunReport } from "../src/model/result.js";
import { buildApp } from "../src/server/app.js";
import { openSql } from "../src/server/db/sql.js";
import { Store } from "../src/server/db/store.js";

const n = Number(process.argv[2] ?? 2000);
const runCount = Number(process.argv[3] ?? 3);
const golden = JSON.parse(readFileSync(fileURLToPath(new URL("../../test/report/golden/report.json", import.meta.url)), "utf8")) as RunReport;
const devices = Array.from({ length: n }, (_, i) => ({ ...golden.devices[i % golden.devices.length]!, name: `dev-${i}` }));
const TOKEN = "pft_bench-dashboard-admin";

const time = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
  const t = performance.now();
  const r = await f();
  console.log(`${label}: ${Math.round(performance.now() - t)} ms`);
  return r;
};

const dataDir = mkdtempSync(join(tmpdir(), "preflight-bench-dashboard-"));
const sql = await openSql("memory:");
const server = await buildApp({ dataDir, env: { PREFLIGHT_ADMIN_TOKEN: TOKEN }, sql });
const store = new Store(sql);
const ids: string[] = [];
for (let r = 0; r < runCount; r++) {
  const id = `bench-${r}`;
  await store.recordReport(id, { ...golden, devices, meta: { ...golden.meta, startedAt: new Date(Date.now() - (runCount - r) * 86_400_000).toISOString() } }, "bench");
  ids.push(id);
}
await server.app.listen({ host: "127.0.0.1", port: 0 });
const base = `http://127.0.0.1:${(server.app.server.address() as { port: number }).port}`;
console.log(`${runCount} runs of ${n} devices stored; dashboard at ${base}/ui/`);

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(120_000);
  const go = (hash: string) => page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
  await time("sign in and runs list", async () => {
    await page.goto(`${base}/ui/`);
    await page.getByLabel("API token").fill(TOKEN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator(`#runs tr[data-run="${ids[0]}"]`).waitFor();
  });
  const latest = ids[ids.length - 1]!;
  await time(`run page, until the report's ${n} rows are in the frame`, async () => {
    await go(`#/runs/${latest}`);
    await page.frameLocator("#report").locator(`#device-table tbody tr:nth-child(${n})`).waitFor({ state: "attached" });
  });
  const check = golden.devices[0]!.checks[0]!.id;
  const group = golden.devices[0]!.groups[0]!;
  await time("trends page, first visit (reads the latest runs' reports for the checks)", async () => {
    await go(`#/trends?check=${check}&group=${group}&by=run`);
    await page.locator("#trend-group-check table").waitFor();
  });
  await time("trends page, per day (choices kept)", async () => {
    await go(`#/trends?check=${check}&group=${group}&by=day`);
    await page.locator("#trend-group-check table").waitFor();
    await page.waitForFunction(`document.querySelector("#by").value === "day"`);
  });
  await time("device history", async () => {
    await go("#/devices/dev-7");
    await page.locator(`#device-history tbody tr:nth-child(${runCount})`).waitFor();
  });
} finally {
  await browser.close();
  await server.app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
