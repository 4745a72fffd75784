// --data-dir: the user's approved parts outside the installed tree, through the built binary against a simulated
// firewall over SSH. DIR/paloalto_panos/transceivers.local.yaml replaces the pack's empty data/transceivers.local.yaml.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preflight } from "../helpers/cli.js";
import type { RunReport } from "../../src/model/result.js";
import { validateReport } from "../../src/report/validate-report.js";
import { startFleet } from "../../src/simulator/fleet.js";
import { fleetInventoryYaml } from "../../src/simulator/inventory.js";
import type { SimFleet } from "../../src/simulator/types.js";
import { panosDevice, type PortSpec } from "../../src/platforms/paloalto_panos/simulator/outputs.js";

const CREDS = { username: "audit", password: "data-Dir-pw" };
// A Palo Alto-supplied optic as the device reports it (vendor-name OEM, the PAN SKU as part number: PR #111 capture).
const OEM: PortSpec = { slot: 1, port: 1, sfp: { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", serial: "OEM1" } };
const ACME: PortSpec = { slot: 1, port: 2, sfp: { vendorName: "ACME OPTICS", partNumber: "SFP-10G-NEW", serial: "N1" } };
const APPROVED = 'parts:\n  - sku: ACME-SFP-10G\n    min_panos: "10.2.1"\n    oem: [{ vendor: "ACME OPTICS", part: "SFP-10G-NEW" }]\n';

let fleet: SimFleet;
let dir: string;

beforeAll(async () => {
  fleet = await startFleet([panosDevice({ name: "fw-acme", model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM, ACME], ...CREDS })]);
  dir = mkdtempSync(join(tmpdir(), "preflight-data-dir-"));
  writeFileSync(join(dir, "inventory.yaml"), fleetInventoryYaml(fleet, { group: "dc", targetVersion: "10.2.4-h4" }));
  writeFileSync(join(dir, "known_hosts"), fleet.knownHosts());
});

afterAll(async () => {
  await fleet?.close();
});

const run = (out: string, extra: string[]) =>
  preflight(
    ["run", "-i", join(dir, "inventory.yaml"), "--known-hosts", join(dir, "known_hosts"), "--checks", "panos-transceivers-supported", "--path", "10.2.0,10.2.4-h4", "--out", join(dir, out), "--no-progress", "--format", "json", ...extra],
    { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password },
  );

const hops = (out: string) => {
  const report = JSON.parse(readFileSync(join(dir, out, "report.json"), "utf8")) as RunReport;
  return report.devices[0]?.checks.find((c) => c.id === "panos-transceivers-supported")?.findings.map((f) => [f.key, f.hop]);
};

describe("--data-dir", () => {
  it("without it, the third-party part fails at every hop", async () => {
    const r = await run("none", []);
    expect(r.code).toBe(1);
    expect((JSON.parse(readFileSync(join(dir, "none", "report.json"), "utf8")) as RunReport).meta.userData).toBeUndefined();
    expect(hops("none")).toEqual([
      ["ethernet1/2", "10.2.0"],
      ["ethernet1/2", "10.2.4-h4"],
    ]);
  });

  it("approves a part from its min_panos on: the path that boots 10.2.0 first is blocked at that hop only", async () => {
    const data = join(dir, "site-data");
    mkdirSync(join(data, "paloalto_panos"), { recursive: true });
    writeFileSync(join(data, "paloalto_panos", "transceivers.local.yaml"), APPROVED);
    const r = await run("approved", ["--data-dir", data]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(hops("approved")).toEqual([["ethernet1/2", "10.2.0"]]);
    // The report names the user's file, with the hash of its bytes, and the check that read it.
    const report = JSON.parse(readFileSync(join(dir, "approved", "report.json"), "utf8")) as RunReport;
    expect(validateReport(report)).toEqual({ ok: true });
    expect(report.meta.userData).toEqual([{ file: expect.stringContaining(join("paloalto_panos", "transceivers.local.yaml")) as string, sha256: createHash("sha256").update(APPROVED).digest("hex"), checks: ["panos-transceivers-supported"] }]);
  });

  it("takes the data dir from the inventory's data_dir, relative to the inventory file; --data-dir wins", async () => {
    const site = join(dir, "inventory-site");
    mkdirSync(join(site, "data", "paloalto_panos"), { recursive: true });
    writeFileSync(join(site, "data", "paloalto_panos", "transceivers.local.yaml"), APPROVED);
    const inventory = join(site, "inventory.yaml");
    writeFileSync(inventory, `data_dir: data\n${readFileSync(join(dir, "inventory.yaml"), "utf8")}`);
    const args = (out: string, extra: string[] = []) =>
      preflight(
        ["run", "-i", inventory, "--known-hosts", join(dir, "known_hosts"), "--checks", "panos-transceivers-supported", "--path", "10.2.0,10.2.4-h4", "--out", join(dir, out), "--no-progress", "--format", "json", ...extra],
        { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password },
      );
    const fromInventory = await args("from-inventory");
    expect(fromInventory.stderr).toBe("");
    expect(hops("from-inventory")).toEqual([["ethernet1/2", "10.2.0"]]);
    // An empty data dir on the command line replaces the inventory's: the part is third-party again.
    mkdirSync(join(dir, "empty-data"));
    await args("overridden", ["--data-dir", join(dir, "empty-data")]);
    expect(hops("overridden")).toEqual([
      ["ethernet1/2", "10.2.0"],
      ["ethernet1/2", "10.2.4-h4"],
    ]);
  });

  it("a broken file in the data dir is exit 3 with its file:line:col, before any device is contacted", async () => {
    const data = join(dir, "broken-data");
    mkdirSync(join(data, "paloalto_panos"), { recursive: true });
    const broken = join(data, "paloalto_panos", "transceivers.local.yaml");
    writeFileSync(broken, "parts:\n  - sku: ACME-SFP-10G\n    oem: [{ vendor: \"ACME OPTICS\", part: SFP-10G-NEW\n");
    const r = await run("broken", ["--data-dir", data]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:\\d+:\\d+: `));
    // Nothing was audited: no report is written for a run that never started.
    expect(existsSync(join(dir, "broken", "report.json"))).toBe(false);
  });

  it("a data dir that is not there is exit 3, named", async () => {
    const r = await run("missing", ["--data-dir", join(dir, "no-such-folder")]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("--data-dir");
    expect(r.stderr).toContain("no-such-folder");
  });
});
