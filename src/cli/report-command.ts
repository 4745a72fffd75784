// `preflight report REPORT.json`: re-renders a saved run in any format (optionally with waivers applied and
// compared with an older run), offline, byte for byte as the run would have written it.
import { FILE_FORMATS, FORMATS, loadReportFile, type FileFormat, type ReportFormat } from "../report/formats.js";
import { EXIT } from "../model/status.js";
import { formatDiagnostic, type Diagnostic } from "../util/diagnostics.js";
import { didYouMeanHint } from "../util/did-you-mean.js";
import type { CliIo } from "./io.js";
import { emitReport, loadOutputInputs } from "./output.js";

export interface ReportCommandOptions {
  format: string[];
  out: string;
  stdout?: string;
  baseline?: string;
  waivers?: string;
}

export async function reportCommand(file: string, opts: ReportCommandOptions, io: CliIo): Promise<number> {
  const diagnostics: Diagnostic[] = [];
  const formats = opts.format.map((f) => f.toLowerCase());
  for (const f of formats) {
    if (!(FILE_FORMATS as readonly string[]).includes(f)) diagnostics.push({ file: "--format", line: 0, col: 0, message: `unknown format "${f}"${didYouMeanHint(f, [...FILE_FORMATS])}` });
  }
  const stdout = opts.stdout?.toLowerCase();
  if (stdout && !(FORMATS as readonly string[]).includes(stdout)) diagnostics.push({ file: "--stdout", line: 0, col: 0, message: `unknown format "${stdout}"${didYouMeanHint(stdout, [...FORMATS])}` });
  let report;
  try {
    report = loadReportFile(file);
  } catch (err) {
    diagnostics.push({ file, line: 0, col: 0, message: (err as Error).message });
  }
  const inputs = loadOutputInputs({ ...(opts.baseline ? { baseline: opts.baseline } : {}), ...(opts.waivers ? { waivers: opts.waivers } : {}) }, diagnostics);
  if (diagnostics.length || !report) {
    for (const d of diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
    return EXIT.badInput;
  }
  return emitReport(report, inputs, { out: opts.out, formats: formats as FileFormat[], ...(stdout ? { stdout: stdout as ReportFormat } : {}) }, io);
}
