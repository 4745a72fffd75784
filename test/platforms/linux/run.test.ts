// The linux plugin end to end as a user runs it: the built `preflight run` binary over SSH against simulated Linux
// hosts (the plugin's own simulated shell), facts from uname -a and /etc/os-release, and the root disk-space
// check, each host getting exactly its result.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preflight, type Ran } from "../../helpers/cli.js";
import type { DeviceResult, RunReport } from "../../../src/model/result.js";
import { linuxIsReadOnly } from "../../../src/platforms/linux/profile.js";
import { startFleet } from "../../../src/simulator/fleet.js";
import { fleetInventoryYaml } from "../../../src/simulator/inventory.js";
import type { SimDeviceSpec, SimFleet } from "../../../src/simulator/types.js";
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
let ran: Ran;

beforeAll(async () => {
  fleet = await startFleet([host("web-1", df("33-percent")), host("db-1", df("98-percent")), host("odd-1", undefined)]);
  const dir = mkdtempSync(join(tmpdir(), "preflight-linux-"));
  writeFileSync(join(dir, "known_hosts"), fleet.knownHosts());
  writeFileSync(join(dir, "inventory.yaml"), fleetInventoryYaml(fleet, { group: "servers" }));
  ran = await preflight(
    ["run", "-i", join(dir, "inventory.yaml"), "--known-hosts", join(dir, "known_hosts"), "--checks", "linux-*", "--out", join(dir, "out"), "--no-progress"],
    { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password },
  );
  results = (JSON.parse(readFileSync(join(dir, "out", "report.json"), "utf8")) as RunReport).devices;
}, 60_000);

afterAll(async () => {
  await fleet?.close();
});

describe("preflight run against simulated Linux hosts over SSH", () => {
  it("reads the facts and gives each host its own result; a blocked host makes the exit code 1", () => {
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(1);
    expect(results.map((r) => [r.name, r.status])).toEqual([["web-1", "ready"], ["db-1", "blocked"], ["odd-1", "error"]]);
    expect(results[0]?.facts).toMatchObject({ hostname: "web-1", softwareVersion: "6.1.0-13-amd64", model: "Debian GNU/Linux 12 (bookworm)" });
    expect(results[1]?.checks[0]).toMatchObject({ id: "linux-root-disk-space", status: "fail", blocks: true });
    expect(results[1]?.checks[0]?.findings[0]?.message).toBe("/ is 98% full; at most 90% is allowed before an upgrade");
    expect(results[2]?.checks[0]).toMatchObject({ status: "error", reason: expect.stringContaining("command not found") });
    expect(ran.stdout).toMatch(/1 ready/);
    expect(ran.stdout).not.toContain(CREDS.password);
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
