// The cisco_ios plugin end to end: simulated IOS devices over SSH -> show version -> the ntc-templates TextFSM
// template (facts and the check) -> cisco-ios-config-register -> the report's JSON and HTML.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadChecks } from "../../../src/checks/library.js";
import type { Device } from "../../../src/inventory/types.js";
import type { DeviceResult } from "../../../src/model/result.js";
import { ciscoIosIsReadOnly, ciscoIosProfile } from "../../../src/platforms/cisco_ios/profile.js";
import { planDevice } from "../../../src/runner/plan.js";
import { runAudit } from "../../../src/runner/run.js";
import { sshConnector } from "../../../src/runner/ssh-connector.js";
import { startFleet } from "../../../src/simulator/fleet.js";
import type { SimDeviceSpec, SimFleet } from "../../../src/simulator/types.js";
import { KnownHosts } from "../../../src/transport/known-hosts.js";
import { packagePath } from "../../../src/util/package-root.js";
import { preflight } from "../../helpers/cli.js";

const CREDS = { username: "audit", password: "ios-Pa55" };
const version = (name: string): string => readFileSync(packagePath("fixtures", "cisco_ios", "show_version", `ntc-templates__tests__cisco_ios__show_version__${name}.raw`), "utf8");

function device(name: string, showVersion: string): SimDeviceSpec {
  return { name, hostname: name, platform: "cisco_ios", ...CREDS, outputs: { "show version": showVersion } };
}

let fleet: SimFleet;
let results: DeviceResult[];
let dir: string;

beforeAll(async () => {
  fleet = await startFleet([device("core-1", version("cisco_ios_show_version")), device("edge-1", version("cisco_ios_show_version3"))]);
  dir = mkdtempSync(join(tmpdir(), "preflight-ios-"));
  writeFileSync(join(dir, "known_hosts"), fleet.knownHosts());
  const loaded = await loadChecks(["cisco-ios-config-register"]);
  expect(loaded.diagnostics).toEqual([]);
  const devices: Device[] = fleet.devices.map((d, index) => ({
    index, name: d.spec.name, host: d.host, port: d.port, platform: "cisco_ios", groups: ["routers"], tags: [],
    credentials: { name: "default", usernameEnv: "U", passwordEnv: "P", passphraseEnv: "K", useAgent: false }, vars: {},
  }));
  results = await runAudit(devices.map((d) => planDevice(d, loaded.checks)), {
    connect: sshConnector({ secrets: new Map([["default", CREDS]]), knownHosts: new KnownHosts(join(dir, "known_hosts")), acceptNewHostKeys: false, timeouts: { connectMs: 10_000, authMs: 10_000, commandMs: 10_000 } }),
    concurrency: 2,
    failOn: "low",
    deviceTimeoutMs: 30_000,
  });
}, 60_000);

afterAll(async () => {
  await fleet?.close();
});

describe("the cisco_ios plugin over SSH", () => {
  it("reads facts with the TextFSM template and gives each device its own result", () => {
    expect(results.map((r) => [r.name, r.status])).toEqual([["core-1", "ready"], ["edge-1", "blocked"]]);
    expect(results[0]?.facts).toMatchObject({ hostname: "router1", softwareVersion: "12.2(54)SG1", model: "WS-C4948E", serial: "CAT1451S15C" });
    expect(results[1]?.checks[0]).toMatchObject({ id: "cisco-ios-config-register", status: "fail", blocks: true });
    expect(results[1]?.checks[0]?.findings[0]?.message).toContain("the configuration register is 0x0");
  });

  it("runs from the CLI to the JSON and HTML report", async () => {
    const inventory = join(dir, "inventory.yaml");
    const hosts = fleet.devices.map((d) => `  ${d.spec.name}: { host: ${d.host}, port: ${d.port}, platform: cisco_ios }`).join("\n");
    writeFileSync(inventory, `hosts:\n${hosts}\n`);
    const out = join(dir, "report");
    const ran = await preflight(["run", "--inventory", inventory, "--known-hosts", join(dir, "known_hosts"), "--checks", "cisco-ios-config-register", "--out", out, "--format", "json,html", "--no-progress"], { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password });
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(1);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as { devices: { name: string; status: string }[] };
    expect(report.devices.map((d) => [d.name, d.status])).toEqual([["core-1", "ready"], ["edge-1", "blocked"]]);
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("the configuration register is 0x0");
  }, 60_000);
});

describe("the cisco_ios read-only policy", () => {
  it.each(["show version", "sh ver", "show running-config", "show ip interface brief"])("allows %s", (command) => {
    expect(ciscoIosIsReadOnly(command)).toEqual({ ok: true });
  });
  it.each(["reload", "configure terminal", "copy run start", "show run | redirect flash:x", "write memory", "debug all", "show"])("refuses %s", (command) => {
    expect(ciscoIosIsReadOnly(command).ok).toBe(false);
  });
  it("redacts secrets in configuration output", () => {
    expect(ciscoIosProfile.redactSecrets("enable secret 5 $1$abc\nusername admin privilege 15 secret 9 xyz\nsnmp-server community public RO\n")).toBe("enable secret 5 <redacted>\nusername admin privilege 15 secret 9 <redacted>\nsnmp-server community <redacted> RO\n");
  });
});
