// The JSON report and its published schema: what renderJson writes validates, the schema's closed sets are the
// model's, and the schema rejects reports that break the contract, with messages that name the path.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CHECK_STATUSES, DEVICE_STATUSES, REPORT_SCHEMA_VERSION, SEVERITIES, type RunReport } from "../../src/model/result.js";
import { renderJson } from "../../src/report/json.js";
import { withOptics } from "../../src/report/optics.js";
import { REPORT_SCHEMA_FILE, validateReport } from "../../src/report/validate-report.js";
import { sampleReport } from "./sample-report.js";

interface SchemaDefs {
  $defs: Record<string, { enum?: unknown[] }>;
  properties: { schemaVersion: { const: string } };
}
const schema = JSON.parse(readFileSync(REPORT_SCHEMA_FILE, "utf8")) as SchemaDefs;

/** The sample report as a reader sees it: parsed back from report.json. */
function parsedSample(): Record<string, unknown> & RunReport {
  return JSON.parse(renderJson(sampleReport())) as Record<string, unknown> & RunReport;
}

function errorsOf(value: unknown): string[] {
  const result = validateReport(value);
  return result.ok ? [] : result.errors;
}

describe("renderJson", () => {
  it("writes the report with 2-space indentation and a trailing newline, losing nothing", () => {
    const text = renderJson(sampleReport());
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.split("\n")[1]).toBe(`  "schemaVersion": "${REPORT_SCHEMA_VERSION}",`);
    // Losing nothing: the report as given, plus the optics inventory derived from its devices.
    expect(JSON.parse(text)).toEqual(withOptics(sampleReport()));
  });

  it("validates against reports/report.schema.json", () => {
    expect(validateReport(parsedSample())).toEqual({ ok: true });
  });
});

describe("report schema", () => {
  it("uses exactly the model's statuses, severities and schema version", () => {
    // DEVICE_STATUSES is in reading order (blocked first); the schema lists them as the type does.
    expect(schema.$defs.deviceStatus?.enum).toHaveLength(DEVICE_STATUSES.length);
    expect(new Set(schema.$defs.deviceStatus?.enum)).toEqual(new Set(DEVICE_STATUSES));
    expect(schema.$defs.checkStatus?.enum).toEqual([...CHECK_STATUSES]);
    expect(schema.$defs.severity?.enum).toEqual([...SEVERITIES]);
    expect(schema.properties.schemaVersion.const).toBe(REPORT_SCHEMA_VERSION);
  });

  it("rejects an unknown device status, naming the path and the allowed values", () => {
    const report = parsedSample();
    (report.devices[1] as { status: string }).status = "ok";
    expect(errorsOf(report)).toEqual([`/devices/1/status: must be one of "ready", "blocked", "warning", "unreachable", "error", "not-run"`]);
  });

  it("rejects an unknown check status and severity", () => {
    const report = parsedSample();
    const check = report.devices[1]?.checks[0] as { status: string; severity: string };
    check.status = "passed";
    check.severity = "urgent";
    const errors = errorsOf(report);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^\/devices\/1\/checks\/0\/status: must be one of "pass"/);
    expect(errors[1]).toMatch(/^\/devices\/1\/checks\/0\/severity: must be one of "critical"/);
  });

  it("rejects a missing required field", () => {
    const report = parsedSample();
    delete (report.devices[0] as Partial<RunReport["devices"][number]>).checks;
    delete (report.meta as Partial<RunReport["meta"]>).failOn;
    expect(errorsOf(report)).toEqual(['/meta: missing required property "failOn"', '/devices/0: missing required property "checks"']);
  });

  it("rejects a missing count in the summary", () => {
    const report = parsedSample();
    delete (report.summary.byStatus as Partial<RunReport["summary"]["byStatus"]>)["not-run"];
    expect(errorsOf(report)).toEqual(['/summary/byStatus: missing required property "not-run"']);
  });

  it("rejects unknown properties where the model is closed", () => {
    const report = parsedSample();
    (report.devices[0] as unknown as Record<string, unknown>).colour = "red";
    (report.devices[1]?.checks[0]?.findings[0] as unknown as Record<string, unknown>).port = "ethernet1/21";
    expect(errorsOf(report)).toEqual([
      '/devices/0: unknown property "colour"',
      '/devices/1/checks/0/findings/0: unknown property "port"',
    ]);
  });

  it("keeps facts open, but only with string values", () => {
    const report = parsedSample();
    report.devices[0]!.facts["uptime"] = "41 days, 3:02:11";
    expect(validateReport(report)).toEqual({ ok: true });
    (report.devices[0]!.facts as Record<string, unknown>)["uptime"] = 3_550_931;
    expect(errorsOf(report)).toEqual(["/devices/0/facts/uptime: must be string"]);
  });

  it("accepts any JSON as a finding's expected and actual value", () => {
    const report = parsedSample();
    const finding = report.devices[1]!.checks[0]!.findings[0]!;
    finding.expected = [["FINISAR CORP.", "FTLX8571D3BCL-PL"]];
    finding.actual = null;
    expect(validateReport(report)).toEqual({ ok: true });
  });

  it("rejects another schema version, a time that is not RFC 3339, a bad hash and an unknown exit code", () => {
    const report = parsedSample();
    report.schemaVersion = "2.0";
    report.meta.startedAt = "14/05/2024 21:00";
    report.meta.checks[0]!.sha256 = "abc123";
    report.summary.exitCode = 7;
    const errors = errorsOf(report);
    expect(errors).toContain('/schemaVersion: must be "1.0"');
    expect(errors).toContain('/meta/startedAt: must match format "date-time"');
    expect(errors).toContain('/meta/checks/0/sha256: must match pattern "^[0-9a-f]{64}$"');
    expect(errors).toContain("/summary/exitCode: must be one of 0, 1, 2, 3, 4");
    expect(errors).toHaveLength(4);
  });

  it("rejects something that is not a report at all", () => {
    expect(errorsOf("report")).toEqual(["(root): must be object"]);
    expect(errorsOf({})).toHaveLength(4);
  });
});
