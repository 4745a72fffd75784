// `preflight serve --queue URL` with the real engine: the built CLI's server (embedded database) hands its runs to
// two `preflight worker` processes through a redis-server of our own on loopback, the devices simulated over SSH.
// The queued run's stored report and event stream must be a local server run's (apart from timings); cancel over
// the API and Ctrl-C of the server remove the jobs no worker has taken; a queue that goes away ends the run with
// what it has, the rest not-run. The queue server holds no device secret: only the workers have them.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import type { RunReport } from "../../src/model/result.js";
import { panosDevice, type PortSpec } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import { withSuiteOutputs } from "../../src/platforms/paloalto_panos/simulator/suite/index.js";
import { queueName } from "../../src/queue/job.js";
import { validateReport } from "../../src/report/validate-report.js";
import { startFleet } from "../../src/simulator/fleet.js";
import { fleetInventoryYaml } from "../../src/simulator/inventory.js";
import type { SimDeviceSpec, SimFleet } from "../../src/simulator/types.js";
import { auditedBy, startCli, until, withoutTimings, type CliProcess } from "../helpers/cli-process.js";
import { redisServer, startRedis, type RunningRedis } from "../helpers/redis.js";
import { parseSse, type SseEvent } from "../helpers/sse.js";

const REDIS = redisServer();
if (!REDIS) console.warn("test/queue/serve-queue.test.ts: skipped: redis-server is not installed (apt-get install redis-server; .ci/run installs it)");

const CREDS = { username: "audit", password: "serve-queue-Pa55word" };
const DEVICE_ENV = { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password };
const ADMIN = "pft_serve-queue-test-admin-token";
const OEM: PortSpec = { slot: 1, port: 1, sfp: { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", serial: "OEM1" } };
const FS: PortSpec = { slot: 1, port: 2, sfp: { vendorName: "FS", partNumber: "SFP-10GSR-85", serial: "FS1" } };
/** About five seconds per device: a run of these is still going when it is cancelled. */
const SLOW = { kind: "slow-output", chunkBytes: 512, delayMs: 60 } as const;


interface Server extends CliProcess {
  base: string;
}

async function serve(args: string[], env: Record<string, string> = {}): Promise<Server> {
  const stateDir = mkdtempSync(join(tmpdir(), "preflight-serve-queue-"));
  const proc = startCli(["serve", "--listen", "127.0.0.1:0", "--state-dir", stateDir, ...args], { PREFLIGHT_ADMIN_TOKEN: ADMIN, ...env });
  let base = "";
  await until("the server to listen", () => {
    if (proc.child.exitCode !== null) throw new Error(`serve exited ${proc.child.exitCode}: ${proc.stderr()}`);
    base = /listening on (http:\/\/\S+)/.exec(proc.stderr())?.[1] ?? "";
    return base !== "";
  }, 120_000);
  return { ...proc, base };
}

const api = (server: Server, path: string, init: RequestInit = {}) => fetch(`${server.base}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}`, ...(init.body ? { "content-type": "application/json" } : {}) } });

