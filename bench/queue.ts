// `node dist/bench/queue.js` (after `npm run build`): what the queue costs and what workers buy, on one machine.
// The same simulated fleet is audited three ways, each a separate process as a user runs it:
//   - a local run (`preflight run`, no queue);
//   - one worker (`preflight worker`) and the coordinator (`preflight run --queue`) on a redis-server of our own;
//   - three workers and the coordinator.
// Prints wall time, throughput, CPU (coordinator + workers, or the local run) and the queue's overhead per device
// (1 worker vs local, same concurrency). The simulator runs in its own process; its CPU during each way is read
// from /proc, and with ours gives the CPU floor ((ours + the simulator's) / cores), the least wall this machine
// allows. On a machine with few cores the workers compete with the simulator and each other for CPU: 3 workers
// here measure the queue's overhead and the scheduling, not the gain of three machines.
// Also the peak RSS of each process: the coordinator (or the local run) and the largest of the workers.
// Environment: BENCH_DEVICES (200), BENCH_CONCURRENCY (50, per worker and for the local run), BENCH_JSON, and
// BENCH_WAYS: which ways to run, comma-separated from local,1,3 (default all three; e.g. "1,3" at 10,000 devices,
// where each way takes many minutes). Ports and files: the simulator listens on one port per device, so
// `ulimit -n` must exceed BENCH_DEVICES plus the sessions in flight (bench/run.ts explains the limits).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = join(ROOT, "dist/src/cli/main.js");
const HOOK = join(ROOT, "dist/bench/usage-hook.js");
const DEVICES = Number(process.env.BENCH_DEVICES ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const CHECKS = "panos-transceivers-supported";
const ENV = { PREFLIGHT_USERNAME: "audit", PREFLIGHT_PASSWORD: "demo-password" };
const dir = mkdtempSync(join(tmpdir(), "preflight-bench-queue-"));

interface Usage {
  userMs: number;
  systemMs: number;
  maxRssKiB: number;
}

const WAYS = (process.env.BENCH_WAYS ?? "local,1,3").split(",").map((w) => w.trim());
for (const way of WAYS) if (!["local", "1", "3"].includes(way)) throw new Error(`BENCH_WAYS: "${way}" is not one of local, 1, 3`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function waitFor(child: ChildProcess, stream: "stdout" | "stderr", text: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    child[stream]!.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(text)) resolve();
    });
    child.once("exit", (code) => reject(new Error(`${what} exited early (${code}): ${seen.slice(-500)}`)));
  });
}

async function startRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const binary = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).stdout.trim();
  if (!binary) throw new Error("redis-server is not installed (apt-get install redis-server)");
  const port = await freePort();
  const child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: ["ignore", "pipe", "inherit"] });
  await waitFor(child, "stdout", "Ready to accept connections", "redis-server");
  const exited = new Promise((r) => child.once("exit", r));
  return { url: `redis://127.0.0.1:${port}`, stop: async () => void (child.kill("SIGTERM"), await exited) };
}

/** The simulator serves every device from one process on the same cores: its CPU so far (Linux /proc), to show
 *  how much of the machine the devices' side takes during each way. */
let simulatorPid = 0;
const TICKS_PER_S = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
function simulatorCpuMs(): number {
  const fields = readFileSync(`/proc/${simulatorPid}/stat`, "utf8").split(") ")[1]!.split(" ");
  // utime and stime are the 14th and 15th fields of stat; after "pid (comm) " they are the 12th and 13th.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
}

async function startSimulator(): Promise<() => void> {
  const child = spawn(process.execPath, [join(ROOT, "dist/src/simulator/main.js"), "--count", String(DEVICES), "--inventory-out", join(dir, "inventory.yaml"), "--known-hosts-out", join(dir, "known_hosts")], { stdio: ["ignore", "pipe", "inherit"] });
  await waitFor(child, "stdout", "ready", "the simulator");
  simulatorPid = child.pid!;
  return () => child.kill("SIGTERM");
}

/** A preflight process with the usage hook: its CPU time is read from a file when it exits. */
function preflight(args: string[]): { child: ChildProcess; exited: Promise<{ code: number | null; usage: Usage }> } {
  const usageFile = join(dir, `usage-${Math.random().toString(36).slice(2)}.json`);
  const child = spawn(process.execPath, ["--import", HOOK, BIN, ...args], { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, ...ENV, PREFLIGHT_BENCH_USAGE: usageFile } });
  child.stderr!.resume();
  const exited = new Promise<{ code: number | null; usage: Usage }>((resolve) => child.on("exit", (code) => resolve({ code, usage: JSON.parse(readFileSync(usageFile, "utf8")) as Usage })));
  return { child, exited };
}

interface Measured {
  wallMs: number;
  cpuMs: number;
  /** The coordinator's (or the local run's) CPU alone, and the workers' together. */
  coordinatorCpuMs: number;
  workersCpuMs: number;
  /** Peak RSS of the coordinator (or the local run), and of the largest worker (0 for a local run). */
  coordinatorRssKiB: number;
  workerRssKiB: number;
  /** The simulator's CPU during the way, and the least wall the machine allows: (ours + the simulator's) / cores. */
  simulatorCpuMs: number;
  cpuFloorMs: number;
  code: number | null;
  statuses: string;
}

function statuses(out: string): string {
  const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as { devices: { status: string }[] };
  const counts: Record<string, number> = {};
  for (const d of report.devices) counts[d.status] = (counts[d.status] ?? 0) + 1;
  return Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(", ");
}

