// The run journal's reader and writer (src/runner/journal.ts): what a kill -9 can leave behind (a torn last line,
// even inside a UTF-8 character), what it cannot (a broken line with records after it), duplicate and not-run
// records, and the fingerprint comparison that makes a resume refuse when the run's inputs changed.
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DeviceResult, DeviceStatus } from "../../src/model/result.js";
import { fingerprintChanges, JOURNAL_FILE, JournalWriter, LOCK_FILE, lockJournal, parseJournal, readJournal, runFingerprint, type Journal, type RunFingerprint } from "../../src/runner/journal.js";
import { prepareAudit, type AuditRequest, type PreparedAudit } from "../../src/runner/prepare.js";

const FINGERPRINT: RunFingerprint = {
  tool: "0.1.0",
  inventory: { file: "/site/inventory.yaml", sha256: "a".repeat(64) },
  devices: ["fw-1", "fw-2", "fw-3"],
  checks: [{ id: "panos-transceivers-supported", sha256: "b".repeat(64) }],
  data: [{ file: "/checks/paloalto_panos/data/transceivers.yaml", sha256: "c".repeat(64) }, { file: "/checks/paloalto_panos/data/transceivers.local.yaml", sha256: null }],
  targetVersion: "10.2.4-h4",
  strictPath: false,
  failOn: "low",
};

function result(name: string, status: DeviceStatus, reason?: string): DeviceResult {
  return { name, host: "127.0.0.1", port: 2200, platform: "paloalto_panos", groups: ["dc"], tags: [], status, ...(reason ? { reason } : {}), upgradePath: ["10.2.4-h4"], facts: { hostname: name }, checks: [] };
}

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), "preflight-journal-"));
}

function startJournal(dir: string): JournalWriter {
  return JournalWriter.start(dir, { startedAt: "2026-12-04T19:00:00.000Z", cwd: "/site", options: { inventory: "/site/inventory.yaml", format: ["json"] }, fingerprint: FINGERPRINT });
}

function read(dir: string): Journal {
  const r = readJournal(dir);
  if (!("journal" in r)) throw new Error(JSON.stringify(r.problems));
  return r.journal;
}

function problemsOf(bytes: string | Buffer): string[] {
  const r = parseJournal(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes), "run-journal.jsonl");
  return "problems" in r ? r.problems.map((p) => `${p.line}: ${p.message}`) : [];
}

