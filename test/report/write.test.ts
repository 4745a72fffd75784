// writeReports: one file per requested format, created directories, atomic replacement, paths returned.

import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderHtml } from "../../src/report/html.js";
import { renderJson } from "../../src/report/json.js";
import { writeReports } from "../../src/report/write.js";
import { sampleReport } from "./sample-report.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "preflight-report-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("writeReports", () => {
  it("writes report.json and report.html into a new nested directory and returns their paths in order", async () => {
    const out = join(dir, "runs", "2024-05-14");
    const paths = await writeReports(sampleReport(), out, ["html", "json"]);
    expect(paths).toEqual([join(out, "report.html"), join(out, "report.json")]);
    expect(await readFile(paths[0]!, "utf8")).toBe(renderHtml(sampleReport()));
    expect(await readFile(paths[1]!, "utf8")).toBe(renderJson(sampleReport()));
    expect((await readdir(out)).sort()).toEqual(["report.html", "report.json"]);
  });

  it("writes only the formats asked for, once each", async () => {
    const paths = await writeReports(sampleReport(), dir, ["json", "json"]);
    expect(paths).toEqual([join(dir, "report.json")]);
    expect(await readdir(dir)).toEqual(["report.json"]);
  });

  it("replaces an existing report and leaves no temporary file behind", async () => {
    await writeFile(join(dir, "report.json"), "old", "utf8");
    await writeReports(sampleReport(), dir, ["json"]);
    expect(await readFile(join(dir, "report.json"), "utf8")).toBe(renderJson(sampleReport()));
    expect(await readdir(dir)).toEqual(["report.json"]);
  });

  it("fails, leaving nothing behind, when the target cannot be replaced", async () => {
    // A directory where the file should go: rename() fails after the temporary file was written.
    await mkdir(join(dir, "report.json"));
    await expect(writeReports(sampleReport(), dir, ["json"])).rejects.toThrow();
    expect(await readdir(dir)).toEqual(["report.json"]);
  });
});
