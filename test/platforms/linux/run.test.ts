// The linux plugin end to end through the real SSH path: simulated Linux hosts (the plugin's own simulated shell),
// facts from uname -a and /etc/os-release, and the root disk-space check, each host getting exactly its result.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadChecks } from "../../../src/checks/library.js";
import type { Device } from "../../../src/inventory/types.js";
import type { DeviceResult } from "../../../src/model/result.js";
import { linuxIsReadOnly } from "../../../src/platforms/linux/profile.js";
import { planDevice } from "../../../src/runner/plan.js";
import { runAudit } from "../../../src/runner/run.js";
import { sshConnector } from "../../../src/runner/ssh-connector.js";
import { startFleet } from "../../../src/simulator/fleet.js";
import type { SimDeviceSpec, SimFleet } from "../../../src/simulator/types.js";
import { KnownHosts } from "../../../src/transport/known-hosts.js";
import { packagePath } from "../../../src/util/package-root.js";

const CREDS = { username: "audit", password: "linux-Pa55" };
const df = (name: string): string => readFileSync(packagePath("fixtures", "linux", "df_-P_root", `written-by-preflight__${name}.txt`), "utf8");
const OS_RELEASE = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n';

function host(name: string, dfOutput: string | undefined): SimDeviceSpec {
  return {
    name,
    hostname: name,
    platform: "linux",
    ...CREDS,
    outputs: {
      "uname -a": `Linux ${name} 6.1.0-13-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.55-1 (2023-09-29) x86_64 GNU/Linux\n`,
      "cat /etc/os-release": OS_RELEASE,
      ...(dfOutput !== undefined ? { "df -P /": dfOutput } : {}),
    },
  };
}

let fleet: SimFleet;
let results: DeviceResult[];

beforeAll(async () => {
  fleet = await startFleet([host("web-1", df("33-percent")), host("db-1", df("98-percent")), host("odd-1", undefined)]);
  const dir = mkdtempSync(join(tmpdir(), "preflight-linux-"));
  writeFileSync(join(dir, "known_hosts"), fleet.knownHosts());
  const loaded = await loadChecks(["linux-*"]);
  expect(loaded.diagnostics).toEqual([]);
  const devices: Device[] = fleet.devices.map((d, index) => ({
    index, name: d.spec.name, host: d.host, port: d.port, platform: "linux", groups: ["servers"], tags: [],
    credentials: { name: "default", usernameEnv: "U", passwordEnv: "P", passphraseEnv: "K", useAgent: false }, vars: {},
  }));
  results = await runAudit(devices.map((d) => planDevice(d, loaded.checks)), {
    connect: sshConnector({ secrets: new Map([["default", CREDS]]), knownHosts: new KnownHosts(join(dir, "known_hosts")), acceptNewHostKeys: false, timeouts: { connectMs: 10_000, authMs: 10_000, commandMs: 10_000 } }),
    concurrency: 3,
    failOn: "low",
    deviceTimeoutMs: 30_000,
  });
}, 60_000);

afterAll(async () => {
  await fleet?.close();
});

describe("the linux plugin over SSH", () => {
  it("reads the facts and gives each host its own result", () => {
    expect(results.map((r) => [r.name, r.status])).toEqual([["web-1", "ready"], ["db-1", "blocked"], ["odd-1", "error"]]);
    expect(results[0]?.facts).toMatchObject({ hostname: "web-1", softwareVersion: "6.1.0-13-amd64", model: "Debian GNU/Linux 12 (bookworm)" });
    expect(results[1]?.checks[0]).toMatchObject({ id: "linux-root-disk-space", status: "fail", blocks: true });
    expect(results[1]?.checks[0]?.findings[0]?.message).toBe("/ is 98% full; at most 90% is allowed before an upgrade");
    expect(results[2]?.checks[0]).toMatchObject({ status: "error", reason: expect.stringContaining("command not found") });
  });
});

describe("the linux read-only policy", () => {
  it.each(["uname -a", "cat /etc/os-release", "df -P /", "df -h", "hostname", "uptime"])("allows %s", (command) => {
    expect(linuxIsReadOnly(command)).toEqual({ ok: true });
  });
  it.each(["rm -rf /", "df -P / > /tmp/x", "uname -a; reboot", "cat /etc/shadow", "df -P / | tee /etc/motd", "uname $(reboot)", "sudo df", "shutdown -r now", "cat /etc/os-release && reboot", "echo hi"])("refuses %s", (command) => {
    expect(linuxIsReadOnly(command).ok).toBe(false);
  });
});
