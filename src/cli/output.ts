// The output stage shared by `run` and `report`: waivers applied, the comparison with a baseline, every
// requested file written, and one format (the terminal summary by default) on stdout. Inputs that can be
// wrong (the baseline, the waivers file) are read up front, before any device is contacted.
import { relative } from "node:path";
import { diffReports } from "../report/diff/compute.js";
import type { RunReport } from "../model/result.js";
import { loadReportFile, renderReport, type FileFormat, type ReportFormat } from "../report/formats.js";
import { writeReports } from "../report/write.js";
import { applyWaivers } from "../waivers/apply.js";
import { loadWaivers, type Waiver } from "../waivers/load.js";
import type { Diagnostic } from "../util/diagnostics.js";
import type { CliIo } from "./io.js";

export interface OutputInputs {
  baseline?: RunReport;
  waivers?: Waiver[];
}

export function loadOutputInputs(paths: { baseline?: string; waivers?: string }, diagnostics: Diagnostic[]): OutputInputs {
  const inputs: OutputInputs = {};
  if (paths.baseline) {
    try {
      inputs.baseline = loadReportFile(paths.baseline);
    } catch (err) {
      diagnostics.push({ file: "--baseline", line: 0, col: 0, message: (err as Error).message });
    }
  }
  if (paths.waivers) {
    const loaded = loadWaivers(paths.waivers);
    diagnostics.push(...loaded.diagnostics);
    inputs.waivers = loaded.waivers;
  }
  return inputs;
}

export interface OutputOptions {
  out: string;
  formats: readonly FileFormat[];
  stdout?: ReportFormat;
  now?: Date;
}

/** Writes and prints the report; returns the exit code of the (waived) report. */
export async function emitReport(raw: RunReport, inputs: OutputInputs, options: OutputOptions, io: CliIo): Promise<number> {
  let report = raw;
  if (inputs.waivers) {
    const outcome = applyWaivers(report, inputs.waivers, options.now ?? new Date());
    report = outcome.report;
    for (const expired of outcome.expiredWaivers) {
      io.stderr.write(`preflight: waiver for ${expired.waiver.check} (${expired.waiver.owner}) expired on ${expired.waiver.expires} and no longer waives anything\n`);
    }
    for (const unused of outcome.unusedWaivers) io.stderr.write(`preflight: waiver for ${unused.check} (${unused.owner}) matched nothing in this run\n`);
  }
  const diff = inputs.baseline ? diffReports(inputs.baseline, report) : undefined;
  const render = diff ? { diff } : {};
  const written = options.formats.length ? await writeReports(report, options.out, options.formats, render) : [];
  const stdoutFormat = options.stdout ?? "summary";
  io.stdout.write(renderReport(report, stdoutFormat, { ...render, color: stdoutFormat === "summary" && Boolean(io.stdout.isTTY) && !io.env.NO_COLOR }));
  // With a machine format on stdout, keep stdout clean: the file list goes to stderr.
  const notes = stdoutFormat === "summary" ? io.stdout : io.stderr;
  for (const path of written) notes.write(`wrote ${relative(io.cwd, path) || path}\n`);
  return report.summary.exitCode;
}
