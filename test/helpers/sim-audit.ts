// The per-platform run tests' shared set-up: audit a started simulated fleet over real SSH with one platform's
// built-in pack, every device in one group with one target, as the runner does for `preflight run`.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { loadChecks } from "../../src/checks/library.js";
import type { Device } from "../../src/inventory/types.js";
import type { DeviceResult } from "../../src/model/result.js";
import { planDevice } from "../../src/runner/plan.js";
import { runAudit } from "../../src/runner/run.js";
import { sshConnector } from "../../src/runner/ssh-connector.js";
import type { SimFleet } from "../../src/simulator/types.js";
import { KnownHosts } from "../../src/transport/known-hosts.js";

export interface SimAuditOptions {
  platform: string;
  /** Check selector, e.g. "eos-*": it must load without a problem. */
  checks: string;
  group: string;
  targetVersion: string;
  credentials: { username: string; password: string };
  concurrency?: number;
}

export async function auditSimulatedFleet(fleet: SimFleet, options: SimAuditOptions): Promise<DeviceResult[]> {
  const dir = mkdtempSync(join(tmpdir(), `preflight-${options.platform}-`));
  writeFileSync(join(dir, "known_hosts"), fleet.knownHosts());
  const loaded = await loadChecks([options.checks]);
  expect(loaded.diagnostics).toEqual([]);
  const devices: Device[] = fleet.devices.map((d, index) => ({
    index, name: d.spec.name, host: d.host, port: d.port, platform: options.platform, groups: [options.group], tags: [], targetVersion: options.targetVersion,
    credentials: { name: "default", usernameEnv: "U", passwordEnv: "P", passphraseEnv: "K", useAgent: false }, vars: {},
  }));
  return runAudit(devices.map((d) => planDevice(d, loaded.checks)), {
    connect: sshConnector({ secrets: new Map([["default", options.credentials]]), knownHosts: new KnownHosts(join(dir, "known_hosts")), acceptNewHostKeys: false, timeouts: { connectMs: 10_000, authMs: 10_000, commandMs: 10_000 } }),
    concurrency: options.concurrency ?? 6,
    failOn: "low",
    deviceTimeoutMs: 60_000,
  });
}
