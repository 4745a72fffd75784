// A report.json written before check results carried `blocks` still loads: the loader decides `blocks` once,
// from the run's gate (meta.failOn), and every format renders exactly as it does for a report that has them.

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FILE_FORMATS, renderReport } from "../../src/report/formats.js";
import { renderJson } from "../../src/report/json.js";
import { withOptics } from "../../src/report/optics.js";
import { loadReportFile } from "../../src/report/load.js";
import { validateReport } from "../../src/report/validate-report.js";
import { sampleReport } from "./sample-report.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "preflight-load-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** report.json as an older preflight wrote it: the same run, without any `blocks` field. */
function olderReportJson(): string {
  const value = JSON.parse(renderJson(sampleReport())) as { devices: { checks: { blocks?: boolean }[] }[] };
  for (const d of value.devices) for (const c of d.checks) delete c.blocks;
  return JSON.stringify(value, null, 2);
}

describe("loadReportFile and `blocks`", () => {
  it("accepts a report without `blocks` (schema 1.0 allows it)", () => {
    const text = olderReportJson();
    expect(text).not.toContain('"blocks"');
    expect(validateReport(JSON.parse(text))).toEqual({ ok: true });
  });

  it("fills `blocks` from meta.failOn, giving the report the runner would have written", async () => {
    const path = join(dir, "old.json");
    await writeFile(path, olderReportJson());
    const loaded = loadReportFile(path);
    expect(loaded).toEqual(withOptics(sampleReport()));
    const blocking = loaded.devices.flatMap((d) => d.checks.filter((c) => c.blocks).map((c) => `${d.name} ${c.id}`));
    expect(blocking).toEqual(["fw-dc1-edge-02 panos-transceivers-supported", "fw-dc1-edge-02 panos-panrepo-free-space", "fw-branch-09 panos-content-version-minimum"]);
    for (const format of [...FILE_FORMATS, "summary"] as const) expect(renderReport(loaded, format)).toBe(renderReport(sampleReport(), format));
  });

  it("uses the gate the old run was made with", async () => {
    const value = JSON.parse(olderReportJson()) as { meta: { failOn: string } };
    value.meta.failOn = "critical";
    const path = join(dir, "critical.json");
    await writeFile(path, JSON.stringify(value));
    const blocking = loadReportFile(path).devices.flatMap((d) => d.checks.filter((c) => c.blocks).map((c) => c.id));
    expect(blocking).toEqual(["panos-transceivers-supported"]);
  });

  it("keeps `blocks` as written when the file has it", async () => {
    const report = sampleReport();
    // A result the writer said does not block stays so, whatever the severity would say today.
    report.devices[1]!.checks[0]!.blocks = false;
    const path = join(dir, "new.json");
    await writeFile(path, renderJson(report));
    expect(loadReportFile(path).devices[1]!.checks[0]!.blocks).toBe(false);
  });
});
