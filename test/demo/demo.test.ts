// The demo end to end at a small size: every platform's demo fleet in one inventory and one run, each device
// classified as its fleet says (runDemo returns 0 only then), one report listing every device of every platform.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demoEstate } from "../../src/demo/estate.js";
import { DEMO_CREDENTIALS, runDemo } from "../../src/demo/run-demo.js";
import type { RunReport } from "../../src/model/result.js";
import { platformsWithDemoFleets } from "../../src/platforms/registry.js";

const sink = () => {
  let text = "";
  return { write: (s: string) => (text += s), text: () => text };
};

describe("the demo estate", () => {
  it("holds every platform's demo fleet, one group and target per platform, device names unique", async () => {
    const estate = await demoEstate({ devices: 20, credentials: DEMO_CREDENTIALS });
    expect(estate.parts.map((p) => p.platform)).toEqual(platformsWithDemoFleets());
    expect(platformsWithDemoFleets()).toEqual(expect.arrayContaining(["paloalto_panos", "arista_eos"]));
    expect(estate.parts[0]!.specs).toHaveLength(20);
    for (const part of estate.parts.slice(1)) expect(part.specs).toHaveLength(5);
    expect(new Set(estate.specs.map((s) => s.name)).size).toBe(estate.specs.length);
    expect(estate.platformGroups.arista_eos).toEqual({ group: "arista_eos", targetVersion: "4.30.2F" });
    for (const part of estate.parts) expect(new Set(part.specs.map((s) => estate.expected(s)))).toContain("blocked");
  });

  it("restricts to the platforms asked for", async () => {
    const estate = await demoEstate({ devices: 10, platforms: ["arista_eos"], credentials: DEMO_CREDENTIALS });
    expect(estate.parts.map((p) => p.platform)).toEqual(["arista_eos"]);
    expect(estate.specs).toHaveLength(10);
    expect(estate.specs.map((s) => estate.expected(s))).toEqual(["ready", "ready", "blocked", "unreachable", "blocked", "ready", "blocked", "ready", "blocked", "blocked"]);
  });
});

describe("the Junos demo fleet", () => {
  it("plants one problem per device on MX routers and SRX clusters, one router refused", async () => {
    const estate = await demoEstate({ devices: 10, platforms: ["juniper_junos"], credentials: DEMO_CREDENTIALS });
    expect(estate.platformGroups.juniper_junos).toEqual({ group: "juniper_junos", targetVersion: "23.4R2-S3" });
    expect(estate.specs.map((s) => [s.name, estate.expected(s)])).toEqual([
      ["mx-001", "ready"], ["srx-002", "ready"], ["mx-003", "blocked"], ["mx-004", "unreachable"], ["mx-005", "blocked"],
      ["mx-006", "blocked"], ["mx-007", "blocked"], ["srx-008", "ready"], ["mx-009", "blocked"], ["srx-010", "blocked"],
    ]);
  });
});

describe("runDemo", () => {
  it("audits the mixed estate in one run and classifies every device as expected", async () => {
    const dir = mkdtempSync(join(tmpdir(), "preflight-demo-"));
    const stdout = sink();
    const stderr = sink();
    const code = await runDemo({ dir, devices: 12, concurrency: 10 }, { stdout, stderr, env: {}, cwd: dir });
    expect(stderr.text()).not.toContain("demo:");
    expect(code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, "report", "report.json"), "utf8")) as RunReport;
    const estate = await demoEstate({ devices: 12, credentials: DEMO_CREDENTIALS });
    expect(report.devices.map((d) => d.name)).toEqual(estate.specs.map((s) => s.name));
    expect(new Set(report.devices.map((d) => d.platform))).toEqual(new Set(platformsWithDemoFleets()));
    expect(stdout.text()).toContain("simulated Arista EOS switches");
    expect(stdout.text()).not.toContain(DEMO_CREDENTIALS.password);
  }, 120_000);
});
