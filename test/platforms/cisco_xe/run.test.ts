// The cisco_xe plugin through the built `preflight run` binary against simulated IOS XE devices over SSH, each
// answering with real ntc-templates captures (Apache-2.0): a healthy Catalyst 9500 is ready; one planted problem
// per device blocks it on exactly that check (a bundle-mode ASR 1001, a lost standby, a power supply without
// input, a nearly full bootflash); a garbled answer is that check's error; a refused connection is unreachable.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFleet } from "../../../src/simulator/fleet.js";
import type { SimDeviceSpec, SimFleet } from "../../../src/simulator/types.js";
import { packagePath } from "../../../src/util/package-root.js";
import { preflight } from "../../helpers/cli.js";

const CREDS = { username: "audit", password: "xe-Pa55" };
const ntc = (command: string, name: string): string => readFileSync(packagePath("fixtures", "cisco_ios", command, `ntc-templates__tests__cisco_ios__${command}__${name}.raw`), "utf8");
const HEALTHY = {
  "show version": ntc("show_version", "cisco_ios_show_version4"),
  "show redundancy": ntc("show_redundancy", "cisco_ios_show_redundancy5"),
  "show environment power all": ntc("show_environment_power_all", "cisco_ios_show_environment_power_all-no-poe"),
  dir: ntc("dir", "cisco_ios_dir"),
};
const CHECKS = "cisco-xe-install-mode,cisco-ios-redundancy-healthy,cisco-ios-power-supplies-ok,cisco-ios-flash-free-space";

function xe(name: string, outputs: Record<string, string> = {}, extra: Partial<SimDeviceSpec> = {}): SimDeviceSpec {
  return { name, hostname: name, platform: "cisco_xe", ...CREDS, outputs: { ...HEALTHY, ...outputs }, ...extra };
}

let fleet: SimFleet;
let dir: string;
let report: { devices: { name: string; status: string; facts?: Record<string, string>; checks: { id: string; status: string; reason?: string }[] }[] };
let ran: { code: number | null; stdout: string; stderr: string };

beforeAll(async () => {
  fleet = await startFleet([
    xe("c9500-ok"),
    xe("asr-bundle", { "show version": ntc("show_version", "cisco_ios_show_version2") }),
    xe("c9500-standby-lost", { "show redundancy": ntc("show_redundancy", "cisco_ios_show_redundancy3") }),
    xe("c9300-psu", { "show environment power all": ntc("show_environment_power_all", "cisco_ios_show_environment_power_all-3850-not-pres") }),
    xe("c9300-full", { dir: ntc("dir", "cisco_ios_dir_no_files") }),
    xe("c9500-garbled", {}, { faults: [{ kind: "garbage", command: "show redundancy" }] }),
    xe("c9500-down", {}, { faults: [{ kind: "refuse" }] }),
  ]);
  dir = mkdtempSync(join(tmpdir(), "preflight-xe-"));
  writeFileSync(join(dir, "known_hosts"), fleet.knownHosts());
  const hosts = fleet.devices.map((d) => `  ${d.spec.name}: { host: ${d.host}, port: ${d.port}, platform: cisco_xe }`).join("\n");
  writeFileSync(join(dir, "inventory.yaml"), `hosts:\n${hosts}\n`);
  ran = await preflight(["run", "--inventory", join(dir, "inventory.yaml"), "--known-hosts", join(dir, "known_hosts"), "--checks", CHECKS, "--out", join(dir, "out"), "--format", "json", "--no-progress"], { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password });
  report = JSON.parse(readFileSync(join(dir, "out", "report.json"), "utf8")) as typeof report;
}, 90_000);

afterAll(async () => {
  await fleet?.close();
});

const failing = (name: string): string[] => (report.devices.find((d) => d.name === name)?.checks ?? []).filter((c) => c.status !== "pass").map((c) => `${c.id}:${c.status}`);

describe("cisco_xe through preflight run", () => {
  it("exits 1 (a device is blocked) with nothing on stderr", () => {
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(1);
  });

  it("classifies each simulated device", () => {
    expect(Object.fromEntries(report.devices.map((d) => [d.name, d.status]))).toEqual({
      "c9500-ok": "ready",
      "asr-bundle": "blocked",
      "c9500-standby-lost": "blocked",
      "c9300-psu": "blocked",
      "c9300-full": "blocked",
      "c9500-garbled": "error",
      "c9500-down": "unreachable",
    });
  });

  it("blocks each planted device on exactly its problem", () => {
    expect(failing("c9500-ok")).toEqual([]);
    expect(failing("asr-bundle")).toEqual(["cisco-xe-install-mode:fail"]);
    expect(failing("c9500-standby-lost")).toEqual(["cisco-ios-redundancy-healthy:fail"]);
    expect(failing("c9300-psu")).toEqual(["cisco-ios-power-supplies-ok:fail"]);
    expect(failing("c9300-full")).toEqual(["cisco-ios-flash-free-space:fail"]);
    expect(failing("c9500-garbled")).toEqual(["cisco-ios-redundancy-healthy:error"]);
  });

  it("reads the facts with the TextFSM template, boot mode included", () => {
    expect(report.devices.find((d) => d.name === "c9500-ok")?.facts).toMatchObject({ softwareVersion: "16.9.3", model: "C9500-40X", bootMode: "install" });
  });
});
