// `preflight platforms [--markdown]`: the platforms preflight can audit, with their packs (src/checks/platform-table.ts).
import { loadChecks } from "../checks/library.js";
import { platformRows, platformTableMarkdown, platformTableText } from "../checks/platform-table.js";
import { EXIT } from "../model/status.js";
import { formatDiagnostic } from "../util/diagnostics.js";
import type { CliIo } from "./io.js";

export async function platformsCommand(options: { markdown?: boolean }, io: CliIo): Promise<number> {
  const { checks, diagnostics } = await loadChecks([]);
  for (const d of diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
  if (diagnostics.length) return EXIT.badInput;
  const rows = await platformRows(checks);
  io.stdout.write(options.markdown ? platformTableMarkdown(rows) : platformTableText(rows));
  return EXIT.ready;
}