describe("run journal", () => {
  it("reads back the header, each finished device by name, resumes and the complete mark", () => {
    const dir = freshDir();
    const w = startJournal(dir);
    w.device(1, result("fw-2", "blocked"));
    w.device(0, result("fw-1", "unreachable", "connection refused"));
    w.resumed(new Date("2026-12-04T19:05:00.000Z"), 2);
    w.device(2, result("fw-3", "ready"));
    w.complete(new Date("2026-12-04T19:06:00.000Z"));
    w.close();
    const j = read(dir);
    expect(j.header.startedAt).toBe("2026-12-04T19:00:00.000Z");
    expect(j.header.fingerprint).toEqual(FINGERPRINT);
    expect([...j.finished.keys()]).toEqual(["fw-2", "fw-1", "fw-3"]);
    // An unreachable device finished: it is not audited again.
    expect(j.finished.get("fw-1")?.status).toBe("unreachable");
    expect(j.resumes).toEqual([{ type: "resume", at: "2026-12-04T19:05:00.000Z", finished: 2 }]);
    expect(j.complete).toEqual({ type: "complete", finishedAt: "2026-12-04T19:06:00.000Z" });
    expect(j.warnings).toEqual([]);
  });

  it("does not record an interrupted (not-run) device, and ignores one in a journal, so that a resume audits it", () => {
    const dir = freshDir();
    const w = startJournal(dir);
    w.device(0, result("fw-1", "not-run", "interrupted: interrupted by Ctrl-C"));
    w.device(1, result("fw-2", "ready"));
    w.close();
    expect(readFileSync(join(dir, JOURNAL_FILE), "utf8").split("\n").filter(Boolean)).toHaveLength(2);
    appendFileSync(join(dir, JOURNAL_FILE), `${JSON.stringify({ type: "device", index: 2, name: "fw-3", result: result("fw-3", "not-run") })}\n`);
    expect([...read(dir).finished.keys()]).toEqual(["fw-2"]);
  });

  it("ignores a torn last line (killed while writing it), and a resumed writer cuts it off before appending", () => {
    const dir = freshDir();
    const w = startJournal(dir);
    w.device(0, result("fw-1", "ready"));
    w.close();
    const file = join(dir, JOURNAL_FILE);
    const whole = readFileSync(file);
    const line = JSON.stringify({ type: "device", index: 1, name: "fw-2", result: result("fw-2", "blocked") });
    appendFileSync(file, line.slice(0, 40));
    const torn = read(dir);
    expect([...torn.finished.keys()]).toEqual(["fw-1"]);
    expect(torn.validBytes).toBe(whole.length);
    expect(torn.warnings).toEqual([expect.stringMatching(/:3: the last line is incomplete .* ignored/) as string]);

    const again = JournalWriter.resume(file, torn);
    again.device(1, result("fw-2", "blocked"));
    again.close();
    const after = read(dir);
    expect([...after.finished.keys()]).toEqual(["fw-1", "fw-2"]);
    expect(after.warnings).toEqual([]);
    expect(readFileSync(file).subarray(0, whole.length).equals(whole)).toBe(true);
  });

  it("survives a tear inside a multi-byte character, and a complete last line that is not JSON (a power cut's zeros)", () => {
    const head = `${JSON.stringify({ type: "run", version: 1, startedAt: "2026-12-04T19:00:00.000Z", cwd: "/site", options: {}, fingerprint: FINGERPRINT })}\n`;
    const device = `${JSON.stringify({ type: "device", index: 0, name: "fw-1", result: { ...result("fw-1", "ready"), facts: { hostname: "fw-1 ✓ é" } } })}\n`;
    const bytes = Buffer.from(head + device);
    const cut = Buffer.from(head).length + Buffer.from(device).indexOf(Buffer.from("✓")) + 1;
    const tornInChar = parseJournal(bytes.subarray(0, cut), "j");
    expect("journal" in tornInChar && tornInChar.journal.finished.size).toBe(0);
    expect("journal" in tornInChar && tornInChar.journal.validBytes).toBe(Buffer.from(head).length);

    const zeros = parseJournal(Buffer.concat([Buffer.from(head + device), Buffer.alloc(30), Buffer.from("\n")]), "j");
    expect("journal" in zeros && [...zeros.journal.finished.keys()]).toEqual(["fw-1"]);
    expect("journal" in zeros && zeros.journal.warnings).toHaveLength(1);
  });

  it("keeps the run going when the journal cannot be written (a full disk): the writer says why and writes no more", () => {
    const dir = freshDir();
    symlinkSync("/dev/full", join(dir, JOURNAL_FILE));
    const w = startJournal(dir);
    expect(w.failure?.message).toMatch(/ENOSPC/);
    expect(() => w.device(0, result("fw-1", "ready"))).not.toThrow();
    expect(() => w.close()).not.toThrow();
  });

  it("refuses a broken line with records after it: the file was damaged, not torn by a kill", () => {
    const dir = freshDir();
    startJournal(dir).close();
    const file = join(dir, JOURNAL_FILE);
    appendFileSync(file, `{"type":"device","index":0,\n${JSON.stringify({ type: "device", index: 1, name: "fw-2", result: result("fw-2", "ready") })}\n`);
    expect(problemsOf(readFileSync(file))).toEqual([expect.stringMatching(/^2: not a journal record .*damaged/) as string]);
  });

  it("keeps the first of two records of one device, and says so", () => {
    const dir = freshDir();
    const w = startJournal(dir);
    w.device(0, result("fw-1", "blocked"));
    w.device(0, result("fw-1", "ready"));
    w.close();
    const j = read(dir);
    expect(j.finished.size).toBe(1);
    expect(j.finished.get("fw-1")?.status).toBe("blocked");
    expect(j.warnings).toEqual([expect.stringMatching(/:3: device "fw-1" has a second record; the first one is kept/) as string]);
  });

  it("refuses what is not a journal of this run: no header, a torn header, another version, a device outside the selection", () => {
    expect(problemsOf("")).toEqual([expect.stringMatching(/no complete first line/) as string]);
    expect(problemsOf('{"type":"run","vers')).toEqual([expect.stringMatching(/no complete first line/) as string]);
    expect(problemsOf('{"hello":"world"}\n')).toEqual([expect.stringMatching(/^1: not a preflight run journal/) as string]);
    const header = (version: number) => `${JSON.stringify({ type: "run", version, startedAt: "x", cwd: "/", options: {}, fingerprint: FINGERPRINT })}\n`;
    expect(problemsOf(header(2))).toEqual([expect.stringMatching(/^1: journal version 2 is not one this preflight reads/) as string]);
    const stranger = JSON.stringify({ type: "device", index: 0, name: "fw-9", result: result("fw-9", "ready") });
    expect(problemsOf(`${header(1)}${stranger}\n`)).toEqual(['2: device "fw-9" is not device 0 of the run\'s selection']);
    expect(problemsOf(`${header(1)}{"type":"mystery"}\n`)).toEqual(['2: unknown record type "mystery"']);
  });

  it("says when a folder has no journal, or does not exist", () => {
    const dir = freshDir();
    const none = readJournal(dir);
    expect("problems" in none && none.problems[0]?.message).toMatch(/has no run journal \(run-journal\.jsonl\)/);
    const missing = readJournal(join(dir, "nope"));
    expect("problems" in missing && missing.problems[0]?.message).toMatch(/does not exist/);
    writeFileSync(join(dir, JOURNAL_FILE), "");
    expect("problems" in readJournal(dir)).toBe(true);
  });
});