async function startRun(server: Server, body: object): Promise<string> {
  const res = await api(server, "/api/v1/runs", { method: "POST", body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

/** Reads a run's event stream until run-finished. */
async function follow(server: Server, id: string, onEvent: (events: SseEvent[]) => void = () => undefined): Promise<SseEvent[]> {
  const res = await api(server, `/api/v1/runs/${id}/events`);
  let text = "";
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    text += decoder.decode(chunk, { stream: true });
    onEvent(parseSse(text.slice(0, text.lastIndexOf("\n\n") + 2)));
    if (/event: run-finished\n[^\n]*\n\n/.test(text)) break;
  }
  return parseSse(text);
}

const reportOf = async (server: Server, id: string) => (await (await api(server, `/api/v1/runs/${id}/report?format=json`)).json()) as RunReport;
const runOf = async (server: Server, id: string) => (await (await api(server, `/api/v1/runs/${id}`)).json()) as { status: string; progress: { done: number; total: number } };

describe.skipIf(!REDIS)("preflight serve --queue with preflight workers (real redis-server)", () => {
  let redis: RunningRedis;
  let fleet: SimFleet;
  let inventory: string;
  let knownHosts: string;
  let local: Server;
  let queued: Server;
  let workers: CliProcess[] = [];

  const waitingJobs = async (...sites: string[]): Promise<number> => {
    let n = 0;
    for (const site of sites) {
      const queue = new Queue(queueName(site), { connection: { host: "127.0.0.1", port: redis.port } });
      const counts = await queue.getJobCounts("waiting", "delayed", "prioritized");
      n += (counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0);
      await queue.close();
    }
    return n;
  };

  beforeAll(async () => {
    redis = await startRedis(REDIS!);
    const specs: SimDeviceSpec[] = [];
    const add = (name: string, ports: PortSpec[], tags: string[], extra: Partial<Parameters<typeof panosDevice>[0]> = {}) =>
      specs.push(withSuiteOutputs(panosDevice({ name, model: "PA-3220", swVersion: "10.1.9-h1", ports, ...CREDS, tags, ...extra })));
    for (let i = 1; i <= 4; i++) add(`fw-e${i}`, i === 3 ? [OEM, FS] : [OEM], ["estate"]);
    add("fw-down", [OEM], ["estate"], { faults: [{ kind: "refuse" }] });
    for (let i = 1; i <= 6; i++) add(`fw-slow${i}`, [OEM], ["slow"], { faults: [SLOW] });
    // In site b, which no worker serves: its job waits until the run is cancelled.
    add("fw-b1", [OEM], ["slow"]);
    fleet = await startFleet(specs);
    const dir = mkdtempSync(join(tmpdir(), "preflight-serve-queue-"));
    knownHosts = join(dir, "known_hosts");
    writeFileSync(knownHosts, fleet.knownHosts());
    const doc = parseDocument(fleetInventoryYaml(fleet, { group: "lab", targetVersion: "10.2.4-h4" }));
    doc.setIn(["hosts", "fw-b1", "site"], "b");
    inventory = doc.toString({ lineWidth: 0 });
    // One device at a time per worker, so that a run of the slow devices always has jobs no worker has taken.
    workers = ["w1", "w2"].map((name) => startCli(["worker", "--queue", redis.url, "--name", name, "--known-hosts", knownHosts, "--lease", "3", "--concurrency", "1"], DEVICE_ENV));
    // The local server audits with the device credentials; the queue server has none (the workers hold them).
    [local, queued] = await Promise.all([serve([], DEVICE_ENV), serve(["--queue", redis.url, "--queue-timeout", "3"])]);
    await Promise.all(workers.map((w) => until("the worker to start", () => w.stderr().includes("serving site(s)"))));
  }, 240_000);

  afterAll(async () => {
    for (const p of [...workers, local, queued]) if (p && p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
    await Promise.all([...workers, local, queued].filter(Boolean).map((p) => p.exited));
    await fleet?.close();
    await redis?.stop();
  });

  it("bad queue options stop the server before it starts (exit 3), the URL's password never shown", async () => {
    const bad = startCli(["serve", "--listen", "127.0.0.1:0", "--state-dir", mkdtempSync(join(tmpdir(), "preflight-serve-queue-")), "--queue", "redis://u:s3cret-pw@127.0.0.1:6379", "--queue-timeout", "0"]);
    expect(await bad.exited).toBe(3);
    expect(bad.stderr()).toContain("--queue: the URL holds a password: put it in PREFLIGHT_QUEUE_PASSWORD instead");
    expect(bad.stderr()).toContain('--queue-timeout: "0" is not a number of seconds from 1 to 86400');
    expect(bad.stderr()).not.toContain("s3cret-pw");
    expect(bad.stderr()).not.toContain("listening");
  });

  it("a queued server run gives the local server run's report and events (apart from timings); each device audited once", async () => {
    expect(queued.stderr()).toContain(`runs audited by the workers on ${redis.url}`);
    const body = { inventory, knownHosts: fleet.knownHosts(), tags: ["estate"] };
    const localId = await startRun(local, body);
    const queuedId = await startRun(queued, body);
    const [localEvents, queuedEvents] = await Promise.all([follow(local, localId), follow(queued, queuedId)]);
    expect(queued.stderr()).toContain(`run ${queuedId}: queued 5 device(s) on ${redis.url} (site default: 5); run ${queuedId}`);

    const localReport = await reportOf(local, localId);
    const queuedReport = await reportOf(queued, queuedId);
    expect(validateReport(queuedReport)).toEqual({ ok: true });
    expect(withoutTimings(queuedReport)).toEqual(withoutTimings(localReport));
    expect(queuedReport.devices.map((d) => [d.name, d.status])).toEqual([
      ["fw-e1", "ready"],
      ["fw-e2", "ready"],
      ["fw-e3", "blocked"],
      ["fw-e4", "ready"],
      ["fw-down", "unreachable"],
    ]);
    // The same events, in the order the devices finished (which may differ), the same end.
    const byDevice = (events: SseEvent[]) => events.filter((e) => e.event === "device-done").map((e) => { const { device, status, total } = e.data as Record<string, unknown>; return [device, status, total]; }).sort();
    expect(byDevice(queuedEvents)).toEqual(byDevice(localEvents));
    expect(queuedEvents.filter((e) => e.event === "device-done").map((e) => (e.data as { done: number }).done)).toEqual([1, 2, 3, 4, 5]);
    expect(queuedEvents.at(-1)).toMatchObject({ event: "run-finished", data: { run: queuedId, status: "finished", exitCode: 1 } });
    expect(localEvents.at(-1)).toMatchObject({ event: "run-finished", data: { status: "finished", exitCode: 1 } });
    expect(await runOf(queued, queuedId)).toMatchObject({ status: "finished", progress: { done: 5, total: 5 } });
    expect(workers.flatMap(auditedBy).sort()).toEqual(["fw-down", "fw-e1", "fw-e2", "fw-e3", "fw-e4"]);
    for (const text of [queued.stderr(), JSON.stringify(queuedReport), ...workers.map((w) => w.stderr())]) expect(text).not.toContain(CREDS.password);
  }, 240_000);

  it("cancel over the API removes the jobs no worker has taken; the run ends cancelled, the rest not-run", async () => {
    const id = await startRun(queued, { inventory, tags: ["slow"] });
    let firstDone = false;
    const events = follow(queued, id, (es) => {
      if (!firstDone && es.some((e) => e.event === "device-done")) {
        firstDone = true;
        void api(queued, `/api/v1/runs/${id}/cancel`, { method: "POST" }).then((res) => expect(res.status).toBe(202));
      }
    });
    const stream = await events;
    expect(firstDone).toBe(true);
    expect(stream.at(-1)).toMatchObject({ event: "run-finished", data: { run: id, status: "cancelled" } });
    const report = await reportOf(queued, id);
    expect(report.meta.interrupted).toBe(true);
    expect(report.devices.map((d) => d.name)).toEqual(["fw-slow1", "fw-slow2", "fw-slow3", "fw-slow4", "fw-slow5", "fw-slow6", "fw-b1"]);
    const notRun = report.devices.filter((d) => d.status === "not-run");
    // Two workers of one device each had taken four at most when the first finished.
    expect(notRun.length).toBeGreaterThanOrEqual(3);
    // The reason a local server run's cancelled devices get too: who cancelled (the token's name).
    for (const d of notRun) expect(d.reason).toMatch(/^cancelled by \S+/);
    expect(report.devices.find((d) => d.name === "fw-b1")?.status).toBe("not-run");
    const cancelled = Number(/run [\w-]+: cancelled (\d+) queued job\(s\)/.exec(queued.stderr().split(`run ${id}: queued`)[1] ?? "")?.[1]);
    expect(cancelled).toBeGreaterThanOrEqual(2);
    expect(await waitingJobs("default", "b")).toBe(0);
    // The devices in the workers' hands finish there; the next test starts with idle workers.
    await until("the workers to go idle", async () => {
      const queue = new Queue(queueName("default"), { connection: { host: "127.0.0.1", port: redis.port } });
      const { active } = await queue.getJobCounts("active");
      await queue.close();
      return active === 0;
    });
  }, 240_000);

  it("a queue that goes away mid-run ends the run with what it has, the rest not-run", async () => {
    const id = await startRun(queued, { inventory, tags: ["slow"] });
    let killed: Promise<void> | undefined;
    const stream = await follow(queued, id, (es) => {
      if (!killed && es.some((e) => e.event === "device-done")) killed = redis.kill();
    });
    await killed;
    expect(stream.at(-1)).toMatchObject({ event: "run-finished", data: { run: id, status: "finished", exitCode: 2 } });
    const report = await reportOf(queued, id);
    const ready = report.devices.filter((d) => d.status === "ready");
    const rest = report.devices.filter((d) => d.status !== "ready");
    expect(ready.length).toBeGreaterThanOrEqual(1);
    expect(ready.length + rest.length).toBe(7);
    for (const d of rest) {
      expect(d.status).toBe("not-run");
      expect(d.reason).toMatch(/the queue at redis:\/\/127\.0\.0\.1:\d+ stopped answering/);
    }
    expect(queued.stderr()).toMatch(new RegExp(`run ${id}: \\d+ device\\(s\\) not audited: the queue at`));
    // The queue comes back (empty) where it was, for the next test; the workers reconnect by themselves.
    redis = await startRedis(REDIS!, redis.port);
  }, 240_000);

  it("Ctrl-C of the server cancels its runs: the queued jobs are removed, the server exits 0", async () => {
    await until("the workers to reconnect", async () => {
      const queue = new Queue(queueName("default"), { connection: { host: "127.0.0.1", port: redis.port } });
      const n = await queue.getWorkersCount();
      await queue.close();
      return n === 2;
    });
    const id = await startRun(queued, { inventory, tags: ["slow"] });
    await until("the jobs to be queued", () => queued.stderr().includes(`run ${id}: queued 7 device(s)`));
    queued.child.kill("SIGINT");
    expect(await queued.exited).toBe(0);
    expect(queued.stderr()).toMatch(new RegExp(`run ${id}: cancelled [1-7] queued job\\(s\\)`));
    expect(await waitingJobs("default", "b")).toBe(0);
  }, 240_000);
});