const runArgs = (out: string) => ["run", "-i", join(dir, "inventory.yaml"), "--known-hosts", join(dir, "known_hosts"), "--checks", CHECKS, "--concurrency", String(CONCURRENCY), "--out", out, "--format", "json", "--no-progress"];

async function local(): Promise<Measured> {
  const out = join(dir, "local");
  const started = Date.now();
  const simulatorBefore = simulatorCpuMs();
  const { code, usage } = await preflight(runArgs(out)).exited;
  const simulatorMs = simulatorCpuMs() - simulatorBefore;
  const cpuMs = usage.userMs + usage.systemMs;
  return { wallMs: Date.now() - started, cpuMs, coordinatorCpuMs: cpuMs, workersCpuMs: 0, coordinatorRssKiB: usage.maxRssKiB, workerRssKiB: 0, simulatorCpuMs: simulatorMs, cpuFloorMs: (cpuMs + simulatorMs) / cpus().length, code, statuses: statuses(out) };
}

async function queued(url: string, workers: number): Promise<Measured> {
  const ws = Array.from({ length: workers }, (_, i) => preflight(["worker", "--queue", url, "--name", `bench-${workers}-${i}`, "--known-hosts", join(dir, "known_hosts"), "--checks", CHECKS, "--concurrency", String(CONCURRENCY)]));
  await Promise.all(ws.map((w) => waitFor(w.child, "stderr", "serving site(s)", "a worker")));
  const out = join(dir, `queue-${workers}`);
  const started = Date.now();
  const simulatorBefore = simulatorCpuMs();
  const { code, usage } = await preflight([...runArgs(out), "--queue", url]).exited;
  const wallMs = Date.now() - started;
  const simulatorMs = simulatorCpuMs() - simulatorBefore;
  for (const w of ws) w.child.kill("SIGTERM");
  const done = await Promise.all(ws.map((w) => w.exited));
  const coordinatorCpuMs = usage.userMs + usage.systemMs;
  const workersCpuMs = done.reduce((n, d) => n + d.usage.userMs + d.usage.systemMs, 0);
  return {
    wallMs,
    cpuMs: coordinatorCpuMs + workersCpuMs,
    coordinatorCpuMs,
    workersCpuMs,
    coordinatorRssKiB: usage.maxRssKiB,
    workerRssKiB: Math.max(...done.map((d) => d.usage.maxRssKiB)),
    simulatorCpuMs: simulatorMs,
    // The workers' start-up is in their CPU but outside the wall: the floor is a little high for the queue.
    cpuFloorMs: (coordinatorCpuMs + workersCpuMs + simulatorMs) / cpus().length,
    code,
    statuses: statuses(out),
  };
}

const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mib = (kib: number): number => Math.round(kib / 1024);

async function main(): Promise<void> {
  const limit = Number(spawnSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" }).stdout.trim());
  const sessions = CONCURRENCY * (WAYS.includes("3") ? 3 : 1);
  if (Number.isFinite(limit) && DEVICES + 2 * sessions + 200 > limit) throw new Error(`${DEVICES} devices with ${sessions} sessions at once need about ${DEVICES + 2 * sessions + 200} open files in the simulator; ulimit -n is ${limit}`);
  const stopSimulator = await startSimulator();
  const redis = await startRedis();
  try {
    const rows: [string, Measured][] = [];
    if (WAYS.includes("local")) rows.push(["local run", await local()]);
    if (WAYS.includes("1")) rows.push(["queue, 1 worker", await queued(redis.url, 1)]);
    if (WAYS.includes("3")) rows.push(["queue, 3 workers", await queued(redis.url, 3)]);
    process.stdout.write(`${DEVICES} simulated devices, check ${CHECKS}, concurrency ${CONCURRENCY} per process, ${cpus().length} cores\n`);
    for (const [name, m] of rows) {
      process.stdout.write(
        `${name.padEnd(18)} wall ${fmt(m.wallMs).padStart(8)}  ${(DEVICES / (m.wallMs / 1000)).toFixed(1).padStart(6)} devices/s  CPU ${fmt(m.cpuMs).padStart(8)} (${(m.cpuMs / DEVICES).toFixed(1)} ms/device; coordinator ${fmt(m.coordinatorCpuMs)}, workers ${fmt(m.workersCpuMs)})  peak RSS ${mib(m.coordinatorRssKiB)} MiB${m.workerRssKiB ? `, worker ${mib(m.workerRssKiB)} MiB` : ""}  simulator CPU ${fmt(m.simulatorCpuMs)}, CPU floor ${fmt(m.cpuFloorMs)}  exit ${m.code}  ${m.statuses}\n`,
      );
    }
    const byName = new Map(rows);
    const l = byName.get("local run");
    const q1 = byName.get("queue, 1 worker");
    const q3 = byName.get("queue, 3 workers");
    if (l && q1) process.stdout.write(`queue overhead per device (1 worker vs local): ${((q1.wallMs - l.wallMs) / DEVICES).toFixed(1)} ms wall, ${((q1.cpuMs - l.cpuMs) / DEVICES).toFixed(1)} ms CPU\n`);
    if (q1 && q3) process.stdout.write(`3 workers vs 1: ${(q1.wallMs / q3.wallMs).toFixed(2)}x throughput\n`);
    if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, `${JSON.stringify({ devices: DEVICES, concurrency: CONCURRENCY, cores: cpus().length, ...(l ? { local: l } : {}), ...(q1 ? { oneWorker: q1 } : {}), ...(q3 ? { threeWorkers: q3 } : {}) }, null, 2)}\n`);
  } finally {
    await redis.stop();
    stopSimulator();
  }
}

await main();
