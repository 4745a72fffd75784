// Writes the file reports of a run into an output directory. The only report module that writes: each file is
// written to a temporary name and renamed into place, so a reader (or a crash, or Ctrl-C) never sees half a report.

import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { RunReport } from "../model/result.js";
import { REPORT_FILE_NAMES, renderReport, type FileFormat, type RenderOptions } from "./formats.js";
import { renderHtmlChunks } from "./html.js";
import { renderJsonChunks } from "./json.js";

export type { FileFormat } from "./formats.js";

/** Writes one file per distinct format, in the order given, and returns their absolute paths in that order. */
export async function writeReports(report: RunReport, outDir: string, formats: readonly FileFormat[], options: RenderOptions = {}): Promise<string[]> {
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const format of [...new Set(formats)]) {
    const path = join(dir, REPORT_FILE_NAMES[format]);
    // JSON and HTML are written a device at a time (renderJsonChunks, renderHtmlChunks): the whole text of a large
    // fleet's report is never held.
    const content = format === "json" ? renderJsonChunks(report) : format === "html" ? renderHtmlChunks(report, options.diff !== undefined ? { diff: options.diff } : {}) : renderReport(report, format, options);
    await writeAtomically(path, content);
    paths.push(path);
  }
  return paths;
}

const WRITE_BATCH_CHARS = 1 << 20;

async function writeAtomically(path: string, content: string | Iterable<string>): Promise<void> {
  // Same directory as the target, so rename() stays on one file system and replaces the file in one step.
  const temp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    if (typeof content === "string") {
      await writeFile(temp, content, "utf8");
    } else {
      const file = await open(temp, "w");
      try {
        let batch: string[] = [];
        let size = 0;
        for (const chunk of content) {
          batch.push(chunk);
          size += chunk.length;
          if (size < WRITE_BATCH_CHARS) continue;
          await file.write(batch.join(""), null, "utf8");
          batch = [];
          size = 0;
        }
        if (batch.length) await file.write(batch.join(""), null, "utf8");
      } finally {
        await file.close();
      }
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
