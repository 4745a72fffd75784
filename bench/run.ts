// `npm run bench`: speed and memory of a whole audit against the simulated fleet, run as a user runs it (the built
// CLI in its own process; the simulator in another, so their CPU is not mixed up), next to a peer: bare ssh2 doing
// the same logins, session set-up and commands with nothing else (bench/raw-ssh2.ts). Not a timed test.
//
// For each scenario (N devices at concurrency C) it prints and records:
//   - wall time of the audit, and the ideal: ceil(N / C) × one device's time (the median of a few devices audited
//     one at a time, with the same latency) — what perfect parallelism would give;
//   - latency efficiency = ideal / wall (goal ≥ 0.9), and the same without the process's start-up and report
//     (measured in the one-at-a-time run: its wall minus its devices' time), which perfect parallelism cannot hide;
//   - the CPU floor: the run's CPU (ours + the simulator's, both on this machine) / cores. When the floor is above
//     the ideal the machine, not the engine, sets the wall, and efficiency cannot reach 1;
//   - client CPU (user + sys) per device, ours and the peer's, their ratio (goal ≤ 1.2), and peak RSS (goal < 300 MB
//     at 10,000 devices).
//
// Environment:
//   BENCH_DEVICES (500), BENCH_CONCURRENCY (100): the default scenario (a few minutes at most).
//   BENCH_SCENARIOS: scenarios instead of the default one, as N×C (or NxC) separated by commas, e.g.
//     "1000x100,1000x500", or `large` for 1000x100,1000x500,10000x100,10000x500 (with 200 ms latency unless
//     BENCH_LATENCY_MS says otherwise; about half an hour on two cores).
//   BENCH_LATENCY_MS (0; 200 with `large`): per-command latency — every device's shell output arrives this much
//     later (simulator --latency-ms), so each command, set-up command and the login prompt cost at least that.
//   BENCH_SAMPLE: how many devices the one-at-a-time run audits (19 without latency, 5 with).
//   BENCH_AUTH (password | encrypted-key: log in with a passphrase-protected ed25519 key, as --identity does).
//   BENCH_JSON: also write the results as JSON to this file.
// Ports: the simulator gives each device its own listening port (127.0.0.1, from the ephemeral range): 10,000
// devices need 10,000 listeners and their file descriptors in the simulator (`ulimit -n` ≥ N + 2×C + a margin;
// the bench refuses to start otherwise), and leave ~18,000 ephemeral ports for the clients' connections.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const LARGE = process.env.BENCH_SCENARIOS === "large";
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? (LARGE ? 200 : 0));
const SAMPLE = Number(process.env.BENCH_SAMPLE ?? (LATENCY_MS > 0 ? 5 : 19));
const AUTH = process.env.BENCH_AUTH ?? "password";
if (AUTH !== "password" && AUTH !== "encrypted-key") throw new Error(`BENCH_AUTH must be password or encrypted-key, not "${AUTH}"`);
if (!(Number.isInteger(LATENCY_MS) && LATENCY_MS >= 0)) throw new Error(`BENCH_LATENCY_MS must be a whole number of milliseconds, not "${process.env.BENCH_LATENCY_MS}"`);

interface Scenario {
  devices: number;
  concurrency: number;
}

function scenarios(): Scenario[] {
  const spec = LARGE ? "1000x100,1000x500,10000x100,10000x500" : process.env.BENCH_SCENARIOS;
  if (!spec) return [{ devices: Number(process.env.BENCH_DEVICES ?? 500), concurrency: Number(process.env.BENCH_CONCURRENCY ?? 100) }];
  return spec.split(",").map((s) => {
    const m = /^\s*(\d+)\s*[x×]\s*(\d+)\s*$/.exec(s);
    if (!m) throw new Error(`BENCH_SCENARIOS: "${s}" is not N×C (devices × concurrency)`);
    return { devices: Number(m[1]), concurrency: Number(m[2]) };
  });
}

