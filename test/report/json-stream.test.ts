// report.json is written a device at a time (renderJsonChunks); the text must be exactly JSON.stringify's, two-space
// indented, for every shape of report: devices or none, an optics inventory or none, keys left undefined.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderJson, renderJsonChunks } from "../../src/report/json.js";
import { withOptics } from "../../src/report/optics.js";
import { writeReports } from "../../src/report/write.js";
import type { RunReport } from "../../src/model/result.js";
import { previousSampleReport, sampleReport } from "./sample-report.js";

const whole = (report: RunReport): string => {
  const { optics: _stale, ...rest } = report;
  return `${JSON.stringify(withOptics(rest), null, 2)}\n`;
};

describe("renderJsonChunks", () => {
  const reports: [string, RunReport][] = [
    ["the sample report", sampleReport()],
    ["the previous sample report", previousSampleReport()],
    ["no devices", { ...sampleReport(), devices: [] }],
    ["one device", { ...sampleReport(), devices: sampleReport().devices.slice(0, 1) }],
    ["keys left undefined", { ...sampleReport(), meta: { ...sampleReport().meta, fromCapture: undefined } } as RunReport],
  ];
  for (const [name, report] of reports) {
    it(`gives JSON.stringify's text for ${name}`, () => {
      expect([...renderJsonChunks(report)].join("")).toBe(whole(report));
      expect(renderJson(report)).toBe(whole(report));
    });
  }

  it("yields one piece per device", () => {
    const report = sampleReport();
    expect([...renderJsonChunks(report)].length).toBeGreaterThan(report.devices.length);
  });

  it("writeReports writes the same bytes", async () => {
    const dir = await mkdtemp(join(tmpdir(), "preflight-json-"));
    try {
      const report = sampleReport();
      const [file] = await writeReports(report, dir, ["json"]);
      expect(await readFile(file!, "utf8")).toBe(whole(report));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
