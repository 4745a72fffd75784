// The disk / resources / hardware suite of simulator outputs against its five checks, through the real engine:
// `healthy` passes every check, and each problem trips exactly its own check and nothing else.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { gatheredOutputs, withProblem } from "../../../helpers/suite.js";
import { evaluateCheck, type DeviceContext, type GatheredOutput } from "../../../../src/checks/evaluate.js";
import { loadChecks } from "../../../../src/checks/library.js";
import type { LoadedCheck } from "../../../../src/checks/types.js";
import {
  DISK_SPACE,
  ENVIRONMENTALS,
  ENVIRONMENTALS_PSU_ALARM,
  RESOURCE_MONITOR,
  SYSTEM_RESOURCES,
  SYSTEM_RESOURCES_BUSY,
  healthy,
  problems,
  type SuiteProblem,
} from "../../../../src/platforms/paloalto_panos/simulator/suite/resources-hardware.js";
import { packagePath } from "../../../../src/util/package-root.js";

const CHECK_IDS = ["panos-disk-space-panrepo", "panos-mp-resources", "panos-dataplane-load", "panos-environmentals", "panos-images-downloaded"];

const loaded = await loadChecks(CHECK_IDS);
const checks: LoadedCheck[] = loaded.checks;

const hop = (version: string): { version: string; feature_release: string } => ({ version, feature_release: version.split(".").slice(0, 2).join(".") });

// Two contexts: the planned path the runner gives (base image downloaded only), and just the target.
const planned: DeviceContext = {
  name: "fw-1",
  platform: "paloalto_panos",
  groups: [],
  tags: [],
  vars: {},
  facts: { model: "PA-3220", softwareVersion: "10.1.14" },
  hop: hop("10.2.4-h4"),
  hops: [hop("10.2.4-h4")],
  downloads: ["10.2.0", "10.2.4-h4"],
};
const explicitPath: DeviceContext = { ...planned, hops: ["10.1.0", "10.2.0", "10.2.4-h4"].map(hop), downloads: undefined };

/** Outputs as the gather step keys them: text by command, XML mode as `xml:<command>`. */
function gathered(problem?: SuiteProblem): Map<string, GatheredOutput> {
  return gatheredOutputs(withProblem(healthy, problem));
}

function statuses(device: DeviceContext, problem?: SuiteProblem): Record<string, string> {
  const outputs = gathered(problem);
  return Object.fromEntries(checks.map((c) => [c.definition.id, evaluateCheck(c, device, outputs).status]));
}

describe("simulator suite: disk, resources, hardware", () => {
  it("loads the five checks", () => {
    expect(loaded.diagnostics).toEqual([]);
    expect(checks.map((c) => c.definition.id).sort()).toEqual([...CHECK_IDS].sort());
  });

  it("embeds the fixtures byte for byte", () => {
    const fixture = (path: string): string => readFileSync(packagePath("fixtures", "paloalto_panos", path), "utf8");
    const upgradeAssurance = "pan-os-upgrade-assurance__tests__test_firewall_proxy.py__";
    expect(DISK_SPACE).toBe(fixture(`show_system_disk-space/${upgradeAssurance}test_get_disk_utilization_ok__L1319-1334.cdata.txt`));
    expect(SYSTEM_RESOURCES).toBe(fixture(`show_system_resources/${upgradeAssurance}test_get_mp_mem_utilization__L3241-3255.cdata.txt`));
    expect(SYSTEM_RESOURCES_BUSY).toBe(fixture("show_system_resources/written-by-preflight__procps3-busy.txt"));
    expect(RESOURCE_MONITOR).toBe(fixture(`show_running_resource-monitor_minute/${upgradeAssurance}test_get_dp_cpu_utilization__L2591-2622.xml`));
    expect(ENVIRONMENTALS_PSU_ALARM).toBe(fixture(`show_system_environmentals/${upgradeAssurance}test_get_system_environmentals__L2470-2530.xml`));
    expect(ENVIRONMENTALS).toBe(fixture("show_system_environmentals/written-by-preflight__all-ok.xml"));
  });

  it("the .cdata.txt fixtures are exactly the CDATA of the real XML captures", () => {
    const dir = (d: string): string => packagePath("fixtures", "paloalto_panos", d);
    for (const [d, name] of [
      ["show_system_disk-space", "pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_disk_utilization_ok__L1319-1334"],
      ["show_system_disk-space", "pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_disk_utilization_no_unit__L1418-1426"],
      ["show_system_resources", "pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_mp_mem_utilization__L3241-3255"],
    ] as const) {
      const xml = readFileSync(`${dir(d)}/${name}.xml`, "utf8");
      expect(readFileSync(`${dir(d)}/${name}.cdata.txt`, "utf8")).toBe(/<!\[CDATA\[([\s\S]*?)\]\]>/.exec(xml)?.[1]);
    }
  });

  for (const [label, device] of [["planned path", planned], ["explicit path", explicitPath]] as const) {
    it(`healthy passes every check (${label})`, () => {
      expect(statuses(device)).toEqual(Object.fromEntries(CHECK_IDS.map((id) => [id, "pass"])));
    });
  }

  it("has one problem per check", () => {
    expect(Object.values(problems).map((p) => p.expect.check).sort()).toEqual([...CHECK_IDS].sort());
  });

  for (const [name, problem] of Object.entries(problems)) {
    for (const [label, device] of [["planned path", planned], ["explicit path", explicitPath]] as const) {
      it(`${name}: ${problem.expect.check} is ${problem.expect.status}, every other check passes (${label})`, () => {
        const expected = Object.fromEntries(CHECK_IDS.map((id) => [id, id === problem.expect.check ? problem.expect.status : "pass"]));
        expect(statuses(device, problem)).toEqual(expected);
        const result = evaluateCheck(checks.find((c) => c.definition.id === problem.expect.check)!, device, gathered(problem));
        expect(result.findings.length).toBeGreaterThan(0);
        expect(result.findings.every((f) => f.message.length > 0)).toBe(true);
      });
    }
  }
});
