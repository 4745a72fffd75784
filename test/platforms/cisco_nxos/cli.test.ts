// `preflight run` (the built binary, as a pipeline runs it) against simulated NX-OS switches over SSH: exit codes,
// a schema-valid report with the switches in inventory order, the user's approved optics, and
// `preflight list --platform cisco_nxos`.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunReport } from "../../../src/model/result.js";
import { nxosShowTransceivers, nxosSwitch } from "../../../src/platforms/cisco_nxos/simulator/switch.js";
import { validateReport } from "../../../src/report/validate-report.js";
import { startFleet } from "../../../src/simulator/fleet.js";
import { fleetInventoryYaml } from "../../../src/simulator/inventory.js";
import type { SimFleet } from "../../../src/simulator/types.js";
import { preflight, ROOT } from "../../helpers/cli.js";

const CREDS = { username: "audit", password: "nxos-cli-Pa55word" };
const TARGET = "10.3(4a)";
const env = { PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password };

let fleet: SimFleet;
let dir: string;
let inventory: string;
let knownHosts: string;

beforeAll(async () => {
  fleet = await startFleet([
    nxosSwitch({ name: "n9k1", ...CREDS, tags: ["ok"] }),
    nxosSwitch({ name: "n9k2", ...CREDS, vpc: "keepalive-down", tags: ["vpc"] }),
    nxosSwitch({ name: "n9k3", ...CREDS, faults: [{ kind: "refuse" }], tags: ["down"] }),
    nxosSwitch({ name: "n9k4", ...CREDS, faults: [{ kind: "garbage", command: "show vpc | json" }], tags: ["garbled"] }),
  ]);
  dir = mkdtempSync(join(tmpdir(), "preflight-nxos-cli-"));
  inventory = join(dir, "inventory.yaml");
  knownHosts = join(dir, "known_hosts");
  writeFileSync(inventory, fleetInventoryYaml(fleet, { group: "leaves", targetVersion: TARGET }));
  writeFileSync(knownHosts, fleet.knownHosts());
});

afterAll(async () => {
  await fleet?.close();
});

const run = (extra: string[], out: string) => preflight(["run", "-i", inventory, "--known-hosts", knownHosts, "--out", join(dir, out), "--no-progress", ...extra], env);

describe("preflight run against simulated NX-OS switches", () => {
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
      ["n9k1", "cisco_nxos", "ready"],
      ["n9k2", "cisco_nxos", "blocked"],
      ["n9k3", "cisco_nxos", "unreachable"],
      ["n9k4", "cisco_nxos", "error"],
    ]);
    expect(report.devices[0]?.facts).toMatchObject({ hostname: "n9k1", model: "Nexus9000 C93180YC-FX", softwareVersion: "9.3(10)" });
    const failing = report.devices[1]?.checks.filter((c) => c.status !== "pass" && c.status !== "not-applicable");
    expect(failing?.map((c) => [c.id, c.findings[0]?.message])).toEqual([
      ["nxos-vpc-healthy", "vPC domain 10 is not healthy: peer peer-ok, keepalive peer-not-alive, consistency consistent, type-2 consistent"],
    ]);
    expect(report.devices[3]?.checks.find((c) => c.id === "nxos-vpc-healthy")?.status).toBe("error");
    expect(report.meta.checks.filter((c) => c.id.startsWith("nxos-")).length).toBe(8);
    for (const text of [r.stdout, r.stderr, JSON.stringify(report)]) expect(text).not.toContain(CREDS.password);
  });

  it("exits 2 when nothing is blocked but a switch is unreachable", async () => {
    const r = await run(["--tag", "ok,down"], "incomplete");
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/connection refused/);
  });
});

describe("preflight test with your own approved NX-OS optics", () => {
  it("accepts a third-party optic once its vendor and part are in transceivers.local.yaml", async () => {
    const pack = join(dir, "pack");
    mkdirSync(join(pack, "data"), { recursive: true });
    mkdirSync(join(pack, "tests"), { recursive: true });
    copyFileSync(join(ROOT, "checks", "cisco_nxos", "nxos-transceivers-approved.yaml"), join(pack, "nxos-transceivers-approved.yaml"));
    writeFileSync(join(pack, "data", "transceivers.local.yaml"), "parts:\n  - { vendor: fs, part: qsfp28-sr4-100g }\n");
    const output = JSON.stringify(nxosShowTransceivers(true));
    writeFileSync(
      join(pack, "tests", "nxos-transceivers-approved.yaml"),
      ["check: nxos-transceivers-approved", "cases:", "  - name: the approved FS optic passes", "    outputs:", `      xcvr: ${output}`, "    expect:", "      status: pass", ""].join("\n"),
    );
    const r = await preflight(["test", pack]);
    expect(r.stdout).toContain("✓ the approved FS optic passes");
    expect(r.code).toBe(0);
  });
});

describe("preflight list --platform cisco_nxos", () => {
  it("shows the NX-OS pack", async () => {
    const r = await preflight(["list", "--platform", "cisco_nxos"]);
    expect(r.code).toBe(0);
    for (const id of ["nxos-bootflash-free-space", "nxos-boot-variables", "nxos-running-config-saved", "nxos-vpc-healthy", "nxos-modules-online", "nxos-bgp-peers-established", "nxos-system-resources", "nxos-transceivers-approved"]) {
      expect(r.stdout).toContain(id);
    }
    expect(r.stdout).not.toContain("eos-");
  });
});