describe("fingerprintChanges", () => {
  it("finds nothing between a fingerprint and its copy", () => {
    expect(fingerprintChanges(FINGERPRINT, structuredClone(FINGERPRINT))).toEqual([]);
  });

  it("names each change: the inventory, the devices, a check, a data file, preflight itself, the gate", () => {
    const now: RunFingerprint = {
      ...structuredClone(FINGERPRINT),
      tool: "0.2.0",
      inventory: { file: "/site/inventory.yaml", sha256: "d".repeat(64) },
      devices: ["fw-1", "fw-3", "fw-4"],
      checks: [
        { id: "panos-transceivers-supported", sha256: "e".repeat(64) },
        { id: "panos-ha-state", sha256: "f".repeat(64) },
      ],
      data: [
        { file: "/checks/paloalto_panos/data/transceivers.yaml", sha256: "c".repeat(64) },
        { file: "/checks/paloalto_panos/data/transceivers.local.yaml", sha256: "1".repeat(64) },
      ],
      failOn: "high",
    };
    expect(fingerprintChanges(FINGERPRINT, now)).toEqual([
      "preflight's version changed from 0.1.0 to 0.2.0",
      "the inventory /site/inventory.yaml changed (sha256 aaaaaaaaaaaa… is now dddddddddddd…)",
      "the selected devices changed (now also fw-4; no longer fw-2)",
      "check panos-transceivers-supported changed (sha256 bbbbbbbbbbbb… is now eeeeeeeeeeee…)",
      "check panos-ha-state is new to the run",
      "data file /checks/paloalto_panos/data/transceivers.local.yaml changed (sha256 absent… is now 111111111111…)",
      "--fail-on changed from low to high",
    ]);
  });
});

describe("lockJournal", () => {
  const take = (dir: string) => {
    const lock = lockJournal(dir);
    if ("problem" in lock) throw new Error(lock.problem);
    return lock;
  };

  it("is held by one process at a time and released", () => {
    const dir = freshDir();
    const lock = take(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8"))).toEqual({ pid: process.pid, host: hostname() });
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it("refuses a lock a live process holds, here or on another machine, naming it and the file to delete", () => {
    const dir = freshDir();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, host: hostname() }));
    const here = lockJournal(dir);
    expect("problem" in here && here.problem).toBe(`another preflight (process ${process.ppid}) is running the run in ${dir}; if it is not, delete ${join(dir, LOCK_FILE)}`);
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 4242, host: "bastion-2" }));
    const there = lockJournal(dir);
    expect("problem" in there && there.problem).toMatch(/another preflight \(process 4242 on bastion-2\)/);
  });

  it("takes over the lock of a process that is gone (kill -9), its own, and a torn one", () => {
    const dir = freshDir();
    const gone = spawnSync(process.execPath, ["-e", ""]).pid!;
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: gone, host: hostname() }));
    take(dir).release();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname() }));
    take(dir).release();
    writeFileSync(join(dir, LOCK_FILE), '{"pid":12');
    take(dir).release();
  });
});

