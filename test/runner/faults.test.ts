// The runner against the simulator over real SSH: every injected fault becomes that device's result with a
// reason, the run goes on, results keep inventory order, and the exit code follows the contract.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadChecks } from "../../src/checks/library.js";
import type { LoadedCheck } from "../../src/checks/types.js";
import type { Device } from "../../src/inventory/types.js";
import type { DeviceResult } from "../../src/model/result.js";
import { planDevice } from "../../src/runner/plan.js";
import { runAudit } from "../../src/runner/run.js";
import { sshConnector } from "../../src/runner/ssh-connector.js";
import { exitCodeFor } from "../../src/model/status.js";
import { startFleet } from "../../src/simulator/fleet.js";
import { PANOS_PHY_COMMAND, panosDevice, type PortSpec } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import type { Fault, SimDeviceSpec, SimFleet } from "../../src/simulator/types.js";
import { KnownHosts } from "../../src/transport/known-hosts.js";

const CREDS = { username: "audit", password: "s3cret-Pa55" };
const OEM: PortSpec = { slot: 1, port: 1, sfp: { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", serial: "OEM1" } };
const FS: PortSpec = { slot: 1, port: 2, sfp: { vendorName: "FS", partNumber: "SFP-10GSR-85", serial: "FS1" } };
const COPPER: PortSpec = { slot: 1, port: 3, media: "CAT5" };

const cases: { name: string; ports: PortSpec[]; faults?: Fault[]; expect: DeviceResult["status"]; reason?: RegExp }[] = [
  { name: "ready", ports: [OEM, COPPER], expect: "ready" },
  { name: "blocked", ports: [OEM, FS], expect: "blocked" },
  { name: "copper", ports: [COPPER], expect: "ready" },
  { name: "refused", ports: [OEM], faults: [{ kind: "refuse" }], expect: "unreachable", reason: /refused/i },
  { name: "wrong-password", ports: [OEM], faults: [{ kind: "auth-reject" }], expect: "unreachable", reason: /auth/i },
  { name: "hang-after-login", ports: [OEM], faults: [{ kind: "hang-after-login" }], expect: "error", reason: /prompt/i },
  { name: "hang-on-command", ports: [OEM], faults: [{ kind: "hang-on-command", command: PANOS_PHY_COMMAND }], expect: "error", reason: /no prompt within/i },
  { name: "disconnect", ports: [OEM], faults: [{ kind: "disconnect-mid-output", command: PANOS_PHY_COMMAND }], expect: "error", reason: /session broke/i },
  { name: "slow", ports: [OEM, COPPER], faults: [{ kind: "slow-output", command: PANOS_PHY_COMMAND, chunkBytes: 64, delayMs: 5 }], expect: "ready" },
  { name: "garbage", ports: [OEM], faults: [{ kind: "garbage", command: PANOS_PHY_COMMAND }], expect: "error", reason: /cannot read/i },
  { name: "unknown-command", ports: [OEM], faults: [{ kind: "unknown-command", command: PANOS_PHY_COMMAND }], expect: "error" },
];

let fleet: SimFleet;
let checks: LoadedCheck[];
let knownHostsFile: string;

beforeAll(async () => {
  const specs: SimDeviceSpec[] = cases.map((c) =>
    panosDevice({ name: c.name, model: "PA-3220", swVersion: "10.1.9-h1", ports: c.ports, ...CREDS, ...(c.faults ? { faults: c.faults } : {}) }),
  );
  fleet = await startFleet(specs);
  const loaded = await loadChecks(["panos-transceivers-supported"]);
  expect(loaded.diagnostics).toEqual([]);
  checks = loaded.checks;
  knownHostsFile = join(mkdtempSync(join(tmpdir(), "preflight-kh-")), "known_hosts");
  writeFileSync(knownHostsFile, fleet.knownHosts());
});

afterAll(async () => {
  await fleet?.close();
});

function devices(): Device[] {
  return fleet.devices.map((d, index) => ({
    index,
    name: d.spec.name,
    host: d.host,
    port: d.port,
    platform: "paloalto_panos",
    groups: ["lab"],
    tags: [],
    targetVersion: "10.2.4-h4",
    credentials: { name: "default", usernameEnv: "U", passwordEnv: "P", passphraseEnv: "K", useAgent: false },
    vars: {},
  }));
}

async function audit(deviceList: Device[], signal?: AbortSignal): Promise<DeviceResult[]> {
  const connect = sshConnector({
    secrets: new Map([["default", { username: CREDS.username, password: CREDS.password }]]),
    knownHosts: new KnownHosts(knownHostsFile),
    acceptNewHostKeys: false,
    timeouts: { connectMs: 3000, authMs: 1500, commandMs: 1500 },
  });
  return runAudit(
    deviceList.map((d) => planDevice(d, checks)),
    { connect, concurrency: 4, failOn: "low", deviceTimeoutMs: 10_000, ...(signal ? { signal } : {}) },
  );
}

describe("runner with injected faults", () => {
  it("classifies every device, with a reason for each failure, in inventory order", async () => {
    const results = await audit(devices());
    expect(results.map((r) => r.name)).toEqual(cases.map((c) => c.name));
    for (const [i, c] of cases.entries()) {
      const r = results[i]!;
      expect({ name: r.name, status: r.status }).toEqual({ name: c.name, status: c.expect });
      if (c.reason) expect(`${r.reason} ${r.checks.map((x) => x.reason).join(" ")}`).toMatch(c.reason);
    }
    const blocked = results.find((r) => r.name === "blocked")!;
    expect(blocked.facts).toMatchObject({ hostname: "blocked", model: "PA-3220", softwareVersion: "10.1.9-h1" });
    expect(blocked.checks[0]?.findings.map((f) => f.key)).toEqual(["ethernet1/2"]);
    expect(exitCodeFor(results)).toBe(1);
    expect(JSON.stringify(results)).not.toContain(CREDS.password);
  });

  it("secrets in device output never reach what preflight keeps", async () => {
    const leaky = await startFleet([{ ...panosDevice({ name: "leaky", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM], ...CREDS }), outputs: { "show config running": "<private-key>-AQ==TOPSECRET</private-key><phash>$1$HASHED</phash>" } }]);
    try {
      const kh = join(mkdtempSync(join(tmpdir(), "preflight-kh-")), "known_hosts");
      writeFileSync(kh, leaky.knownHosts());
      const connect = sshConnector({ secrets: new Map([["default", CREDS]]), knownHosts: new KnownHosts(kh), acceptNewHostKeys: false, timeouts: { connectMs: 3000, authMs: 3000, commandMs: 3000 } });
      const device = { ...devices()[0]!, name: "leaky", host: leaky.devices[0]!.host, port: leaky.devices[0]!.port };
      const session = await connect(planDevice(device, checks), new AbortController().signal);
      try {
        const out = await session.run("show config running");
        expect(out.output).toBe("<private-key>[redacted by preflight]</private-key><phash>[redacted by preflight]</phash>");
      } finally {
        await session.close();
      }
    } finally {
      await leaky.close();
    }
  });

  it("an unknown host key fails that device only", async () => {
    writeFileSync(knownHostsFile, fleet.knownHosts().split("\n").filter((l) => !l.startsWith(`[127.0.0.1]:${fleet.devices[0]!.port} `)).join("\n"));
    try {
      const results = await audit(devices().slice(0, 2));
      expect(results[0]).toMatchObject({ status: "unreachable", reason: expect.stringMatching(/host key/i) });
      expect(results[1]?.status).toBe("blocked");
    } finally {
      writeFileSync(knownHostsFile, fleet.knownHosts());
    }
  });

  it("cancelling with devices still queued finishes the run and reports every device", async () => {
    const controller = new AbortController();
    const queued = devices().filter((d) => ["hang-on-command", "ready", "copper", "blocked"].includes(d.name));
    setTimeout(() => controller.abort(new Error("interrupted by Ctrl-C")), 600);
    const connect = sshConnector({ secrets: new Map([["default", CREDS]]), knownHosts: new KnownHosts(knownHostsFile), acceptNewHostKeys: false, timeouts: { connectMs: 3000, authMs: 3000, commandMs: 30_000 } });
    const hangFirst = [...queued.filter((d) => d.name === "hang-on-command"), ...queued.filter((d) => d.name !== "hang-on-command")];
    const results = await runAudit(hangFirst.map((d) => planDevice(d, checks)), { connect, concurrency: 1, failOn: "low", deviceTimeoutMs: 30_000, signal: controller.signal });
    expect(results.map((r) => r.status)).toEqual(["not-run", "not-run", "not-run", "not-run"]);
    expect(results.every((r) => /Ctrl-C/.test(r.reason ?? ""))).toBe(true);
  });

  it("cancelling stops new devices and reports the unfinished ones as not-run", async () => {
    const controller = new AbortController();
    const hanging = devices().filter((d) => d.name === "hang-on-command" || d.name === "ready");
    const many = [...hanging, ...devices().filter((d) => d.name === "copper").map((d, i) => ({ ...d, index: 2 + i }))];
    setTimeout(() => controller.abort(new Error("interrupted by Ctrl-C")), 600);
    const started = Date.now();
    const results = await audit(many, controller.signal);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(results).toHaveLength(many.length);
    expect(results.find((r) => r.name === "hang-on-command")).toMatchObject({ status: "not-run", reason: expect.stringMatching(/Ctrl-C/) });
    expect(exitCodeFor(results)).toBe(2);
  });
});
