// `run --resume` through the built binary against simulated firewalls over SSH that answer slowly: the CLI is
// killed with SIGKILL (by PID) once its journal holds some but not all devices, then resumed. Every device is in
// the final report once, the devices that had finished were not contacted again (the simulator counts each TCP
// connection per device), and the report equals an uninterrupted run's apart from times. Also a double kill, a
// torn last journal line, and the refusals (no journal, changed inventory, contradicting options).
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, preflight, ROOT } from "../helpers/cli.js";
import type { RunReport } from "../../src/model/result.js";
import { validateReport } from "../../src/report/validate-report.js";
import { startFleet } from "../../src/simulator/fleet.js";
import { fleetInventoryYaml } from "../../src/simulator/inventory.js";
import type { SimDeviceSpec, SimFleet } from "../../src/simulator/types.js";
import { panosDevice, PANOS_SYSTEM_INFO_COMMAND, type PortSpec } from "../../src/platforms/paloalto_panos/simulator/outputs.js";

const CREDS = { username: "audit", password: "Resume-s3cret-pw" };
const ENV = { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password };
// A Palo Alto-supplied optic as the device reports it (vendor-name OEM, the PAN SKU as part number: PR #111 capture).
const OEM: PortSpec = { slot: 1, port: 1, sfp: { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", serial: "OEM1" } };
const FS: PortSpec = { slot: 1, port: 2, sfp: { vendorName: "FS", partNumber: "SFP-10GSR-85", serial: "FS1" } };
const DEVICES = 8;
// Each device takes about this long (its `show system info` answers after it): at concurrency 2 the run lasts
// about four of these, and a kill after the first records leaves most devices unfinished.
const SLOW_MS = 700;

let fleet: SimFleet;
let dir: string;
let inventory: string;
let baseline: RunReport;

function specs(): SimDeviceSpec[] {
  return Array.from({ length: DEVICES }, (_, i) => {
    const spec = panosDevice({
      name: `fw-${i + 1}`,
      model: "PA-3220",
      swVersion: "10.1.9-h1",
      ports: i % 3 === 1 ? [OEM, FS] : [OEM],
      ...CREDS,
      // fw-1 rejects the login: it finishes (unreachable) early, and a finished unreachable device is not audited again.
      faults: i === 0 ? [{ kind: "auth-reject" }] : [{ kind: "slow-output", command: PANOS_SYSTEM_INFO_COMMAND, chunkBytes: 1 << 20, delayMs: SLOW_MS }],
    });
    spec.authLog = [];
    return spec;
  });
}

const connections = () => new Map(fleet.devices.map((d) => [d.spec.name, d.spec.authLog!.filter((e) => e === "connection").length]));
const runArgs = (out: string) => ["run", "-i", inventory, "--known-hosts", join(dir, "known_hosts"), "--checks", "panos-transceivers-supported", "--concurrency", "2", "--out", join(dir, out), "--no-progress", "--format", "json,junit,csv"];
const journalFile = (out: string) => join(dir, out, "run-journal.jsonl");
/** The device records on whole lines (a torn last line is not one). */
const deviceLines = (out: string) => (existsSync(journalFile(out)) ? readFileSync(journalFile(out), "utf8").split("\n").slice(0, -1).filter((l) => l.startsWith('{"type":"device"')) : []);
const recordsIn = (out: string) => deviceLines(out).length;
const finishedIn = (out: string) => deviceLines(out).map((l) => (JSON.parse(l) as { name: string }).name);
const reportOf = (out: string) => JSON.parse(readFileSync(join(dir, out, "report.json"), "utf8")) as RunReport;

/** Starts the CLI, waits (bounded) until its journal holds more than `after` device records, and kills it (SIGKILL by default). */
async function killOnceJournalGrows(args: string[], out: string, after: number, how: NodeJS.Signals = "SIGKILL"): Promise<{ signal: NodeJS.Signals | null; code: number | null; finished: string[] }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", ...ENV }, stdio: "ignore" });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + 15_000;
  while (recordsIn(out) <= after && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
  child.kill(how);
  const { code, signal } = await exited;
  return { signal, code, finished: finishedIn(out) };
}

/** A report without what differs between two runs of the same audit: times, who ran it, the resume history. */
function comparable(report: RunReport): unknown {
  const { startedAt: _s, finishedAt: _f, runBy: _r, resumed: _re, ...meta } = report.meta;
  return { ...report, meta, devices: report.devices.map(({ durationMs: _d, ...d }) => d) };
}

beforeAll(async () => {
  fleet = await startFleet(specs());
  dir = mkdtempSync(join(tmpdir(), "preflight-resume-"));
  inventory = join(dir, "inventory.yaml");
  writeFileSync(inventory, fleetInventoryYaml(fleet, { group: "dc", targetVersion: "10.2.4-h4" }));
  writeFileSync(join(dir, "known_hosts"), fleet.knownHosts());
  const full = await preflight(runArgs("full"), ENV);
  expect(full.stderr).toBe("");
  expect(full.code).toBe(1);
  baseline = reportOf("full");
  expect(baseline.devices.map((d) => d.name)).toEqual(fleet.devices.map((d) => d.spec.name));
  expect(baseline.devices.map((d) => d.status)).toEqual(["unreachable", "blocked", "ready", "ready", "blocked", "ready", "ready", "blocked"]);
}, 60_000);

afterAll(async () => {
  await fleet?.close();
});

describe("run --resume after kill -9", () => {
  it("audits only the devices that had not finished, again after a second kill, and writes the uninterrupted run's report", async () => {
    const names = fleet.devices.map((d) => d.spec.name);
    const atStart = connections();
    const first = await killOnceJournalGrows(runArgs("killed"), "killed", 1);
    expect(first.signal).toBe("SIGKILL");
    expect(first.finished.length).toBeGreaterThanOrEqual(2);
    expect(first.finished.length).toBeLessThan(DEVICES - 2);
    expect(existsSync(join(dir, "killed", "report.json"))).toBe(false);
    // Killed while writing a record: a torn last line is ignored (that device is audited again), never fatal.
    appendFileSync(journalFile("killed"), '{"type":"device","index":7,"name":"fw-8","result":{"na');
    const atFirstKill = connections();

    // The resume alone (no other option) is killed in turn, once it has finished at least one more device.
    const second = await killOnceJournalGrows(["run", "--resume", join(dir, "killed")], "killed", first.finished.length);
    expect(second.signal).toBe("SIGKILL");
    expect(second.finished.length).toBeGreaterThan(first.finished.length);
    expect(second.finished.length).toBeLessThan(DEVICES);
    expect(second.finished.slice(0, first.finished.length)).toEqual(first.finished);
    const atSecondKill = connections();
    for (const device of first.finished) expect([device, atSecondKill.get(device)! - atFirstKill.get(device)!]).toEqual([device, 0]);

    const last = await preflight(["run", "--resume", join(dir, "killed")], ENV);
    expect(last.stderr).toContain(`resuming the run in ${join(dir, "killed")}: ${second.finished.length} of ${DEVICES} devices finished before`);
    expect(last.code).toBe(baseline.summary.exitCode);
    const after = connections();
    for (const device of names) expect([device, after.get(device)! - atSecondKill.get(device)!]).toEqual([device, second.finished.includes(device) ? 0 : 1]);
    // Over the three processes, each device was logged into once, plus once for each kill that caught it mid-audit.
    const inFlightAtKills = (d: string) => Number(!first.finished.includes(d) && atFirstKill.get(d)! - atStart.get(d)! > 0) + Number(!second.finished.includes(d) && atSecondKill.get(d)! - atFirstKill.get(d)! > 0);
    for (const device of names) expect([device, after.get(device)! - atStart.get(device)! - 1]).toEqual([device, inFlightAtKills(device)]);

    const report = reportOf("killed");
    expect(validateReport(report)).toEqual({ ok: true });
    expect(report.devices.map((d) => d.name)).toEqual(names);
    expect(comparable(report)).toEqual(comparable(baseline));
    expect(report.meta.startedAt).toBe((JSON.parse(readFileSync(journalFile("killed"), "utf8").split("\n")[0]!) as { startedAt: string }).startedAt);
    expect(report.meta.resumed?.map((r) => r.finished)).toEqual([first.finished.length, second.finished.length]);
    // Every format the run asked for, for the whole run.
    expect(existsSync(join(dir, "killed", "report.junit.xml"))).toBe(true);
    expect(readFileSync(join(dir, "killed", "report.csv"), "utf8")).toEqual(readFileSync(join(dir, "full", "report.csv"), "utf8"));
    // Each device recorded once, by the process that finished it; results and options, never the password.
    expect(finishedIn("killed").sort()).toEqual([...names].sort());
    expect(readFileSync(journalFile("killed"), "utf8")).not.toContain(CREDS.password);
    // The killed processes' locks were taken over (their processes are gone); the last one released its own.
    expect(existsSync(join(dir, "killed", "run-journal.lock"))).toBe(false);

    // A complete run: --resume rewrites the same report from the journal and contacts no device.
    const again = await preflight(["run", "--resume", join(dir, "killed")], ENV);
    expect(again.stderr).toContain(`is complete (${DEVICES} devices): writing its report from the journal, no device is contacted`);
    expect(again.code).toBe(baseline.summary.exitCode);
    expect(connections()).toEqual(after);
    expect(reportOf("killed")).toEqual(report);
  }, 90_000);

  it("after Ctrl-C (the report has the interrupted devices not-run), resumes the devices that did not finish", async () => {
    const stopped = await killOnceJournalGrows(runArgs("ctrl-c"), "ctrl-c", 1, "SIGINT");
    const interrupted = reportOf("ctrl-c");
    expect(stopped.code).toBe(interrupted.devices.some((d) => d.status === "blocked") ? 1 : 2);
    expect(interrupted.meta.interrupted).toBe(true);
    const notRun = interrupted.devices.filter((d) => d.status === "not-run").map((d) => d.name);
    expect(notRun.length).toBeGreaterThan(0);
    // The journal holds exactly the devices that finished; an interrupted one is not a result.
    expect([...stopped.finished].sort()).toEqual(interrupted.devices.filter((d) => d.status !== "not-run").map((d) => d.name).sort());
    const before = connections();
    const resumed = await preflight(["run", "--resume", join(dir, "ctrl-c")], ENV);
    expect(resumed.code).toBe(baseline.summary.exitCode);
    const after = connections();
    for (const device of fleet.devices.map((d) => d.spec.name)) expect([device, after.get(device)! - before.get(device)!]).toEqual([device, stopped.finished.includes(device) ? 0 : 1]);
    const report = reportOf("ctrl-c");
    expect(report.meta.interrupted).toBe(false);
    expect(comparable(report)).toEqual(comparable(baseline));
  }, 90_000);

  it("refuses (exit 3, nothing run) without a journal, with options that contradict it, or when the inventory changed", async () => {
    const none = await preflight(["run", "--resume", dir], ENV);
    expect(none.code).toBe(3);
    expect(none.stderr).toContain(`"${dir}" has no run journal (run-journal.jsonl)`);

    const contradicting = await preflight(["run", "--resume", join(dir, "full"), "--concurrency", "5", "--format", "json", "--checks", "panos-transceivers-supported", "--no-progress"], ENV);
    expect(contradicting.code).toBe(3);
    expect(contradicting.stderr).toContain("--concurrency: 5 contradicts the run being resumed (2)");
    expect(contradicting.stderr).toContain("--format: json contradicts the run being resumed (json,junit,csv)");
    expect(contradicting.stderr).not.toContain("--checks");

    const before = connections();
    const original = readFileSync(inventory, "utf8");
    writeFileSync(inventory, `${original}# edited after the run started\n`);
    try {
      const changed = await preflight(["run", "--resume", join(dir, "full")], ENV);
      expect(changed.code).toBe(3);
      expect(changed.stderr).toMatch(new RegExp(`since the run started, the inventory ${inventory.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} changed \\(sha256 `));
      expect(changed.stderr).toContain(`the run's inputs changed since it started: ${join(dir, "full")} was not resumed (start a new run); nothing was run (exit 3)`);
    } finally {
      writeFileSync(inventory, original);
    }
    expect(connections()).toEqual(before);
  });
});
