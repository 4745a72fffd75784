// `preflight run` (the built binary, as a pipeline runs it) against simulated EOS switches over SSH: exit codes,
// a schema-valid report with the switches in inventory order, and `preflight list --platform arista_eos`.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunReport } from "../../../src/model/result.js";
import { eosImage, eosSwitch } from "../../../src/platforms/arista_eos/simulator/switch.js";
import { validateReport } from "../../../src/report/validate-report.js";
import { startFleet } from "../../../src/simulator/fleet.js";
import { fleetInventoryYaml } from "../../../src/simulator/inventory.js";
import type { SimFleet } from "../../../src/simulator/types.js";
import { preflight, ROOT } from "../../helpers/cli.js";

const CREDS = { username: "audit", password: "eos-cli-Pa55word" };
const TARGET = "4.30.2F";
const images = [eosImage("4.28.3M"), eosImage(TARGET)];
const env = { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password };

let fleet: SimFleet;
let dir: string;
let inventory: string;
let knownHosts: string;

beforeAll(async () => {
  fleet = await startFleet([
    eosSwitch({ name: "leaf1", ...CREDS, images, tags: ["ok"] }),
    eosSwitch({ name: "leaf2", ...CREDS, images, powerLoss: true, tags: ["psu"] }),
    eosSwitch({ name: "leaf3", ...CREDS, images, faults: [{ kind: "refuse" }], tags: ["down"] }),
  ]);
  dir = mkdtempSync(join(tmpdir(), "preflight-eos-cli-"));
  inventory = join(dir, "inventory.yaml");
  knownHosts = join(dir, "known_hosts");
  writeFileSync(inventory, fleetInventoryYaml(fleet, { group: "leaves", targetVersion: TARGET }));
  writeFileSync(knownHosts, fleet.knownHosts());
});

afterAll(async () => {
  await fleet?.close();
});

const run = (extra: string[], out: string) => preflight(["run", "-i", inventory, "--known-hosts", knownHosts, "--out", join(dir, out), "--no-progress", ...extra], env);

describe("preflight run against simulated EOS switches", () => {
  it("exits 0 for a healthy switch", async () => {
    const r = await run(["--tag", "ok"], "ok");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 ready/);
  });

  it("exits 1 with a blocked switch and writes a schema-valid report in inventory order", async () => {
    const r = await run([], "all");
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, "all", "report.json"), "utf8")) as RunReport;
    expect(validateReport(report)).toEqual({ ok: true });
    expect(report.devices.map((d) => [d.name, d.platform, d.status])).toEqual([
      ["leaf1", "arista_eos", "ready"],
      ["leaf2", "arista_eos", "blocked"],
      ["leaf3", "arista_eos", "unreachable"],
    ]);
    expect(report.devices[0]?.facts).toMatchObject({ hostname: "leaf1", model: "DCS-7280SR-48C6-M-R", softwareVersion: "4.28.3M" });
    const failing = report.devices[1]?.checks.filter((c) => c.status !== "pass" && c.status !== "not-applicable");
    expect(failing?.map((c) => [c.id, c.findings[0]?.message])).toEqual([["eos-power-supplies-ok", "power supply 2 (PWR-00194-01) is powerLoss"]]);
    expect(report.meta.checks.filter((c) => c.id.startsWith("eos-")).length).toBe(12);
    for (const text of [r.stdout, r.stderr, JSON.stringify(report)]) expect(text).not.toContain(CREDS.password);
  });

  it("exits 2 when nothing is blocked but a switch is unreachable", async () => {
    const r = await run(["--tag", "ok,down"], "incomplete");
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/connection refused/);
  });
});

describe("preflight test with your own approved optics", () => {
  it("accepts a third-party optic once its manufacturer and model are in transceivers.local.yaml", async () => {
    const pack = join(dir, "pack");
    mkdirSync(join(pack, "data"), { recursive: true });
    mkdirSync(join(pack, "tests"), { recursive: true });
    const src = join(ROOT, "checks", "arista_eos");
    copyFileSync(join(src, "eos-transceivers-approved.yaml"), join(pack, "eos-transceivers-approved.yaml"));
    writeFileSync(join(pack, "data", "transceivers.local.yaml"), "parts:\n  - { vendor: prolabs, part: CAB-Q-Q-100G-5MC }\n  - { vendor: CISCO-ACACIA, part: DP04QSDD-HE0-290 }\n");
    const inv = join(ROOT, "fixtures", "arista_eos", "show_inventory", "ntc-templates__tests__arista_eos__show_inventory__arista_eos_show_inventory2.raw");
    writeFileSync(
      join(pack, "tests", "eos-transceivers-approved.yaml"),
      ["check: eos-transceivers-approved", "cases:", "  - name: only the optic left off the list fails", "    outputs:", `      inv: { file: ${JSON.stringify(inv)} }`, "    expect:", "      status: fail", "      findings:", '        - key: "53"', ""].join("\n"),
    );
    const r = await preflight(["test", pack]);
    expect(r.stdout).toContain("✓ only the optic left off the list fails");
    expect(r.code).toBe(0);
  });
});

describe("preflight list --platform arista_eos", () => {
  it("shows the EOS pack", async () => {
    const r = await preflight(["list", "--platform", "arista_eos"]);
    expect(r.code).toBe(0);
    for (const id of ["eos-flash-free-space", "eos-target-image-on-flash", "eos-boot-image-present", "eos-running-config-saved", "eos-mlag-healthy", "eos-power-supplies-ok", "eos-cooling-ok", "eos-temperature-ok", "eos-bgp-peers-established", "eos-transceivers-approved", "eos-no-core-dumps", "eos-last-reload-cause"]) {
      expect(r.stdout).toContain(id);
    }
    expect(r.stdout).not.toContain("panos-");
  });
});
