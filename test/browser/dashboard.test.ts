// The serve dashboard in a real headless Chromium (Debian's /usr/bin/chromium through playwright-core), against a
// real listener (buildApp on an in-memory PGlite) and simulated Palo Alto firewalls of two customers over SSH:
// sign-in with a token, the runs list (with a run followed live), a run's report in its sandboxed frame, pass-rate
// trends per check and per group, a device's history, hostile device text kept inert, a group-scoped viewer, and
// no request outside the server. Without Chromium the suite is skipped on a workstation and fails in CI.
import { mkdtempSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Document } from "yaml";
import type { RunReport } from "../../src/model/result.js";
import { panosDevice, type PortSpec } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import { withSuiteOutputs } from "../../src/platforms/paloalto_panos/simulator/suite/index.js";
import { buildApp, type PreflightServer } from "../../src/server/app.js";
import { openSql } from "../../src/server/db/sql.js";
import { startFleet } from "../../src/simulator/fleet.js";
import type { SimFleet } from "../../src/simulator/types.js";


const CREDS = { username: "audit", password: "dashboard-Pa55word" };
const OEM: PortSpec = { slot: 1, port: 1, sfp: { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", serial: "OEM1" } };
const FS: PortSpec = { slot: 1, port: 2, sfp: { vendorName: "FS", partNumber: "SFP-10GSR-85", serial: "FS1" } };
const ADMIN = "pft_admin-token-for-the-dashboard-tests";
const CHECK = "panos-transceivers-supported";
// A device name as hostile as an inventory (or a CMDB feeding it) may carry: markup that runs if it is ever parsed.
const HOSTILE = `fw-a2<img src=x onerror="window.__pwned=1;alert('img')"><script>window.__pwned=2</script>`;

let fleet: SimFleet;
let slow: SimFleet;
let server: PreflightServer;
let browser: Browser;
let base: string;
let dataDir: string;
const tokens = {} as Record<"viewer" | "viewerA" | "operator", string>;
const runs = {} as Record<"all" | "custA", string>;
const reports = {} as Record<"all" | "custA", RunReport>;

const api = async (token: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return res;
};

function inventoryYaml(hosts: Record<string, { device: SimFleet["devices"][number]; group: string }>): string {
  return new Document({
    defaults: { credentials: "default" },
    groups: { "cust-a": { target_version: "10.2.4-h4" }, "cust-b": { target_version: "10.2.4-h4" }, lab: { target_version: "10.2.4-h4" } },
    hosts: Object.fromEntries(Object.entries(hosts).map(([name, { device, group }]) => [name, { host: device.host, port: device.port, platform: "paloalto_panos", groups: [group] }])),
  }).toString();
}

async function newToken(name: string, role: string, groups?: string[]): Promise<string> {
  const res = await api(ADMIN, "POST", "/api/v1/tokens", { name, role, ...(groups ? { groups } : {}) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

async function startRun(body: Record<string, unknown>): Promise<string> {
  const res = await api(tokens.operator, "POST", "/api/v1/runs", body);
  expect(res.status, await res.clone().text()).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  if (!chromiumAvailable) return;
  fleet = await startFleet([
    withSuiteOutputs(panosDevice({ name: "fw-a1", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM], ...CREDS })),
    withSuiteOutputs(panosDevice({ name: "fw-a2", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM, FS], ...CREDS })),
    withSuiteOutputs(panosDevice({ name: "fw-b1", model: "PA-3220", swVersion: "10.1.9-h1", ports: [FS], ...CREDS })),
  ]);
  dataDir = mkdtempSync(join(tmpdir(), "preflight-dashboard-"));
  server = await buildApp({ dataDir, env: { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password, PREFLIGHT_ADMIN_TOKEN: ADMIN }, sql: await openSql("memory:") });
  await server.app.listen({ host: "127.0.0.1", port: 0 });
  const address = server.app.server.address() as { port: number };
  base = `http://127.0.0.1:${address.port}`;
  tokens.viewer = await newToken("noc viewer", "viewer");
  tokens.viewerA = await newToken("customer A viewer", "viewer", ["cust-a"]);
  tokens.operator = await newToken("change pipeline", "operator");
  const [a1, a2, b1] = fleet.devices;
  const inventory = inventoryYaml({ "fw-a1": { device: a1!, group: "cust-a" }, [HOSTILE]: { device: a2!, group: "cust-a" }, "fw-b1": { device: b1!, group: "cust-b" } });
  runs.all = await startRun({ inventory, knownHosts: fleet.knownHosts() });
  await server.runsDone();
  runs.custA = await startRun({ inventory, knownHosts: fleet.knownHosts(), groups: ["cust-a"] });
  await server.runsDone();
  for (const key of ["all", "custA"] as const) reports[key] = (await (await api(tokens.viewer, "GET", `/api/v1/runs/${runs[key]}/report`)).json()) as RunReport;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.app.close();
  await fleet?.close();
  await slow?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  /** Requests to anywhere but the server (blocked). */
  outside: string[];
  dialogs: string[];
  errors: string[];
  /** Content-Security-Policy violations and other console errors (but the browser's note of a failed response). */
  console: string[];
  /** Responses of the server with a status of 400 or more: method, path and status. */
  failed: string[];
}

async function open(hash = "#/runs"): Promise<Opened> {
  const page = await browser.newPage();
  const opened: Opened = { page, outside: [], dialogs: [], errors: [], console: [], failed: [] };
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${base}/`)) return route.continue();
    opened.outside.push(url);
    return route.abort();
  });
  page.on("dialog", async (dialog) => {
    opened.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on("pageerror", (error) => opened.errors.push(error.message));
  page.on("console", (msg) => {
    if (msg.type() === "error" && !msg.text().startsWith("Failed to load resource: the server responded with a status of")) opened.console.push(msg.text());
  });
  page.on("response", (res) => {
    if (res.status() >= 400) opened.failed.push(`${res.request().method()} ${new URL(res.url()).pathname} ${res.status()}`);
  });
  page.setDefaultTimeout(10_000);
  await page.goto(`${base}/${hash}`);
  return opened;
}

async function signIn(page: Page, token: string): Promise<void> {
  await page.getByLabel("API token").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("#nav").waitFor({ state: "visible" });
}

/** Goes to a page of the dashboard (the project's TypeScript has no DOM types: the page's code is a string). */
async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
}

/** The part of the DOM's Storage the frame test touches. */
type WebStorage = { getItem(key: string): string | null; length: number };

/** The rows of a table as arrays of cell texts. */
async function cells(page: Page, selector: string): Promise<string[][]> {
  return page.locator(`${selector} tbody tr`).evaluateAll((rows) => rows.map((r) => [...(r as unknown as { cells: { textContent: string }[] }).cells].map((c) => c.textContent.trim())));
}

/** No request outside the server, no dialog, no script error, no CSP violation; no error status but those expected. */
function clean(o: Opened, failed: string[] = []) {
  expect(o.failed).toEqual(failed);
  expect(o.outside).toEqual([]);
  expect(o.dialogs).toEqual([]);
  expect(o.errors).toEqual([]);
  expect(o.console).toEqual([]);
}

describe.skipIf(!chromiumAvailable)("serve dashboard in Chromium", () => {
  it("is served under /ui/ with a strict Content-Security-Policy; / redirects there", async () => {
    const root = await fetch(`${base}/`, { redirect: "manual" });
    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toBe("/ui/");
    for (const path of ["/ui/", "/ui/js/main.js", "/ui/style.css"]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toContain("default-src 'none'");
      expect(csp).toMatch(/script-src 'self' 'sha256-[\w+/=]+'(;|$)/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-inline");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
    expect((await fetch(`${base}/ui/../package.json`)).status).toBe(404);
    expect((await fetch(`${base}/ui/%2e%2e/package.json`)).status).toBe(404);
    expect((await fetch(`${base}/ui/no-such-file.js`)).status).toBe(404);
  });

  it("says so when the token is wrong or revoked, and keeps none of it", async () => {
    const o = await open();
    await o.page.getByLabel("API token").fill("pft_not-a-token");
    await o.page.getByRole("button", { name: "Sign in" }).click();
    await expect(o.page.getByRole("alert").textContent()).resolves.toMatch(/This token was not accepted: it is unknown, mistyped or revoked/);
    expect(await o.page.evaluate("sessionStorage.length")).toBe(0);
    expect(await o.page.locator("#nav").isVisible()).toBe(false);
    // A token revoked while the dashboard is open: the next page sends the user back to the sign-in form.
    const doomed = await newToken("soon revoked", "viewer");
    await signIn(o.page, doomed);
    await o.page.locator("#runs tbody tr").first().waitFor();
    const list = (await (await api(ADMIN, "GET", "/api/v1/tokens")).json()) as { tokens: { id: string; name: string }[] };
    expect((await api(ADMIN, "DELETE", `/api/v1/tokens/${list.tokens.find((t) => t.name === "soon revoked")!.id}`)).status).toBe(204);
    await go(o.page, "#/devices");
    await expect(o.page.getByRole("alert").textContent()).resolves.toMatch(/The server refused the token: .*It may have been revoked/);
    expect(await o.page.evaluate("sessionStorage.length")).toBe(0);
    expect(o.outside).toEqual([]);
    expect(o.dialogs).toEqual([]);
    expect(o.errors).toEqual([]);
    await o.page.close();
  });

  it("lists the runs with their status and device counts", async () => {
    const o = await open();
    await signIn(o.page, tokens.viewer);
    await o.page.locator(`#runs tr[data-run="${runs.all}"]`).waitFor();
    const rows = await cells(o.page, "#runs");
    expect(rows.map((r) => r[1])).toEqual([runs.custA.slice(0, 8), runs.all.slice(0, 8)]);
    for (const [i, key] of (["custA", "all"] as const).entries()) {
      const s = reports[key].summary.byStatus;
      // Started, Run, Status, Source, Started by, Groups, Devices done, then ready warning blocked unreachable error not-run.
      expect(rows[i]!.slice(2)).toEqual(["finished", "api", "change pipeline", key === "all" ? "cust-a, cust-b" : "cust-a", `${reports[key].devices.length} / ${reports[key].devices.length}`, ...[s.ready, s.warning, s.blocked, s.unreachable, s.error, s["not-run"]].map(String)]);
    }
    expect(reports.all.summary.byStatus.blocked).toBe(2);
    clean(o);
    await o.page.close();
  });

  it("opens a run: its devices, and the HTML report in a sandboxed frame that cannot reach the dashboard", async () => {
    const o = await open();
    await signIn(o.page, tokens.viewer);
    await go(o.page, `#/runs/${runs.all}`);
    const frame = o.page.frameLocator("#report");
    await frame.locator("#device-table tbody tr").first().waitFor();
    expect((await frame.locator("#device-table tbody tr th a").allTextContents()).sort()).toEqual(["fw-a1", "fw-b1", HOSTILE].sort());
    // A download in another format: fetched with the token, saved from memory.
    const [download] = await Promise.all([o.page.waitForEvent("download"), o.page.getByRole("button", { name: "JUnit XML" }).click()]);
    expect(download.suggestedFilename()).toBe(`preflight-${runs.all}.xml`);
    expect(await readFile(await download.path(), "utf8")).toMatch(/^<\?xml[\s\S]*<testsuites[\s\S]*fw-b1/);
    // The report's own filter script runs in the frame (its inline script is allowed by hash, nothing else).
    await frame.getByLabel("Text", { exact: true }).fill("fw-b1");
    await expect.poll(() => frame.locator("#device-table tbody tr:visible th a").allTextContents()).toEqual(["fw-b1"]);
    expect(await o.page.locator("#report").getAttribute("sandbox")).toBe("allow-scripts");
    const inside = o.page.frames().find((f) => f !== o.page.mainFrame())!;
    const reach = await inside.evaluate(() => {
      const g = globalThis as unknown as { origin: string; parent: { document: { title: string }; sessionStorage: WebStorage }; sessionStorage: WebStorage };
      const attempt = (f: () => unknown) => {
        try {
          return `read: ${String(f())}`;
        } catch (err) {
          return `refused: ${(err as Error).name}`;
        }
      };
      return { origin: g.origin, parentDocument: attempt(() => g.parent.document.title), parentStorage: attempt(() => g.parent.sessionStorage.getItem("preflight.token")), ownStorage: attempt(() => g.sessionStorage.length) };
    });
    expect(reach).toEqual({ origin: "null", parentDocument: "refused: SecurityError", parentStorage: "refused: SecurityError", ownStorage: "refused: SecurityError" });
    const facts = await o.page.locator("#run-facts dt").evaluateAll((dts) => dts.map((dt) => `${dt.textContent}: ${dt.nextElementSibling!.textContent}`));
    expect(facts.filter((f) => !/^(Started|Finished):/.test(f))).toEqual(["Status: finished", "Source: api", "Started by: change pipeline", "Groups: cust-a, cust-b", "Devices done: 3 / 3", `Exit code: ${reports.all.summary.exitCode}`]);
    const s = reports.all.summary.byStatus;
    expect(await o.page.locator("#run-counts li").allTextContents()).toEqual([`${s.ready} ready`, `${s.warning} warning`, `${s.blocked} blocked`, `${s.unreachable} unreachable`, `${s.error} error`, `${s["not-run"]} not-run`]);
    const devices = await cells(o.page, "#run-devices");
    expect(devices.map((r) => [r[0], r[1]])).toEqual(reports.all.devices.map((d) => [d.name, d.status]));
    expect(await o.page.locator("#run-changes, #run-rest .note").first().textContent()).toMatch(/No earlier run of the same sweep/);
    clean(o);
    await o.page.close();
  });

  it("draws the pass rate of a check and of a group per run, with the stored numbers", async () => {
    const o = await open();
    await signIn(o.page, tokens.viewer);
    await go(o.page, `#/trends?check=${CHECK}&group=cust-a&by=run`);
    await o.page.locator("#trend-group-check table").waitFor();
    // Counted here from the reports, device by device.
    const count = (report: RunReport, group?: string, check?: string) => {
      const results = report.devices.filter((d) => !group || d.groups.includes(group)).flatMap((d) => d.checks).filter((c) => !check || c.id === check);
      const n = (s: string) => results.filter((c) => c.status === s).length;
      const evaluated = n("pass") + n("fail") + n("warn") + n("error");
      const rate = n("pass") / evaluated;
      return ["1", ...["pass", "fail", "warn", "error"].map((s) => String(n(s))), String(results.length - evaluated), `${(Math.round(rate * 1000) / 10).toFixed(1)} %`];
    };
    const rowsOf = async (id: string) => (await cells(o.page, `#${id} table`)).map((r) => r.slice(1));
    expect(await rowsOf("trend-check")).toEqual([count(reports.all, undefined, CHECK), count(reports.custA, undefined, CHECK)]);
    expect((await rowsOf("trend-check")).map((r) => r[6])).toEqual(["33.3 %", "50.0 %"]);
    expect(await rowsOf("trend-group")).toEqual([count(reports.all, "cust-a"), count(reports.custA, "cust-a")]);
    expect(await rowsOf("trend-group-check")).toEqual([count(reports.all, "cust-a", CHECK), count(reports.custA, "cust-a", CHECK)]);
    // The chart's points say the same (their tooltips), and sit at the height of their rate.
    const points = await o.page.locator("#trend-check svg circle").evaluateAll((cs) => cs.map((c) => ({ cy: Number(c.getAttribute("cy")), title: c.textContent })));
    expect(points.map((p) => p.title!.replace(/^.*: /, ""))).toEqual(["33.3 % (1 of 3 evaluated)", "50.0 % (1 of 2 evaluated)"]);
    const [top, bottom] = [12, 220 - 34];
    expect(points.map((p) => Math.round(((bottom - p.cy) / (bottom - top)) * 1000) / 1000)).toEqual([0.333, 0.5]);
    // By day: both runs in one point.
    await o.page.getByLabel("Per").selectOption("day");
    await expect.poll(async () => (await rowsOf("trend-check")).length).toBe(1);
    expect((await rowsOf("trend-check"))[0]!.slice(0, 3)).toEqual(["2", "2", "3"]);
    clean(o);
    await o.page.close();
  });

  it("lists a device's runs in its history, and keeps a hostile device name inert everywhere", async () => {
    const o = await open();
    await signIn(o.page, tokens.viewer);
    await go(o.page, "#/devices/fw-a1");
    await o.page.locator("#device-history tbody tr").first().waitFor();
    const history = await cells(o.page, "#device-history");
    expect(history.map((r) => [r[1], r[2], r[5], r[6]])).toEqual([
      [runs.custA.slice(0, 8), "ready", "10.1.9-h1", "10.2.4-h4"],
      [runs.all.slice(0, 8), "ready", "10.1.9-h1", "10.2.4-h4"],
    ]);
    // The hostile name: in the device chooser, the run's device table (its link), its own history page.
    await go(o.page, "#/devices");
    await expect.poll(() => o.page.locator("#device-names option").evaluateAll((os) => os.map((x) => x.getAttribute("value")))).toEqual(["fw-a1", "fw-b1", HOSTILE].sort());
    await go(o.page, `#/runs/${runs.all}`);
    await o.page.frameLocator("#report").locator("#device-table").waitFor();
    await o.page.getByRole("link", { name: HOSTILE }).click();
    await o.page.locator("#device-history tbody tr").first().waitFor();
    expect(await o.page.locator("h1").textContent()).toBe(`Device ${HOSTILE}`);
    expect((await cells(o.page, "#device-history")).map((r) => [r[1], r[2]])).toEqual([
      [runs.custA.slice(0, 8), "blocked"],
      [runs.all.slice(0, 8), "blocked"],
    ]);
    expect(await o.page.locator("main img, main script").count()).toBe(0);
    expect(await o.page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    clean(o);
    await o.page.close();
  });

  it("shows a viewer scoped to cust-a nothing of cust-b: runs, report, devices, trends, history", async () => {
    const o = await open();
    await signIn(o.page, tokens.viewerA);
    await o.page.locator(`#runs tr[data-run="${runs.all}"]`).waitFor();
    // Its counts are its own devices' (the list itself has no summaries for a scoped token).
    const rows = await cells(o.page, "#runs");
    expect(rows.find((r) => r[1] === runs.all.slice(0, 8))!.slice(5, 10)).toEqual(["cust-a", "3 / 3", "1", "0", "1"]);
    await go(o.page, `#/runs/${runs.all}`);
    const frame = o.page.frameLocator("#report");
    await frame.locator("#device-table tbody tr").first().waitFor();
    expect((await frame.locator("#device-table tbody tr th a").allTextContents()).sort()).toEqual(["fw-a1", HOSTILE].sort());
    expect(await frame.locator("body").textContent()).not.toContain("fw-b1");
    expect(await o.page.locator("body").textContent()).not.toContain("fw-b1");
    await go(o.page, "#/trends");
    await o.page.locator("#trend-form").waitFor();
    expect(await o.page.locator("#group option").allTextContents()).toEqual(["(none)", "cust-a"]);
    await go(o.page, "#/trends?group=cust-b");
    await expect(o.page.locator("#trend-group").textContent()).resolves.toMatch(/No stored result for it that this token may see/);
    await go(o.page, "#/devices");
    await expect.poll(() => o.page.locator("#device-names option").count()).toBe(2);
    expect(await o.page.locator("#device-names").evaluate((d) => d.textContent + [...d.querySelectorAll("option")].map((x) => x.getAttribute("value")).join(" "))).not.toContain("fw-b1");
    await go(o.page, "#/devices/fw-b1");
    await expect(o.page.getByRole("alert").textContent()).resolves.toBe('No stored result for device "fw-b1" that this token may see.');
    // cust-b's pass rate, for the group and for the group and check, and fw-b1's history: not found for this token.
    clean(o, ["GET /api/v1/groups/cust-b/pass-rate 404", "GET /api/v1/groups/cust-b/pass-rate 404", "GET /api/v1/devices/fw-b1/history 404"]);
    await o.page.close();
  });

  it("follows a run in progress: the list shows it running, then finished, without a reload", async () => {
    // One device a slow link away: each command's output comes 0.3 s late, so the run lasts several seconds.
    slow = await startFleet([{ ...withSuiteOutputs(panosDevice({ name: "fw-lab", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM], ...CREDS })), latencyMs: 300 }]);
    const started = Date.now();
    const id = await startRun({ inventory: inventoryYaml({ "fw-lab": { device: slow.devices[0]!, group: "lab" } }), knownHosts: slow.knownHosts() });
    const o = await open();
    const calls: string[] = [];
    o.page.on("request", (req) => calls.push(new URL(req.url()).pathname));
    await signIn(o.page, tokens.viewer);
    const row = o.page.locator(`#runs tr[data-run="${id}"]`);
    await row.waitFor();
    const first = (await cells(o.page, "#runs")).find((r) => r[1] === id.slice(0, 8))!;
    const shownAfter = Date.now() - started;
    // The run's own page at the same time, in a second tab (sessionStorage is per tab: it signs in too).
    const detail = await open(`#/runs/${id}`);
    await signIn(detail.page, tokens.viewer);
    await detail.page.locator("#run-live h2").waitFor();
    const liveFacts = await detail.page.locator("#run-facts").textContent();
    // Its event stream moves it to finished in place (the list is re-read only every 10 s).
    await o.page.locator(`#runs tr[data-run="${id}"][data-status="finished"]`).waitFor({ timeout: 30_000 });
    const finishedAfter = Date.now() - started;
    await server.runsDone();
    console.log(`live run: shown running after ${shownAfter} ms, finished in the list after ${finishedAfter} ms`);
    expect(first.slice(2, 7)).toEqual(["running", "api", "change pipeline", "lab", "0 / 1"]);
    // Followed by its event stream, and read again when that ended.
    expect(calls.filter((c) => c.startsWith(`/api/v1/runs/${id}`))).toEqual([`/api/v1/runs/${id}/events`, `/api/v1/runs/${id}`]);
    const finished = (await cells(o.page, "#runs")).find((r) => r[1] === id.slice(0, 8))!;
    expect(finished.slice(2, 7)).toEqual(["finished", "api", "change pipeline", "lab", "1 / 1"]);
    expect(finished.slice(7).reduce((a, b) => a + Number(b), 0)).toBe(1);
    expect(liveFacts).toMatch(/Statusrunning/);
    expect(liveFacts).toMatch(/Devices done0 \/ 1/);
    // It lists the device when it is done, then shows the report.
    await detail.page.frameLocator("#report").locator("#device-table tbody tr").first().waitFor({ timeout: 30_000 });
    expect(await detail.page.locator("#live-devices li").allTextContents()).toEqual([expect.stringMatching(/^fw-lab (ready|warning|blocked) \(1 of 1\)$/)]);
    expect(await detail.page.locator("#run-facts").textContent()).toMatch(/StatusfinishedStarted/);
    clean(detail);
    await detail.page.close();
    clean(o);
    await o.page.close();
  }, 60_000);
});
