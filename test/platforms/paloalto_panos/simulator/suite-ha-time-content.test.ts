// The HA / time / content suite of simulator outputs against its five checks, through the real engine:
// `healthy` passes every check, and each problem fails exactly its own check and nothing else.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { gatheredOutputs, withProblem } from "../../../helpers/suite.js";
import { evaluateCheck, type DeviceContext, type GatheredOutput } from "../../../../src/checks/evaluate.js";
import { loadChecks } from "../../../../src/checks/library.js";
import type { LoadedCheck } from "../../../../src/checks/types.js";
import { HA_ALL, NTP, SYSTEM_INFO, healthy, problems, type SuiteProblem } from "../../../../src/platforms/paloalto_panos/simulator/suite/ha-time-content.js";
import { packagePath } from "../../../../src/util/package-root.js";

const CHECK_IDS = ["panos-ha-peer-state", "panos-ha-config-synchronised", "panos-ha-version-compatible", "panos-ntp-synchronised", "panos-content-version"];

const loaded = await loadChecks(CHECK_IDS);
const checks: LoadedCheck[] = loaded.checks;

// The content check compares with the target's minimum: 10.2 is the feature release with a known minimum.
const device: DeviceContext = {
  name: "fw-1",
  platform: "paloalto_panos",
  groups: [],
  tags: [],
  vars: {},
  facts: { model: "PA-5020", softwareVersion: "10.1.14" },
  hop: { version: "10.2.4-h4", feature_release: "10.2" },
  hops: [{ version: "10.2.4-h4", feature_release: "10.2" }],
};

/** Outputs as the gather step keys them: text by command, XML mode as `xml:<command>`. */
function gathered(problem?: SuiteProblem): Map<string, GatheredOutput> {
  return gatheredOutputs(withProblem(healthy, problem));
}

function statuses(problem?: SuiteProblem): Record<string, string> {
  const outputs = gathered(problem);
  return Object.fromEntries(checks.map((c) => [c.definition.id, evaluateCheck(c, device, outputs).status]));
}

describe("simulator suite: HA, time, content", () => {
  it("loads the five checks", () => {
    expect(loaded.diagnostics).toEqual([]);
    expect(checks.map((c) => c.definition.id).sort()).toEqual([...CHECK_IDS].sort());
  });

  it("embeds the real captures byte for byte", () => {
    const fixture = (path: string): string => readFileSync(packagePath("fixtures", "paloalto_panos", path), "utf8");
    expect(HA_ALL).toBe(fixture("show_high-availability_all/ntc-templates__tests__paloalto_panos__show_high-availability_all__paloalto_panos_show_high-availability_all.raw"));
    expect(NTP).toBe(fixture("show_ntp/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_ntp_servers__L1290-1308.xml"));
    expect(SYSTEM_INFO).toBe(fixture("show_system_info/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_device_software_version__L2268-2315.xml"));
  });

  it("healthy passes every check", () => {
    expect(statuses()).toEqual(Object.fromEntries(CHECK_IDS.map((id) => [id, "pass"])));
  });

  it("has one problem per check", () => {
    expect(Object.values(problems).map((p) => p.expect.check).sort()).toEqual([...CHECK_IDS].sort());
  });

  for (const [name, problem] of Object.entries(problems)) {
    it(`${name}: ${problem.expect.check} is ${problem.expect.status}, every other check passes`, () => {
      const expected = Object.fromEntries(CHECK_IDS.map((id) => [id, id === problem.expect.check ? problem.expect.status : "pass"]));
      expect(statuses(problem)).toEqual(expected);
      const result = evaluateCheck(checks.find((c) => c.definition.id === problem.expect.check)!, device, gathered(problem));
      expect(result.findings.length).toBeGreaterThan(0);
    });
  }
});