describe("runFingerprint", () => {
  // A site check whose parser is a TextFSM template file next to it: the template decides results as the check does.
  const SITE_CHECK = `id: site-hostname-set
title: The firewall has a hostname
description: A site check read with a site TextFSM template.
severity: low
platforms: [paloalto_panos]
gather:
  info: { command: show system info, parser: { textfsm: ./hostname.textfsm } }
assert:
  for_each: $info
  key: hostname
  expect: { path: hostname, in: ["fw-1"] }
message: "{{key}} is not expected"
remediation: none
`;
  const TEMPLATE = "Value HOSTNAME (\\S+)\n\nStart\n  ^hostname:\\s+${HOSTNAME} -> Record\n";

  async function prepared(site: string) {
    const request: AuditRequest = {
      inventory: join(site, "inventory.yaml"),
      groups: [],
      devices: [],
      tags: [],
      checks: ["panos-transceivers-supported", join(site, "checks")],
      dataDir: join(site, "data"),
      sshConfig: "none",
      out: join(site, "out"),
      concurrency: 1,
      knownHosts: join(site, "known_hosts"),
      acceptNewHostKeys: false,
      failOn: "low",
      connectTimeoutMs: 1000,
      commandTimeoutMs: 1000,
      deviceTimeoutMs: 1000,
    };
    const p = await prepareAudit(request, { PREFLIGHT_USERNAME: "audit", PREFLIGHT_PASSWORD: "pw" });
    if (p.kind !== "ready") throw new Error(JSON.stringify(p));
    return runFingerprint(p.audit, "0.1.0");
  }

  it("hashes the inventory, the checks, the pack's data, the --data-dir copy and a check's template file; an edit to any is named", async () => {
    const site = freshDir();
    mkdirSync(join(site, "checks"));
    mkdirSync(join(site, "data", "paloalto_panos"), { recursive: true });
    writeFileSync(join(site, "inventory.yaml"), "defaults: { platform: paloalto_panos, credentials: default, target_version: 10.2.4-h4 }\nhosts:\n  fw-1: { host: 127.0.0.1, port: 1 }\n  fw-2: { host: 127.0.0.1, port: 2 }\n");
    writeFileSync(join(site, "checks", "site-hostname-set.yaml"), SITE_CHECK);
    writeFileSync(join(site, "checks", "hostname.textfsm"), TEMPLATE);
    const local = join(site, "data", "paloalto_panos", "transceivers.local.yaml");
    writeFileSync(local, "parts: []\n");
    const before = await prepared(site);
    expect(before.devices).toEqual(["fw-1", "fw-2"]);
    expect(before.checks.map((c) => c.id)).toEqual(["panos-transceivers-supported", "site-hostname-set"]);
    const files = before.data.map((d) => d.file);
    expect(files).toContain(local);
    expect(files).toContain(join(site, "checks", "hostname.textfsm"));
    expect(files.some((f) => f.endsWith(join("checks", "paloalto_panos", "data", "transceivers.yaml")))).toBe(true);
    expect(before.data.every((d) => d.sha256 === null || /^[0-9a-f]{64}$/.test(d.sha256))).toBe(true);
    expect(fingerprintChanges(before, await prepared(site))).toEqual([]);

    writeFileSync(local, 'parts:\n  - sku: ACME-SFP-10G\n    oem: [{ vendor: "ACME", part: "X1" }]\n');
    writeFileSync(join(site, "checks", "hostname.textfsm"), TEMPLATE.replace("(\\S+)", "(\\S+?)"));
    writeFileSync(join(site, "inventory.yaml"), `${readFileSync(join(site, "inventory.yaml"), "utf8")}  fw-3: { host: 127.0.0.1, port: 3 }\n`);
    const changes = fingerprintChanges(before, await prepared(site));
    expect(changes).toEqual([
      expect.stringMatching(/^the inventory .*inventory\.yaml changed \(sha256 /) as string,
      "the selected devices changed (now also fw-3)",
      expect.stringMatching(/^data file .*hostname\.textfsm changed/) as string,
      expect.stringMatching(/^data file .*transceivers\.local\.yaml changed/) as string,
    ]);
  });
});

describe("runFingerprint of an inventory that is not a file", () => {
  it("hashes the devices a NetBox source gave, so that an address edited in NetBox since the start is a change", async () => {
    const source = "netbox+https://netbox.example/?site=ams";
    const device = { index: 0, name: "fw-1", host: "10.0.0.1", port: 22, platform: "paloalto_panos", groups: ["ams"], tags: [], vars: {}, credentials: { name: "default" } };
    const audit = (host: string) => ({ request: { failOn: "low" }, inventoryFile: source, devices: [{ ...device, host }], checks: [], plans: [{ device: { ...device, host }, checks: [] }] }) as unknown as PreparedAudit;
    const before = await runFingerprint(audit("10.0.0.1"), "0.1.0");
    expect(before.inventory.file).toBe(source);
    expect(before.inventory.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintChanges(before, await runFingerprint(audit("10.0.0.1"), "0.1.0"))).toEqual([]);
    expect(fingerprintChanges(before, await runFingerprint(audit("10.0.0.9"), "0.1.0"))).toEqual([expect.stringMatching(/^the inventory netbox\+https:\/\/netbox\.example\/\?site=ams changed \(sha256 /) as string]);
  });
});
