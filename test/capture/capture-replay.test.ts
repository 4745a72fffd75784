// Capture and replay through the built CLI: `preflight capture` saves the raw outputs, and
// `preflight run --from-capture` evaluates them offline to the same results as the live run.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preflight } from "../helpers/cli.js";
import type { Capture } from "../../src/capture/format.js";
import type { RunReport } from "../../src/model/result.js";
import { startFleet } from "../../src/simulator/fleet.js";
import { fleetInventoryYaml } from "../../src/simulator/inventory.js";
import { withSuiteOutputs } from "../../src/platforms/paloalto_panos/simulator/suite/index.js";
import { PANOS_PHY_COMMAND, panosDevice, type PortSpec } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import type { SimFleet } from "../../src/simulator/types.js";

const CREDS = { username: "audit", password: "capture-Pa55" };
const OEM: PortSpec = { slot: 1, port: 1, sfp: { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", serial: "A1" } };
const FS: PortSpec = { slot: 1, port: 2, sfp: { vendorName: "FS", partNumber: "SFP-10GSR-85", serial: "B2" } };


let fleet: SimFleet;
let dir: string;

beforeAll(async () => {
  fleet = await startFleet([
    withSuiteOutputs(panosDevice({ name: "fw-ok", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM], ...CREDS })),
    withSuiteOutputs(panosDevice({ name: "fw-bad", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM, FS], ...CREDS })),
    withSuiteOutputs(panosDevice({ name: "fw-down", model: "PA-850", swVersion: "9.1.14", ports: [OEM], ...CREDS, faults: [{ kind: "refuse" }] })),
    withSuiteOutputs(panosDevice({ name: "fw-cut", model: "PA-850", swVersion: "9.1.14", ports: [OEM], ...CREDS, faults: [{ kind: "disconnect-mid-output", command: PANOS_PHY_COMMAND }] })),
  ]);
  dir = mkdtempSync(join(tmpdir(), "preflight-capture-"));
  writeFileSync(join(dir, "inventory.yaml"), fleetInventoryYaml(fleet, { group: "lab", targetVersion: "10.2.4-h4" }));
  writeFileSync(join(dir, "known_hosts"), fleet.knownHosts());
});

afterAll(async () => {
  await fleet?.close();
});

const strip = (r: RunReport) => r.devices.map(({ durationMs: _d, ...d }) => d);

describe("capture and replay", () => {
  it("replaying a capture gives the same results as the live run, with no SSH", async () => {
    const env = { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password };
    const common = ["-i", join(dir, "inventory.yaml"), "--known-hosts", join(dir, "known_hosts"), "--no-progress"];
    const live = await preflight(["run", ...common, "--out", join(dir, "live")], env);
    expect(live.code).toBe(1);
    const captured = await preflight(["capture", ...common, "--out", join(dir, "capture")], env);
    expect(captured.code).toBe(2);
    expect(captured.stdout).toMatch(/captured \d+ outputs from 4 of 4 devices/);
    const manifest = JSON.parse(readFileSync(join(dir, "capture", "capture.json"), "utf8")) as Capture;
    expect(manifest.devices.map((d) => d.device.name)).toEqual(["fw-ok", "fw-bad", "fw-down", "fw-cut"]);
    expect(manifest.devices[2]?.connectError?.kind).toBe("connect-refused");
    const phy = manifest.devices[1]?.commands.find((c) => c.command === PANOS_PHY_COMMAND);
    expect(readFileSync(join(dir, "capture", phy!.file!), "utf8")).toContain("SFP-10GSR-85");
    expect(existsSync(join(dir, "capture", "capture.json"))).toBe(true);
    expect(readFileSync(join(dir, "capture", "capture.json"), "utf8")).not.toContain(CREDS.password);

    await fleet.close(); // replay must not need the devices
    const replay = await preflight(["run", "--from-capture", join(dir, "capture"), "--out", join(dir, "replay"), "--no-progress"]);
    expect(replay.stderr).toBe("");
    expect(replay.code).toBe(1);
    const a = JSON.parse(readFileSync(join(dir, "live", "report.json"), "utf8")) as RunReport;
    const b = JSON.parse(readFileSync(join(dir, "replay", "report.json"), "utf8")) as RunReport;
    expect(strip(b)).toEqual(strip(a));
    expect(b.meta.fromCapture).toBeTruthy();
    expect(b.devices.map((d) => d.status)).toEqual(["ready", "blocked", "unreachable", "error"]);
  });
});
