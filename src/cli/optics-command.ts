// `preflight optics`: the estate's optics inventory on stdout, from a saved report.json, from a capture (offline,
// `--from-capture`), or from the devices themselves (the optics checks only, live and read-only). Exit codes:
// 0 every optic is supported, 1 some optic is to replace, 2 some optic or device could not be inventoried,
// 3 bad input, 4 nothing to do.
import { runPreparedAudit } from "../runner/audit.js";
import { EXIT } from "../model/status.js";
import type { RunReport } from "../model/result.js";
import type { OpticsInventory } from "../model/optics.js";
import { loadReportFile } from "../report/formats.js";
import { opticsInventory } from "../report/optics.js";
import { opticsCsv } from "../report/optics-csv.js";
import { renderOpticsText } from "../report/optics-text.js";
import { formatDiagnostic } from "../util/diagnostics.js";
import { didYouMeanHint } from "../util/did-you-mean.js";
import type { CliIo } from "./io.js";
import type { RawRunOptions } from "./options.js";
import { prepareRun } from "./prepare.js";
import { createProgress } from "./progress.js";

export const OPTICS_OUTPUTS = ["text", "csv", "json"] as const;
/** The checks `preflight optics` runs when none are named: every check tagged optics. */
export const OPTICS_CHECKS = ["tag:optics"];

export interface OpticsCommandOptions extends Omit<RawRunOptions, "format" | "stdout" | "failOn" | "out"> {
  output: string;
}

export async function opticsCommand(file: string | undefined, opts: OpticsCommandOptions, io: CliIo): Promise<number> {
  const output = opts.output.toLowerCase();
  if (!(OPTICS_OUTPUTS as readonly string[]).includes(output)) {
    io.stderr.write(`${formatDiagnostic({ file: "--output", line: 0, col: 0, message: `unknown output "${output}"${didYouMeanHint(output, [...OPTICS_OUTPUTS])}; use ${OPTICS_OUTPUTS.join(", ")}` })}\n`);
    return EXIT.badInput;
  }
  let report: RunReport;
  if (file !== undefined) {
    if (opts.fromCapture || opts.inventory) {
      io.stderr.write("preflight: give either a report.json or --from-capture/--inventory, not both (exit 3)\n");
      return EXIT.badInput;
    }
    try {
      report = loadReportFile(file);
    } catch (err) {
      io.stderr.write(`${formatDiagnostic({ file, line: 0, col: 0, message: (err as Error).message })}\n`);
      return EXIT.badInput;
    }
  } else {
    const raw: RawRunOptions = { ...opts, checks: opts.checks.length ? opts.checks : OPTICS_CHECKS, format: [], out: "preflight-report", failOn: "low" };
    const prepared = await prepareRun(raw, io);
    if (typeof prepared === "number") return prepared;
    const progress = createProgress(io.stderr, prepared.audit.plans.length, prepared.options.progress);
    ({ report } = await runPreparedAudit(prepared.audit, { ...(io.signal ? { signal: io.signal } : {}), onDeviceDone: (result, done, total) => progress.deviceDone(result, done, total) }));
    progress.stop();
  }
  const inventory = opticsInventory(report);
  if (!inventory) {
    io.stderr.write("preflight: no selected check records optics (no `inventory: { name: optics }` in any check result); nothing to do (exit 4)\n");
    return EXIT.nothingToDo;
  }
  io.stdout.write(output === "json" ? `${JSON.stringify(inventory, null, 2)}\n` : output === "csv" ? opticsCsv(inventory) : renderOpticsText(inventory));
  return exitCode(inventory);
}

function exitCode(inventory: OpticsInventory): number {
  if (inventory.totals.toReplace > 0) return EXIT.blocked;
  if (inventory.totals.unknown > 0 || inventory.totals.notInventoried > 0) return EXIT.incomplete;
  return EXIT.ready;
}
