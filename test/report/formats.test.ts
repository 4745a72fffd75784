// renderReport dispatches every format to its pure renderer; writeReports writes each file format under its
// name; loadReportFile reads a saved report back and refuses an invalid one with every schema problem listed.

import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { diffReports } from "../../src/report/diff/compute.js";
import { renderCsv } from "../../src/report/csv.js";
import { FILE_FORMATS, FORMATS, REPORT_FILE_NAMES, loadReportFile, renderReport } from "../../src/report/formats.js";
import { renderHtml } from "../../src/report/html.js";
import { renderJson } from "../../src/report/json.js";
import { withOptics } from "../../src/report/optics.js";
import { renderJunit } from "../../src/report/junit.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { renderSummary } from "../../src/report/summary.js";
import { writeReports } from "../../src/report/write.js";
import { previousSampleReport, sampleReport } from "./sample-report.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "preflight-formats-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("renderReport", () => {
  it("renders each format with its renderer", () => {
    const r = sampleReport();
    expect(FORMATS).toEqual(["json", "html", "junit", "csv", "optics-csv", "md", "summary"]);
    expect(renderReport(r, "json")).toBe(renderJson(r));
    expect(renderReport(r, "html")).toBe(renderHtml(r));
    expect(renderReport(r, "junit")).toBe(renderJunit(r));
    expect(renderReport(r, "csv")).toBe(renderCsv(r));
    expect(renderReport(r, "md")).toBe(renderMarkdown(r));
    expect(renderReport(r, "summary")).toBe(renderSummary(r, { color: false }));
  });

  it("adds the comparison where a reader looks for it, and leaves JSON, JUnit and CSV as this run's results", () => {
    const r = sampleReport();
    const diff = diffReports(previousSampleReport(), r);
    for (const f of ["html", "md", "summary"] as const) {
      expect(renderReport(r, f, { diff })).toContain("Compared with the previous run");
      expect(renderReport(r, f)).not.toContain("Compared with the previous run");
    }
    for (const f of ["json", "junit", "csv"] as const) expect(renderReport(r, f, { diff })).toBe(renderReport(r, f));
  });

  it("does not modify the report it renders", () => {
    const r = sampleReport();
    for (const f of FORMATS) renderReport(r, f, { diff: diffReports(previousSampleReport(), r) });
    expect(r).toEqual(sampleReport());
  });
});

describe("writeReports", () => {
  it("writes every file format under its documented name", async () => {
    const paths = await writeReports(sampleReport(), dir, [...FILE_FORMATS]);
    expect(paths).toEqual(FILE_FORMATS.map((f) => join(dir, REPORT_FILE_NAMES[f])));
    expect((await readdir(dir)).sort()).toEqual(["optics.csv", "report.csv", "report.html", "report.json", "report.junit.xml", "report.md"]);
    expect(await readFile(join(dir, "report.junit.xml"), "utf8")).toBe(renderJunit(sampleReport()));
  });

  it("passes the comparison to the renderers", async () => {
    const diff = diffReports(previousSampleReport(), sampleReport());
    await writeReports(sampleReport(), dir, ["md"], { diff });
    expect(await readFile(join(dir, "report.md"), "utf8")).toBe(renderMarkdown(sampleReport(), { diff }));
  });
});

describe("loadReportFile", () => {
  it("reads a saved report back to the same RunReport, so it re-renders byte for byte", async () => {
    const path = join(dir, "report.json");
    await writeFile(path, renderJson(sampleReport()));
    const loaded = loadReportFile(path);
    expect(loaded).toEqual(withOptics(sampleReport()));
    expect(renderReport(loaded, "html")).toBe(renderHtml(sampleReport()));
  });

  it("lists every schema problem of an invalid report", async () => {
    const bad = JSON.parse(renderJson(sampleReport())) as Record<string, unknown> & { devices: Record<string, unknown>[] };
    bad.devices[0]!.status = "ok";
    delete bad.devices[1]!.checks;
    const path = join(dir, "bad.json");
    await writeFile(path, JSON.stringify(bad));
    expect(() => loadReportFile(path)).toThrow(
      `${path}: not a valid preflight report (reports/report.schema.json):\n  /devices/0/status: must be one of "ready", "blocked", "warning", "unreachable", "error", "not-run"\n  /devices/1: missing required property "checks"`,
    );
  });

  it("says when the file is missing or not JSON", async () => {
    expect(() => loadReportFile(join(dir, "missing.json"))).toThrow(/missing\.json: cannot read the report: ENOENT/);
    await writeFile(join(dir, "x.json"), "<html>");
    expect(() => loadReportFile(join(dir, "x.json"))).toThrow(/x\.json: not a JSON report: /);
  });
});