const dir = mkdtempSync(join(tmpdir(), "preflight-bench-"));
const KEY = join(dir, "id_ed25519");
const PASSPHRASE = "bench passphrase";
// The environment each audited process gets: the demo fleet's account, and either its password or the key's passphrase.
const AUTH_ENV: Record<string, string> = AUTH === "password" ? { PREFLIGHT_USERNAME: "audit", PREFLIGHT_PASSWORD: "demo-password" } : { PREFLIGHT_USERNAME: "audit", PREFLIGHT_KEY_PASSPHRASE: PASSPHRASE, BENCH_KEY: KEY };

function makeKey(): void {
  // ssh-keygen's default for a new key: the OpenSSH format, bcrypt KDF with 16 rounds.
  const run = spawnSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", PASSPHRASE, "-f", KEY], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`ssh-keygen failed: ${run.stderr}`);
}

/** The soft limit on open files (`ulimit -n`), which the simulator's listeners count against. */
function openFileLimit(): number {
  const run = spawnSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" });
  const n = Number(run.stdout.trim());
  return Number.isFinite(n) ? n : Infinity;
}

interface Usage {
  userMs: number;
  systemMs: number;
  maxRssKiB: number;
}

interface Simulator {
  stop: () => Promise<Usage>;
  startMs: number;
}

function startSimulator(count: number): Promise<Simulator> {
  const started = Date.now();
  const keyArgs = AUTH === "encrypted-key" ? ["--authorized-key", `${KEY}.pub`] : [];
  const latency = LATENCY_MS > 0 ? ["--latency-ms", String(LATENCY_MS)] : [];
  const usageFile = join(dir, `usage-simulator-${count}.json`);
  const child = spawn(process.execPath, ["--import", join(ROOT, "dist/bench/usage-hook.js"), join(ROOT, "dist/src/simulator/main.js"), "--count", String(count), "--inventory-out", join(dir, "inventory.yaml"), "--known-hosts-out", join(dir, "known_hosts"), ...keyArgs, ...latency], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, PREFLIGHT_BENCH_USAGE: usageFile },
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const early = (code: number | null): void => reject(new Error(`simulator exited early (${code})`));
    child.on("exit", early);
    child.stdout.on("data", (chunk: Buffer) => {
      if (!chunk.toString().includes("ready")) return;
      child.off("exit", early);
      resolve({
        startMs: Date.now() - started,
        stop: async () => {
          child.kill("SIGTERM");
          await exited;
          return JSON.parse(readFileSync(usageFile, "utf8")) as Usage;
        },
      });
    });
  });
}

// The incident's audit (the optics check): the commands the peer runs too.
const CHECKS = "panos-transceivers-supported";

interface Measured {
  wallMs: number;
  usage: Usage;
  code: number | null;
}

async function audit(deviceGlob: string, concurrency: number): Promise<Measured & { durationsMs: number[]; statuses: Record<string, number> }> {
  const out = join(dir, `report-${concurrency}`);
  const identity = AUTH === "encrypted-key" ? ["--identity", KEY] : [];
  const args = ["run", "--inventory", join(dir, "inventory.yaml"), "--known-hosts", join(dir, "known_hosts"), "--checks", CHECKS, "--device", deviceGlob, "--concurrency", String(concurrency), "--out", out, "--format", "json", "--no-progress", ...identity];
  const measured = await measure(join(ROOT, "dist/src/cli/main.js"), args);
  const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as { devices: { durationMs?: number; status: string }[] };
  rmSync(out, { recursive: true, force: true });
  const statuses: Record<string, number> = {};
  for (const d of report.devices) statuses[d.status] = (statuses[d.status] ?? 0) + 1;
  return { ...measured, durationsMs: report.devices.map((d) => d.durationMs ?? 0), statuses };
}

/** The peer: bare ssh2 logins and the same commands, nothing else (bench/raw-ssh2.ts). */
function peer(concurrency: number): Promise<Measured> {
  return measure(join(ROOT, "dist/bench/raw-ssh2.js"), [join(dir, "inventory.yaml"), String(concurrency)]);
}

