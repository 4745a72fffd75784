// `run --queue` and `preflight worker` with the real engine: a redis-server of our own on loopback, workers as
// separate processes of the built CLI, simulated devices over SSH. The reports must be the local run's, a worker
// killed mid-audit must lose and duplicate nothing, a site's devices go only to that site's workers, a device no
// worker can audit ends as `error` with every attempt, and a queue that goes away ends the run with what it has.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
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

const REDIS = redisServer();
if (!REDIS) console.warn("test/queue/queue-cli.test.ts: skipped: redis-server is not installed (apt-get install redis-server; .ci/run installs it)");

const CREDS = { username: "audit", password: "queue-test-Pa55word" };
const ENV = { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password };
const OEM: PortSpec = { slot: 1, port: 1, sfp: { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", serial: "OEM1" } };
const FS: PortSpec = { slot: 1, port: 2, sfp: { vendorName: "FS", partNumber: "SFP-10GSR-85", serial: "FS1" } };
/** About five seconds per device: long enough to kill a worker in the middle of it. */
const SLOW = { kind: "slow-output", chunkBytes: 512, delayMs: 60 } as const;


describe.skipIf(!REDIS)("run --queue with preflight workers (real redis-server)", () => {
  let redis: RunningRedis;
  let fleet: SimFleet;
  let dir: string;
  let inventory: string;
  let knownHosts: string;
  const workers: CliProcess[] = [];

  const worker = (name: string, extra: string[] = [], url = redis.url): CliProcess => {
    const w = startCli(["worker", "--queue", url, "--name", name, "--known-hosts", knownHosts, "--lease", "3", ...extra], ENV);
    workers.push(w);
    return w;
  };
  const ready = (w: CliProcess) => until("the worker to start", () => w.stderr().includes("serving site(s)"));
  const stop = async (...ws: CliProcess[]) => {
    for (const w of ws) if (w.child.exitCode === null) w.child.kill("SIGTERM");
    await Promise.all(ws.map((w) => w.exited));
  };
  // The coordinator holds no device secret: it runs without the credentials' environment.
  const runArgs = (out: string, extra: string[], url = redis.url) => ["run", "-i", inventory, "--queue", url, "--out", join(dir, out), "--no-progress", ...extra];
  const report = (out: string) => JSON.parse(readFileSync(join(dir, out, "report.json"), "utf8")) as RunReport;

  beforeAll(async () => {
    redis = await startRedis(REDIS!);
    const specs: SimDeviceSpec[] = [];
    const add = (name: string, ports: PortSpec[], tags: string[], extra: Partial<Parameters<typeof panosDevice>[0]> = {}) =>
      specs.push(withSuiteOutputs(panosDevice({ name, model: "PA-3220", swVersion: "10.1.9-h1", ports, ...CREDS, tags, ...extra })));
    for (let i = 1; i <= 6; i++) add(`fw-a${i}`, i === 2 ? [OEM, FS] : [OEM], ["estate"]);
    add("fw-down", [OEM], ["estate"], { faults: [{ kind: "refuse" }] });
    for (let i = 1; i <= 3; i++) add(`fw-b${i}`, [OEM], ["estate", "site-b"]);
    for (let i = 1; i <= 4; i++) add(`fw-slow${i}`, [OEM], ["slow"], { faults: [SLOW] });
    for (let i = 1; i <= 2; i++) add(`fw-slowb${i}`, [OEM], ["slow-b"], { faults: [SLOW] });
    add("fw-nocreds", [OEM], ["nocreds"]);
    fleet = await startFleet(specs);
    dir = mkdtempSync(join(tmpdir(), "preflight-queue-"));
    knownHosts = join(dir, "known_hosts");
    writeFileSync(knownHosts, fleet.knownHosts());
    // Sites and a credential set that no worker holds, on top of the simulator's inventory.
    const doc = parseDocument(fleetInventoryYaml(fleet, { group: "lab", targetVersion: "10.2.4-h4" }));
    for (let i = 1; i <= 3; i++) doc.setIn(["hosts", `fw-b${i}`, "site"], "b");
    for (let i = 1; i <= 6; i++) doc.setIn(["hosts", `fw-a${i}`, "site"], "a");
    doc.setIn(["hosts", "fw-down", "site"], "a");
    for (let i = 1; i <= 2; i++) doc.setIn(["hosts", `fw-slowb${i}`, "site"], "b");
    doc.set("credentials", doc.createNode({ elsewhere: { username_env: "ELSEWHERE_USER", password_env: "ELSEWHERE_PASS" } }));
    doc.setIn(["hosts", "fw-nocreds", "credentials"], "elsewhere");
    inventory = join(dir, "inventory.yaml");
    writeFileSync(inventory, doc.toString({ lineWidth: 0 }));
  });

  // A failed test must not leave its workers serving the next test's jobs.
  afterEach(async () => {
    await stop(...workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null));
  });

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
    await Promise.all(workers.map((w) => w.exited));
    await fleet?.close();
    await redis?.stop();
  });

  it("three workers give the local run's report (apart from timings); each device is audited once", async () => {
    const local = startCli(["run", "-i", inventory, "--tag", "estate", "--known-hosts", knownHosts, "--out", join(dir, "local"), "--no-progress"], ENV);
    expect(await local.exited).toBe(1);
    const ws = [worker("w1", ["--site", "a,b"]), worker("w2", ["--site", "a", "--site", "b"]), worker("w3", ["--site", "a,b", "--concurrency", "2"])];
    await Promise.all(ws.map(ready));
    const run = startCli(runArgs("three", ["--tag", "estate"]));
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain("queued 10 device(s)");
    const queued = report("three");
    expect(validateReport(queued)).toEqual({ ok: true });
    expect(withoutTimings(queued)).toEqual(withoutTimings(report("local")));
    expect(queued.devices.map((d) => [d.name, d.status])).toEqual([
      ...["fw-a1", "fw-a2", "fw-a3", "fw-a4", "fw-a5", "fw-a6"].map((n) => [n, n === "fw-a2" ? "blocked" : "ready"]),
      ["fw-down", "unreachable"],
      ["fw-b1", "ready"],
      ["fw-b2", "ready"],
      ["fw-b3", "ready"],
    ]);
    const all = ws.flatMap(auditedBy).sort();
    expect(all).toEqual(queued.devices.map((d) => d.name).sort());
    for (const text of [run.stdout(), run.stderr(), readFileSync(join(dir, "three", "report.json"), "utf8"), ...ws.map((w) => w.stderr())]) expect(text).not.toContain(CREDS.password);
    await stop(...ws);
  }, 240_000);

  it("capture --queue brings each device's artifact back: replayed offline, it gives the local run's results", async () => {
    const ws = [worker("c1", ["--site", "a,b"]), worker("c2", ["--site", "a,b"])];
    await Promise.all(ws.map(ready));
    const capture = startCli(["capture", "-i", inventory, "--queue", redis.url, "--tag", "estate", "--out", join(dir, "captured"), "--no-progress"]);
    expect(await capture.exited).toBe(2); // fw-down cannot be captured
    expect(capture.stdout()).toMatch(/from 10 of 10 devices/);
    const replay = startCli(["run", "--from-capture", join(dir, "captured"), "--out", join(dir, "replayed"), "--no-progress"]);
    expect(await replay.exited).toBe(1);
    const devices = (out: string) => (withoutTimings(report(out)) as { devices: unknown[] }).devices;
    expect(devices("replayed")).toEqual(devices("local"));
  }, 240_000);

  it("two workers, one killed (SIGKILL) mid-audit: its devices go to the other after the lease; none lost, none twice", async () => {
    // Two devices each at most (about five seconds per device): the doomed worker is sure to hold some when killed.
    const doomed = worker("doomed", ["--concurrency", "2"]);
    const survivor = worker("survivor", ["--concurrency", "2"]);
    await Promise.all([ready(doomed), ready(survivor)]);
    const run = startCli(runArgs("killed", ["--tag", "slow"]));
    await until("the jobs to be queued", () => run.stderr().includes("queued 4 device(s)"));
    // Kill it while it holds devices (the engine records which worker took each job).
    const queue = new Queue(queueName("default"), { connection: { host: "127.0.0.1", port: redis.port } });
    let held: string[] = [];
    const poll = setInterval(() => void queue.getActive().then((jobs) => (held = jobs.filter((j) => j.processedBy === "doomed").map((j) => j.name))), 200);
    await until("the doomed worker to hold devices", () => held.length > 0).finally(() => clearInterval(poll));
    await queue.close();
    expect(auditedBy(doomed)).toEqual([]);
    doomed.child.kill("SIGKILL");
    await doomed.exited;
    expect(await run.exited).toBe(0);
    const r = report("killed");
    expect(r.devices.map((d) => [d.name, d.status])).toEqual(["fw-slow1", "fw-slow2", "fw-slow3", "fw-slow4"].map((n) => [n, "ready"]));
    // Each device once, the doomed worker's among them: taken over, not lost, not doubled.
    expect(auditedBy(survivor).sort()).toEqual(["fw-slow1", "fw-slow2", "fw-slow3", "fw-slow4"]);
    expect(auditedBy(survivor)).toEqual(expect.arrayContaining(held));
    expect(auditedBy(doomed)).toEqual([]);
  }, 240_000);

  it("a worker audits at most --concurrency devices at once per site it serves; a bad --concurrency is exit 3", async () => {
    for (const bad of ["0", "2.5", "1001", "many"]) {
      const refused = startCli(["worker", "--queue", redis.url, "--concurrency", bad]);
      expect(await refused.exited).toBe(3);
      expect(refused.stderr()).toContain(`--concurrency: "${bad}" is not a whole number from 1 to 1000`);
      expect(refused.stderr()).toContain("the worker did not start (exit 3)");
    }
    const w = worker("two-per-site", ["--site", "default,b", "--concurrency", "2"]);
    await ready(w);
    // Four slow devices of the default site and two of site b (about five seconds each), all queued at once.
    const run = startCli(runArgs("concurrency", ["--tag", "slow,slow-b"]));
    const queues = ["default", "b"].map((site) => new Queue(queueName(site), { connection: { host: "127.0.0.1", port: redis.port } }));
    const most = { default: 0, b: 0, total: 0 };
    let polling = false;
    const poll = setInterval(() => {
      if (polling) return;
      polling = true;
      void Promise.all(queues.map((q) => q.getActive()))
        .then(([d, b]) => {
          const mine = (jobs: { processedBy?: string }[]) => jobs.filter((j) => j.processedBy === "two-per-site").length;
          most.default = Math.max(most.default, mine(d!));
          most.b = Math.max(most.b, mine(b!));
          most.total = Math.max(most.total, mine(d!) + mine(b!));
        })
        .finally(() => (polling = false));
    }, 100);
    try {
      expect(await run.exited).toBe(0);
    } finally {
      clearInterval(poll);
      await Promise.all(queues.map((q) => q.close()));
    }
    // Two at once in each site, so four at once in all: the limit is per site, not per worker.
    expect(most).toEqual({ default: 2, b: 2, total: 4 });
    expect(auditedBy(w).sort()).toEqual(["fw-slow1", "fw-slow2", "fw-slow3", "fw-slow4", "fw-slowb1", "fw-slowb2"]);
    expect(report("concurrency").devices.map((d) => d.status)).toEqual(Array(6).fill("ready"));
  }, 240_000);

  it("site routing: a site-b device is never taken by a site-a worker; Ctrl-C cancels its queued job and reports it not-run", async () => {
    const a = worker("only-a", ["--site", "a"]);
    await ready(a);
    const run = startCli([...runArgs("sites", ["--device", "fw-a1,fw-a3,fw-b1"]).filter((x) => x !== "--no-progress")]);
    await until("site a's devices", () => (run.stderr().match(/\] fw-a\d ready/g) ?? []).length === 2);
    expect(run.stderr()).toContain("no worker serves site b yet");
    // Site a's worker stays idle with the site-b job waiting.
    await new Promise((r) => setTimeout(r, 1500));
    expect(auditedBy(a).sort()).toEqual(["fw-a1", "fw-a3"]);
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toMatch(/cancelled 1 queued job/);
    const r = report("sites");
    expect(r.devices.map((d) => [d.name, d.status])).toEqual([
      ["fw-a1", "ready"],
      ["fw-a3", "ready"],
      ["fw-b1", "not-run"],
    ]);
    expect(r.devices[2]?.reason).toContain("interrupted");
    expect(r.meta.interrupted).toBe(true);
    const queue = new Queue(queueName("b"), { connection: { host: "127.0.0.1", port: redis.port } });
    expect(await queue.getJobCounts("waiting", "active", "delayed")).toEqual({ waiting: 0, active: 0, delayed: 0 });
    await queue.close();
    expect(auditedBy(a)).not.toContain("fw-b1");
    await stop(a);
  }, 240_000);

  it("a device no worker can audit ends as error, listing every attempt", async () => {
    const ws = [worker("x1"), worker("x2")];
    await Promise.all(ws.map(ready));
    const run = startCli(runArgs("nocreds", ["--tag", "nocreds"]));
    expect(await run.exited).toBe(2);
    const [device] = report("nocreds").devices;
    expect(device?.status).toBe("error");
    expect(device?.reason).toMatch(/^no worker could audit fw-nocreds \(3 attempt\(s\)\): attempt 1 on x[12]: .*attempt 2 on x[12]: .*attempt 3 on x[12]: /);
    expect(device?.reason).toContain('has no credential set "elsewhere"');
    await stop(...ws);
  }, 240_000);

  it("a worker whose checks differ from the coordinator's (other reference data) refuses the job", async () => {
    const data = join(dir, "other-data");
    mkdirSync(join(data, "paloalto_panos"), { recursive: true });
    writeFileSync(join(data, "paloalto_panos", "transceivers.local.yaml"), 'parts:\n  - sku: ACME-SFP-10G\n    oem: [{ vendor: "ACME OPTICS", part: "SFP-10G-NEW" }]\n');
    const w = worker("other-data", ["--site", "a", "--data-dir", data]);
    await ready(w);
    const run = startCli(runArgs("refused", ["--device", "fw-a4", "--checks", "panos-transceivers-supported"]));
    expect(await run.exited).toBe(2);
    const [device] = report("refused").devices;
    expect(device?.status).toBe("error");
    expect(device?.reason).toMatch(/attempt 3 on other-data: worker other-data refuses the job: it has another panos-transceivers-supported \(digest [0-9a-f]{12} here, [0-9a-f]{12} on the coordinator\)/);
    expect(auditedBy(w)).toEqual([]);
  }, 240_000);

  it("the queue going away mid-run: the run reports what it has, the rest not-run; once it is back, --resume finishes the run", async () => {
    const own = await startRedis(REDIS!);
    try {
      const w = worker("short-lived", ["--concurrency", "1"], own.url);
      await ready(w);
      const run = startCli(runArgs("gone", ["--tag", "slow", "--queue-timeout", "2"], own.url).filter((x) => x !== "--no-progress"));
      await until("the first device's result", () => /\[1\/4\] fw-slow\d ready/.test(run.stderr()), 60_000);
      await own.kill();
      expect(await run.exited).toBe(2);
      const r = report("gone");
      expect(r.devices.filter((d) => d.status === "ready")).toHaveLength(1);
      const rest = r.devices.filter((d) => d.status !== "ready");
      expect(rest).toHaveLength(3);
      for (const d of rest) {
        expect(d.status).toBe("not-run");
        expect(d.reason).toMatch(/the queue at redis:\/\/127\.0\.0\.1:\d+ stopped answering/);
      }
      w.child.kill("SIGKILL");
      await w.exited;
      // The queue comes back (same address): `run --resume` hands out only the devices that were not audited.
      const back = await startRedis(REDIS!, own.port);
      try {
        const w2 = worker("after", ["--concurrency", "3"], back.url);
        await ready(w2);
        const resumed = startCli(["run", "--resume", join(dir, "gone"), "--no-progress"]);
        const resumedCode = await resumed.exited;
        expect(resumedCode).toBe(0);
        expect(resumed.stderr()).toContain("queued 3 device(s)");
        const whole = report("gone");
        expect(whole.devices.map((d) => [d.name, d.status])).toEqual(["fw-slow1", "fw-slow2", "fw-slow3", "fw-slow4"].map((n) => [n, "ready"]));
        expect(auditedBy(w2).sort()).toEqual(rest.map((d) => d.name).sort());
      } finally {
        await back.stop();
      }
    } finally {
      await own.stop();
    }
  }, 240_000);
});
