// `npm run bench`: speed and memory of a whole audit against the simulated fleet, run as a user runs it
// (the built CLI in its own process; the simulator in another, so their CPU is not mixed up).
// Prints wall time, CPU time and peak RSS of the audit, and ratios against ideals:
//   - wall vs ideal: the ideal is one device's audit time × ceil(devices / concurrency) — what perfect
//     parallelism would give, since the simulator answers at once and one device's time is all overhead;
//   - CPU per device, and wall vs the CPU floor (total CPU / cores);
//   - ours vs a peer: bare ssh2 doing the same logins and commands with nothing else (bench/raw-ssh2.ts).
// Environment: BENCH_DEVICES (500), BENCH_CONCURRENCY (100), BENCH_AUTH (password | encrypted-key: log in with a
// passphrase-protected ed25519 key, as --identity does), BENCH_JSON (also write the table as JSON to this file).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DEVICES = Number(process.env.BENCH_DEVICES ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
const AUTH = process.env.BENCH_AUTH ?? "password";
if (AUTH !== "password" && AUTH !== "encrypted-key") throw new Error(`BENCH_AUTH must be password or encrypted-key, not "${AUTH}"`);
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

interface Usage {
  userMs: number;
  systemMs: number;
  maxRssKiB: number;
}

function startSimulator(count: number): Promise<{ stop: () => void; startMs: number }> {
  const started = Date.now();
  const keyArgs = AUTH === "encrypted-key" ? ["--authorized-key", `${KEY}.pub`] : [];
  const child = spawn(process.execPath, [join(ROOT, "dist/src/simulator/main.js"), "--count", String(count), "--inventory-out", join(dir, "inventory.yaml"), "--known-hosts-out", join(dir, "known_hosts"), ...keyArgs], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve({ stop: () => child.kill("SIGTERM"), startMs: Date.now() - started });
    });
    child.on("exit", (code) => reject(new Error(`simulator exited early (${code})`)));
  });
}

// The incident's audit (the optics check): the commands the peer runs too.
const CHECKS = "panos-transceivers-supported";

async function audit(deviceGlob: string, concurrency: number): Promise<Measured & { durationsMs: number[]; statuses: Record<string, number> }> {
  const out = join(dir, `report-${concurrency}`);
  const identity = AUTH === "encrypted-key" ? ["--identity", KEY] : [];
  const args = ["run", "--inventory", join(dir, "inventory.yaml"), "--known-hosts", join(dir, "known_hosts"), "--checks", CHECKS, "--device", deviceGlob, "--concurrency", String(concurrency), "--out", out, "--format", "json", "--no-progress", ...identity];
  const measured = await measure(join(ROOT, "dist/src/cli/main.js"), args);
  const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as { devices: { durationMs?: number; status: string }[] };
  const statuses: Record<string, number> = {};
  for (const d of report.devices) statuses[d.status] = (statuses[d.status] ?? 0) + 1;
  return { ...measured, durationsMs: report.devices.map((d) => d.durationMs ?? 0), statuses };
}

/** The peer: bare ssh2 logins and the same commands, nothing else (bench/raw-ssh2.ts). */
function peer(concurrency: number): Promise<Measured> {
  return measure(join(ROOT, "dist/bench/raw-ssh2.js"), [join(dir, "inventory.yaml"), String(concurrency)]);
}

interface Measured {
  wallMs: number;
  usage: Usage;
  code: number | null;
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

const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  if (AUTH === "encrypted-key") makeKey();
  const sim = await startSimulator(DEVICES);
  try {
    process.stdout.write(`simulator: ${DEVICES} devices started in ${fmt(sim.startMs)} (separate process)\n`);
    // 19 devices one at a time: the per-device time perfect parallelism would repeat, and the process's own
    // start-up and report time (wall minus the devices' time).
    const sequential = await audit("fw-00*,fw-01*", 1);
    const perDevice = median(sequential.durationsMs);
    const overhead = sequential.wallMs - sequential.durationsMs.reduce((a, b) => a + b, 0);
    const full = await audit("*", CONCURRENCY);
    const raw = await peer(CONCURRENCY);
    const cpuMs = full.usage.userMs + full.usage.systemMs;
    const rawCpuMs = raw.usage.userMs + raw.usage.systemMs;
    const ideal = overhead + perDevice * Math.ceil(DEVICES / CONCURRENCY);
    const cores = cpus().length;
    const rows: [string, string][] = [
      ["devices / concurrency", `${DEVICES} / ${CONCURRENCY} (exit ${full.code}), login by ${AUTH}`],
      ["device statuses", Object.entries(full.statuses).map(([s, n]) => `${n} ${s}`).join(", ")],
      ["wall time", fmt(full.wallMs)],
      ["CPU time (user+sys)", `${fmt(cpuMs)} (${(cpuMs / DEVICES).toFixed(1)} ms per device)`],
      ["peak RSS", `${(full.usage.maxRssKiB / 1024).toFixed(0)} MiB`],
      ["one device, sequential", `${perDevice.toFixed(0)} ms median per device; process start-up and reports ${fmt(overhead)}`],
      ["wall vs ideal parallel", `${(full.wallMs / ideal).toFixed(2)}× (ideal = start-up + median device × ceil(${DEVICES}/${CONCURRENCY}) = ${fmt(ideal)})`],
      ["wall vs CPU floor", `${(full.wallMs / (cpuMs / cores)).toFixed(2)}× (floor = CPU / ${cores} cores = ${fmt(cpuMs / cores)})`],
      ["throughput", `${(DEVICES / (full.wallMs / 1000)).toFixed(1)} devices/s`],
      ["peer: bare ssh2", `${fmt(raw.wallMs)} wall, ${fmt(rawCpuMs)} CPU, ${(raw.usage.maxRssKiB / 1024).toFixed(0)} MiB (same logins and commands, no checks or reports)`],
      ["ours vs peer", `${(full.wallMs / raw.wallMs).toFixed(2)}× wall, ${(cpuMs / rawCpuMs).toFixed(2)}× CPU, ${(full.usage.maxRssKiB / raw.usage.maxRssKiB).toFixed(2)}× peak RSS`],
    ];
    for (const [k, v] of rows) process.stdout.write(`${k.padEnd(24)} ${v}\n`);
    if (process.env.BENCH_JSON) {
      const json = { devices: DEVICES, concurrency: CONCURRENCY, auth: AUTH, exitCode: full.code, statuses: full.statuses, wallMs: full.wallMs, cpuMs, peakRssKiB: full.usage.maxRssKiB, perDeviceMs: perDevice, idealMs: ideal, peer: { wallMs: raw.wallMs, cpuMs: rawCpuMs, peakRssKiB: raw.usage.maxRssKiB }, cpuRatio: cpuMs / rawCpuMs };
      writeFileSync(process.env.BENCH_JSON, `${JSON.stringify(json, null, 2)}\n`);
    }
  } finally {
    sim.stop();
  }
}

await main();
