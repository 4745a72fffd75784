// The certificates area of the simulated PAN-OS suite: the healthy firewall passes panos-certificates-strength,
// the weak-certificate problem fails it with exactly the weak certificate, and the outputs survive the gather
// stage's secret redaction (it removes private keys and password hashes, never the PEM certificates).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { gatheredOutputs } from "../../../helpers/suite.js";
import { loadChecks } from "../../../../src/checks/library.js";
import { evaluateCheck, type DeviceContext, type GatheredOutput } from "../../../../src/checks/evaluate.js";
import { panosRedactSecrets } from "../../../../src/platforms/paloalto_panos/profile.js";
import { healthy, problems, RUNNING_CONFIG_COMMAND, type SuiteOutputs } from "../../../../src/platforms/paloalto_panos/simulator/suite/certificates.js";

const CHECK_IDS = ["panos-certificates-strength"];

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

/** What the runner would gather for these checks from a device with these outputs (optionally redacted). */
function gathered(outputs: SuiteOutputs, redact: (s: string) => string = (s) => s): Map<string, GatheredOutput> {
  return gatheredOutputs(outputs, redact);
}

function results(outputs: SuiteOutputs, redact?: (s: string) => string) {
  const map = gathered(outputs, redact);
  return Object.fromEntries(checks.map((check) => [check.definition.id, evaluateCheck(check, device, map)]));
}

const merged = (name: string): SuiteOutputs => {
  const problem = problems[name];
  if (!problem) throw new Error(`no problem ${name}`);
  return { outputs: { ...healthy.outputs, ...problem.outputs }, xmlOutputs: { ...healthy.xmlOutputs, ...problem.xmlOutputs } };
};

describe("certificates suite", () => {
  it("loads the area's check", () => {
    expect(diagnostics).toEqual([]);
    expect(checks.map((c) => c.definition.id)).toEqual(CHECK_IDS);
  });

  it("the healthy firewall passes, before and after secret redaction", () => {
    for (const redact of [undefined, panosRedactSecrets]) {
      const r = results(healthy, redact)["panos-certificates-strength"];
      expect({ status: r?.status, findings: r?.findings }).toEqual({ status: "pass", findings: [] });
    }
  });

  it("every check of the area has a problem that trips it", () => {
    expect(new Set(Object.values(problems).map((p) => p.expect.check))).toEqual(new Set(CHECK_IDS));
  });

  for (const [name, problem] of Object.entries(problems)) {
    it(`${name} trips only ${problem.expect.check} (${problem.expect.status})`, () => {
      const result = results(merged(name));
      expect(result[problem.expect.check]?.status).toBe(problem.expect.status);
      expect(result[problem.expect.check]?.findings.length).toBeGreaterThan(0);
      for (const id of CHECK_IDS.filter((id) => id !== problem.expect.check)) expect(result[id]?.status, id).toBe("pass");
    });
  }

  it("weak-certificate names the RSA 1024 / SHA-1 certificate and only it, also after redaction", () => {
    for (const redact of [undefined, panosRedactSecrets]) {
      const r = results(merged("weak-certificate"), redact)["panos-certificates-strength"];
      expect(r?.status).toBe("fail");
      expect(r?.findings.map((f) => f.key)).toEqual(["shared/fw-mgmt-legacy"]);
      expect(r?.findings[0]?.message).toContain("rsa 1024-bit key signed with sha1WithRSAEncryption");
    }
  });

  it("redaction removes the private-key placeholders and the password hash but keeps every PEM certificate", () => {
    const xml = healthy.xmlOutputs[RUNNING_CONFIG_COMMAND] ?? "";
    const redacted = panosRedactSecrets(xml);
    expect(redacted).not.toContain("private-key-data");
    expect(redacted.match(/-----BEGIN CERTIFICATE-----/g)?.length).toBe(5);
    expect(redacted.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)).toEqual(xml.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g));
  });

  it("the healthy output is the fixture it claims to be", () => {
    const fixture = readFileSync(new URL("../../../../fixtures/paloalto_panos/show_config_running_certificates/written-by-preflight__strong-certificates.xml", import.meta.url), "utf8");
    expect(healthy.xmlOutputs[RUNNING_CONFIG_COMMAND]).toBe(fixture);
  });
});
