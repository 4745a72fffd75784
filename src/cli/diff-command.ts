// `preflight diff OLD.json NEW.json`: what changed between two runs — new failures, resolved, still failing,
// devices added or removed. Exit 1 when the new run has new failures, 0 otherwise, 3 on bad input.
import { DIFF_FORMATS, renderDiff } from "../report/diff/render.js";
import { diffReports } from "../report/diff/compute.js";
import { loadReportFile } from "../report/formats.js";
import { EXIT } from "../model/status.js";
import { didYouMeanHint } from "../util/did-you-mean.js";
import type { CliIo } from "./io.js";

export async function diffCommand(oldFile: string, newFile: string, format: string, io: CliIo): Promise<number> {
  if (!(DIFF_FORMATS as readonly string[]).includes(format)) {
    io.stderr.write(`--format: unknown format "${format}"${didYouMeanHint(format, [...DIFF_FORMATS])}; use ${DIFF_FORMATS.join(", ")}\n`);
    return EXIT.badInput;
  }
  const problems: string[] = [];
  const load = (file: string) => {
    try {
      return loadReportFile(file);
    } catch (err) {
      problems.push((err as Error).message);
      return undefined;
    }
  };
  const older = load(oldFile);
  const newer = load(newFile);
  if (!older || !newer) {
    for (const p of problems) io.stderr.write(`${p}\n`);
    return EXIT.badInput;
  }
  const diff = diffReports(older, newer);
  io.stdout.write(renderDiff(diff, format as (typeof DIFF_FORMATS)[number]));
  return diff.newProblems.length ? EXIT.blocked : EXIT.ready;
}
