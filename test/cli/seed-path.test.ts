// The incident's own path, through the built binary against a simulated firewall over SSH: PAN-OS 9.1.14 taken
// 10.1.0 -> 10.2.0 -> 10.2.4-h4 (`--path`). The path skips 10.0, which the upgrade rules forbid: that is a blocking
// result of its own, and every hop is still audited, so the engineer sees both the skipped release and the optics.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preflight } from "../helpers/cli.js";
import type { RunReport } from "../../src/model/result.js";
import { startFleet } from "../../src/simulator/fleet.js";
import { fleetInventoryYaml } from "../../src/simulator/inventory.js";
import type { SimFleet } from "../../src/simulator/types.js";
import { panosDevice, type PortSpec } from "../../src/platforms/paloalto_panos/simulator/outputs.js";

const CREDS = { username: "audit", password: "seed-Path-pw" };
// A Palo Alto-supplied optic as the device reports it (vendor-name OEM, the PAN SKU as part number: PR #111 capture).
const OEM: PortSpec = { slot: 1, port: 1, sfp: { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", serial: "OEM1" } };
const FS: PortSpec = { slot: 1, port: 9, sfp: { vendorName: "FS", partNumber: "SFP-10GSR-85", serial: "FS1" } };

let fleet: SimFleet;
let dir: string;

beforeAll(async () => {
  fleet = await startFleet([panosDevice({ name: "fw-seed", model: "PA-3220", swVersion: "9.1.14", ports: [OEM, FS], ...CREDS })]);
  dir = mkdtempSync(join(tmpdir(), "preflight-seed-path-"));
  writeFileSync(join(dir, "inventory.yaml"), fleetInventoryYaml(fleet, { group: "dc", targetVersion: "10.2.4-h4" }));
  writeFileSync(join(dir, "known_hosts"), fleet.knownHosts());
});

afterAll(async () => {
  await fleet?.close();
});

const run = (out: string, extra: string[] = []) =>
  preflight(
    ["run", "-i", join(dir, "inventory.yaml"), "--known-hosts", join(dir, "known_hosts"), "--checks", "panos-transceivers-supported", "--path", "10.1.0,10.2.0,10.2.4-h4", "--out", join(dir, out), "--no-progress", "--format", "json", ...extra],
    { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password },
  );

describe("the incident's path from 9.1.14", () => {
  it("with --strict-path, refuses the path: the broken rule blocks and the other checks are skipped, saying why", async () => {
    const r = await run("strict", ["--strict-path"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, "strict", "report.json"), "utf8")) as RunReport;
    const [device] = report.devices;
    expect(device?.status).toBe("blocked");
    expect(device?.checks.map((c) => [c.id, c.status])).toEqual([
      ["preflight-upgrade-path", "fail"],
      ["panos-transceivers-supported", "skip"],
    ]);
    expect(device?.checks[1]?.reason).toContain("--strict-path");
  });

  it("audits every hop, blocks on the skipped release and on the optic, and exits 1", async () => {
    const out = join(dir, "out");
    const r = await run("out");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as RunReport;
    const [device] = report.devices;
    expect(device?.status).toBe("blocked");
    expect(device?.upgradePath).toEqual(["10.1.0", "10.2.0", "10.2.4-h4"]);
    const path = device?.checks.find((c) => c.id === "preflight-upgrade-path");
    expect(path?.status).toBe("fail");
    expect(path?.reason).toBe("the explicit upgrade path (inventory or --path) breaks the upgrade rules");
    expect(path?.findings.map((f) => f.message).join("\n")).toMatch(/10\.0/);
    const optics = device?.checks.find((c) => c.id === "panos-transceivers-supported");
    expect(optics?.status).toBe("fail");
    // The third-party optic is named at every hop the firewall boots; the genuine one at none.
    expect(optics?.findings.map((f) => [f.key, f.hop])).toEqual([
      ["ethernet1/9", "10.1.0"],
      ["ethernet1/9", "10.2.0"],
      ["ethernet1/9", "10.2.4-h4"],
    ]);
  });
});
