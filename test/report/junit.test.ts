// JUnit XML: parsed back with fast-xml-parser (as a CI system would read it), counts and the mapping of every
// check status checked, and text that XML 1.0 cannot hold (control characters, lone surrogates) made safe.

import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { escapeXml, renderJunit } from "../../src/report/junit.js";
import { sampleReport } from "./sample-report.js";

interface Case {
  "@_classname": string;
  "@_name": string;
  failure?: { "#text"?: string; "@_message": string; "@_type": string };
  error?: { "#text"?: string; "@_message": string; "@_type": string };
  skipped?: { "@_message": string };
}
interface Suite {
  "@_name": string;
  "@_tests": number;
  "@_failures": number;
  "@_errors": number;
  "@_skipped": number;
  properties: { property: { "@_name": string; "@_value": string }[] };
  testcase: Case[];
}

function parse(xml: string): { testsuites: Record<string, number | string> & { testsuite: Suite[] } } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseAttributeValue: true,
    // Numeric character references (&#10; in attributes) are decoded only with this on.
    htmlEntities: true,
    isArray: (name) => ["testsuite", "testcase", "property"].includes(name),
  });
  return parser.parse(xml) as { testsuites: Record<string, number | string> & { testsuite: Suite[] } };
}

const { testsuites } = parse(renderJunit(sampleReport()));
const suite = (name: string) => testsuites.testsuite.find((s) => s["@_name"] === name)!;

describe("renderJunit", () => {
  it("has one testsuite per device in inventory order and totals that add up", () => {
    expect(testsuites.testsuite.map((s) => s["@_name"])).toEqual(sampleReport().devices.map((d) => d.name));
    const sum = (key: "@_tests" | "@_failures" | "@_errors" | "@_skipped") => testsuites.testsuite.reduce((n, s) => n + s[key], 0);
    expect(testsuites["@_tests"]).toBe(sum("@_tests"));
    expect(testsuites["@_failures"]).toBe(sum("@_failures"));
    expect(testsuites["@_errors"]).toBe(sum("@_errors"));
    expect(testsuites["@_skipped"]).toBe(sum("@_skipped"));
    // 6 devices x 7 checks + 2 "connect" cases; 3 fail + 2 warn; 1 check error + 2 connect errors; 1 skip + 3 n/a + 1 waived.
    expect([testsuites["@_tests"], testsuites["@_failures"], testsuites["@_errors"], testsuites["@_skipped"]]).toEqual([44, 5, 3, 5]);
  });

  it("names each testcase by device (classname) and check id (name)", () => {
    const s = suite("fw-dc1-edge-01");
    expect(s.testcase.map((c) => c["@_name"])).toEqual(sampleReport().devices[0]!.checks.map((c) => c.id));
    expect(new Set(s.testcase.map((c) => c["@_classname"]))).toEqual(new Set(["fw-dc1-edge-01"]));
    expect(s.testcase.every((c) => c.failure === undefined && c.error === undefined && c.skipped === undefined)).toBe(true);
  });

  it("reports failed and warned checks as failures with every finding, saying whether they block", () => {
    const cases = suite("fw-dc1-edge-02").testcase;
    const optics = cases.find((c) => c["@_name"] === "panos-transceivers-supported")!;
    expect(optics.failure?.["@_type"]).toBe("fail");
    expect(optics.failure?.["@_message"]).toBe("Critical — blocks the upgrade: 2 findings");
    expect(optics.failure?.["#text"]).toContain("ethernet1/21: FINISAR CORP. FTLX8571D3BCL is not supported on PAN-OS 10.2.0");
    expect(optics.failure?.["#text"]).toContain("serial <script>alert(1)</script>");
    expect(optics.failure?.["#text"]).toContain("release: 10.2.0");
    const pending = cases.find((c) => c["@_name"] === "panos-no-uncommitted-changes")!;
    expect(pending.failure?.["@_type"]).toBe("warn");
    expect(pending.failure?.["@_message"]).toBe("Low — does not block the upgrade: 1 finding");
    expect(suite("fw-dc1-edge-02")["@_failures"]).toBe(3);
  });

  it("reports a check that could not be evaluated as an error", () => {
    const c = suite("fw-dc2-core-01").testcase.find((t) => t["@_name"] === "panos-panrepo-free-space")!;
    expect(c.error?.["@_message"]).toMatch(/^could not parse the output of "show system disk-space"/);
    expect(c.failure).toBeUndefined();
  });

  it("gives an unreachable or not-run device one 'connect' testcase with an error", () => {
    for (const [name, status] of [["fw-branch-07", "unreachable"], ["fw-lab-03", "not-run"]] as const) {
      const s = suite(name);
      expect(s.testcase).toHaveLength(1);
      expect(s.testcase[0]!["@_name"]).toBe("connect");
      expect(s.testcase[0]!.error?.["@_type"]).toBe(status);
      expect(s["@_errors"]).toBe(1);
    }
    expect(suite("fw-branch-07").testcase[0]!.error?.["@_message"]).toBe("unreachable: connect ECONNREFUSED 10.20.7.1:22");
  });

  it("skips not-applicable, skipped and waived checks, with the reason", () => {
    const edge = suite("fw-dc2-edge-02").testcase;
    expect(edge.find((c) => c["@_name"] === "panos-licenses-valid")!.skipped?.["@_message"]).toBe("waived: Waived by CHG-20240514 until 2024-06-30");
    expect(edge.find((c) => c["@_name"] === "panos-ha-synced")!.skipped?.["@_message"]).toMatch(/^skip: skipped: the HA peer/);
    expect(suite("fw-branch-09").testcase.find((c) => c["@_name"] === "panos-transceivers-supported")!.skipped?.["@_message"]).toBe(
      "not-applicable: PA-440 has no SFP ports",
    );
  });

  it("carries device facts as properties", () => {
    const props = Object.fromEntries(suite("fw-dc1-edge-02").properties.property.map((p) => [p["@_name"], String(p["@_value"])]));
    expect(props).toMatchObject({ host: "10.10.1.2", platform: "panos", status: "blocked", "fact.model": "PA-3220", upgradePath: "10.1.0 -> 10.2.0 -> 10.2.4-h4" });
  });

  it("stays well-formed XML 1.0 whatever the device sent", () => {
    const report = sampleReport();
    const nasty = `a\u0000b\u0007c\u001b[31m\ud800d\uffff "q" 'a' <x> & ]]> \n\ttab`;
    report.devices[1]!.name = nasty;
    report.devices[1]!.checks[0]!.findings[0]!.message = nasty;
    report.devices[2]!.reason = nasty;
    const xml = renderJunit(report);
    // eslint-disable-next-line no-control-regex -- asserting their absence
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    const parsed = parse(xml);
    const s = parsed.testsuites.testsuite[1]!;
    expect(s["@_name"]).toBe(`a\u2400b\u2407c\u241b[31m\ufffdd\ufffd "q" 'a' <x> & ]]> \n\ttab`);
    expect(s.testcase[0]!.failure?.["#text"]).toContain(`<x> & ]]>`);
  });

  it("escapes the five markup characters", () => {
    expect(escapeXml(`<a href="x">'&'</a>`, true)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
    expect(escapeXml(`<a>&`)).toBe("&lt;a&gt;&amp;");
  });
});