async function measure(script: string, args: string[]): Promise<Measured> {
  const usageFile = join(dir, `usage-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ["--import", join(ROOT, "dist/bench/usage-hook.js"), script, ...args], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, ...AUTH_ENV, PREFLIGHT_BENCH_USAGE: usageFile },
  });
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  return { wallMs, usage: JSON.parse(readFileSync(usageFile, "utf8")) as Usage, code };
}

const cpuOf = (u: Usage): number => u.userMs + u.systemMs;
const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mib = (kib: number): number => Math.round(kib / 1024);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Device names of the demo fleet (fw-001 ...), the first `n`, for the one-at-a-time run. */
function firstDevices(n: number): string {
  return Array.from({ length: n }, (_, i) => `fw-${String(i + 1).padStart(3, "0")}`).join(",");
}

interface Result {
  devices: number;
  concurrency: number;
  latencyMs: number;
  auth: string;
  exitCode: number | null;
  statuses: Record<string, number>;
  wallMs: number;
  /** Median device time audited one at a time (connect, commands, close). */
  perDeviceMs: number;
  /** The one-at-a-time process's wall minus its devices' time: start-up, inventory, checks, report. */
  startupMs: number;
  idealMs: number;
  efficiency: number;
  efficiencyWithoutStartup: number;
  /** Our CPU plus the simulator's, divided by the cores: the least wall this machine allows. */
  cpuFloorMs: number;
  cpuMs: number;
  cpuPerDeviceMs: number;
  peakRssKiB: number;
  simulator: { cpuMs: number; peakRssKiB: number; startMs: number };
  peer: { wallMs: number; cpuMs: number; cpuPerDeviceMs: number; peakRssKiB: number; exitCode: number | null };
  cpuRatio: number;
}

async function runScenarios(list: Scenario[]): Promise<Result[]> {
  const results: Result[] = [];
  const cores = cpus().length;
  // One simulator per fleet size, shared by that size's concurrencies.
  for (const devices of [...new Set(list.map((s) => s.devices))]) {
    const limit = openFileLimit();
    const biggestC = Math.max(...list.filter((s) => s.devices === devices).map((s) => s.concurrency));
    if (devices + 2 * biggestC + 200 > limit) throw new Error(`${devices} devices at concurrency ${biggestC} need about ${devices + 2 * biggestC + 200} open files; ulimit -n is ${limit}`);
    const sim = await startSimulator(devices);
    process.stderr.write(`simulator: ${devices} devices started in ${fmt(sim.startMs)}${LATENCY_MS ? `, ${LATENCY_MS} ms per-command latency` : ""}\n`);
    const rows: Omit<Result, "simulator">[] = [];
    let simulatorUsage: Usage;
    try {
      // A few devices one at a time: the per-device time perfect parallelism would repeat, and the process's own
      // start-up and report time (wall minus the devices' time).
      const sample = Math.min(SAMPLE, devices);
      const sequential = await audit(firstDevices(sample), 1);
      const perDeviceMs = median(sequential.durationsMs);
      const startupMs = Math.max(0, sequential.wallMs - sequential.durationsMs.reduce((a, b) => a + b, 0));
      for (const { concurrency } of list.filter((s) => s.devices === devices)) {
        process.stderr.write(`  ${devices} × ${concurrency}: preflight ...`);
        const ours = await audit("*", concurrency);
        process.stderr.write(` ${fmt(ours.wallMs)}; peer ...`);
        const raw = await peer(concurrency);
        process.stderr.write(` ${fmt(raw.wallMs)}\n`);
        const idealMs = perDeviceMs * Math.ceil(devices / concurrency);
        const cpuMs = cpuOf(ours.usage);
        rows.push({
          devices,
          concurrency,
          latencyMs: LATENCY_MS,
          auth: AUTH,
          exitCode: ours.code,
          statuses: ours.statuses,
          wallMs: ours.wallMs,
          perDeviceMs,
          startupMs,
          idealMs,
          efficiency: idealMs / ours.wallMs,
          efficiencyWithoutStartup: idealMs / Math.max(1, ours.wallMs - startupMs),
          cpuFloorMs: 0,
          cpuMs,
          cpuPerDeviceMs: cpuMs / devices,
          peakRssKiB: ours.usage.maxRssKiB,
          peer: { wallMs: raw.wallMs, cpuMs: cpuOf(raw.usage), cpuPerDeviceMs: cpuOf(raw.usage) / devices, peakRssKiB: raw.usage.maxRssKiB, exitCode: raw.code },
          cpuRatio: cpuMs / cpuOf(raw.usage),
        });
      }
    } finally {
      simulatorUsage = await sim.stop();
    }
    // The simulator served the one-at-a-time run, ours and the peer's: its CPU per run is estimated as its CPU
    // per device served, times N.
    const served = rows.length * 2 * devices + Math.min(SAMPLE, devices);
    const simPerDevice = cpuOf(simulatorUsage) / served;
    for (const row of rows) {
      results.push({ ...row, cpuFloorMs: (row.cpuMs + simPerDevice * devices) / cores, simulator: { cpuMs: cpuOf(simulatorUsage), peakRssKiB: simulatorUsage.maxRssKiB, startMs: sim.startMs } });
    }
  }
  return results;
}

function printTable(results: Result[]): void {
  const header = ["N", "C", "lat", "wall", "ideal", "eff", "eff-start", "CPU floor", "CPU/dev", "peer CPU/dev", "CPU ratio", "RSS", "peer RSS", "peer wall", "statuses"];
  const rows = results.map((r) => [
    String(r.devices),
    String(r.concurrency),
    `${r.latencyMs} ms`,
    fmt(r.wallMs),
    fmt(r.idealMs),
    r.efficiency.toFixed(2),
    r.efficiencyWithoutStartup.toFixed(2),
    fmt(r.cpuFloorMs),
    `${r.cpuPerDeviceMs.toFixed(2)} ms`,
    `${r.peer.cpuPerDeviceMs.toFixed(2)} ms`,
    `${r.cpuRatio.toFixed(2)}×`,
    `${mib(r.peakRssKiB)} MiB`,
    `${mib(r.peer.peakRssKiB)} MiB`,
    fmt(r.peer.wallMs),
    Object.entries(r.statuses)
      .map(([s, n]) => `${n} ${s}`)
      .join(", "),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padStart(widths[i] ?? 0))).join("  ");
  process.stdout.write(`${line(header)}\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
  const first = results[0];
  if (first) {
    process.stdout.write(
      `\none device one at a time: ${first.perDeviceMs.toFixed(0)} ms median (${Math.min(SAMPLE, first.devices)} devices); start-up and report ${fmt(first.startupMs)}; ` +
        `login by ${AUTH}; ${cpus().length} cores; ideal = ceil(N/C) × one device; eff = ideal / wall; eff-start = ideal / (wall − start-up); ` +
        `CPU floor = (our CPU + the simulator's) / cores; peer = bare ssh2, same logins and commands (bench/raw-ssh2.ts)\n`,
    );
  }
}

function commit(): string {
  const run = spawnSync("git", ["-C", ROOT, "describe", "--always", "--dirty"], { encoding: "utf8" });
  return run.status === 0 ? run.stdout.trim() : "unknown";
}

async function main(): Promise<void> {
  if (AUTH === "encrypted-key") makeKey();
  try {
    const results = await runScenarios(scenarios());
    printTable(results);
    if (process.env.BENCH_JSON) {
      const json = { commit: commit(), node: process.version, cores: cpus().length, latencyMs: LATENCY_MS, auth: AUTH, scenarios: results };
      writeFileSync(process.env.BENCH_JSON, `${JSON.stringify(json, null, 2)}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
