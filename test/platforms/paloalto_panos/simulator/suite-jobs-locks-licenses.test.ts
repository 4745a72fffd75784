// The jobs/locks/licences suite's simulator outputs: the healthy firewall passes every check of the area, and
// each problem trips exactly its own check (with the expected status and at least one finding) and no other.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { gatheredOutputs } from "../../../helpers/suite.js";
import { loadChecks } from "../../../../src/checks/library.js";
import { evaluateCheck, type DeviceContext, type GatheredOutput } from "../../../../src/checks/evaluate.js";
import type { LoadedCheck } from "../../../../src/checks/types.js";
import { healthy, problems, type SuiteOutputs } from "../../../../src/platforms/paloalto_panos/simulator/suite/jobs-locks-licenses.js";

const CHECK_IDS = [
  "panos-jobs-idle",
  "panos-jobs-no-recent-failures",
  "panos-config-locks",
  "panos-commit-locks",
  "panos-pending-changes",
  "panos-licenses-valid",
  "panos-licenses-expiring",
  "panos-support-valid",
];

const { checks, diagnostics } = await loadChecks(CHECK_IDS.map((id) => new URL(`../../../../checks/paloalto_panos/${id}.yaml`, import.meta.url).pathname));

const device: DeviceContext = {
  name: "sim-fw",
  platform: "paloalto_panos",
  groups: [],
  tags: [],
  vars: {},
  facts: { hostname: "sim-fw", model: "PA-VM", serial: "007054000000001", softwareVersion: "10.1.9-h1" },
  hop: { version: "10.2.4-h4", feature_release: "10.2" },
};

/** What the runner would gather for these checks from a device with these outputs. */
function gathered(outputs: SuiteOutputs): Map<string, GatheredOutput> {
  return gatheredOutputs(outputs);
}

function statuses(outputs: SuiteOutputs): Record<string, { status: string; findings: number; reason?: string }> {
  const map = gathered(outputs);
  return Object.fromEntries(
    checks.map((check: LoadedCheck) => {
      const r = evaluateCheck(check, device, map);
      return [check.definition.id, { status: r.status, findings: r.findings.length, ...(r.reason ? { reason: r.reason } : {}) }];
    }),
  );
}

describe("jobs, locks and licences suite", () => {
  it("loads every check of the area", () => {
    expect(diagnostics).toEqual([]);
    expect(checks.map((c) => c.definition.id).sort()).toEqual([...CHECK_IDS].sort());
  });

  it("the healthy firewall passes every check", () => {
    const result = statuses(healthy);
    expect(result).toEqual(Object.fromEntries(CHECK_IDS.map((id) => [id, { status: "pass", findings: 0 }])));
  });

  it("every check of the area has a problem that trips it", () => {
    expect(new Set(Object.values(problems).map((p) => p.expect.check))).toEqual(new Set(CHECK_IDS));
  });

  for (const [name, problem] of Object.entries(problems)) {
    it(`${name} trips only ${problem.expect.check} (${problem.expect.status})`, () => {
      const outputs: SuiteOutputs = {
        outputs: { ...healthy.outputs, ...problem.outputs },
        xmlOutputs: { ...healthy.xmlOutputs, ...problem.xmlOutputs },
      };
      const result = statuses(outputs);
      const { findings, ...own } = result[problem.expect.check] ?? { findings: 0 };
      expect(own).toEqual({ status: problem.expect.status });
      expect(findings).toBeGreaterThan(0);
      for (const id of CHECK_IDS.filter((id) => id !== problem.expect.check)) {
        expect(result[id], id).toEqual({ status: "pass", findings: 0 });
      }
    });
  }

  it("the healthy outputs are the real captures they claim to be", () => {
    const fixture = (path: string): string => readFileSync(new URL(`../../../../fixtures/paloalto_panos/${path}`, import.meta.url), "utf8");
    const ua = "pan-os-upgrade-assurance__tests__test_firewall_proxy.py";
    expect(healthy.xmlOutputs["show jobs all"]).toBe(fixture(`show_jobs_all/${ua}__test_get_jobs__L1606-1651.xml`));
    expect(healthy.xmlOutputs["request license info"]).toBe(fixture(`request_license_info/${ua}__test_get_licenses__L357-395.xml`));
    expect(healthy.outputs["request license info"]).toBe(fixture("request_license_info/ntc-templates__tests__paloalto_panos__request_license_info__pr-comment-provided.raw"));
    expect(problems["config-locked"]?.xmlOutputs?.["show config-locks"]).toBe(fixture(`show_config-locks/${ua}__test_get_config_locks__L3287-3304.xml`));
  });
});
