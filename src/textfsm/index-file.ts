// The `index` file of a template directory (google/textfsm's clitable, as ntc-templates and netmiko use it): a CSV
// table whose columns other than Template are Python regexes matched at the start of the attribute (re.match, so a
// row for "show version" also matches "show version detail" unless an earlier row claims it: order matters, first
// match wins). `[[xyz]]` in the Command column is abbreviation completion: `sh[[ow]]` becomes `sh(o(w)?)?`.
// A Template cell may name several templates joined by ':'; their tables are merged on the first template's Key values.
import { compilePythonRegex, pyMatch, PyRegexError, type PyRegex } from "./pyre.js";
import { TextFSMTemplateError } from "./template.js";

export interface IndexRow {
  /** 1-based line of the row in the index file. */
  line: number;
  templates: string[];
  /** The raw cells, by column name (Command already expanded). */
  cells: Record<string, string>;
  compiled: Map<string, PyRegex>;
}

export interface TemplateIndex {
  file: string;
  columns: string[];
  rows: IndexRow[];
}

/** `[[abc]]` -> `(a(b(c)?)?)?`, as the reference's completion does (the inside is not escaped: it is regex text). */
export function expandCompletion(command: string): string {
  return command.replace(/\[\[(.+?)\]\]/g, (_m, word: string) => {
    const chars = [...word];
    return `(${chars.join("(")}${")?".repeat(chars.length)}`;
  });
}

export function parseIndex(text: string, file = "index"): TemplateIndex {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  let i = 0;
  let headerText = "";
  for (; i < lines.length && !headerText; i++) headerText = (lines[i] as string).split("#")[0]?.trim() ?? "";
  if (!headerText) throw new TextFSMTemplateError(file, 1, 1, "the index has no header line (e.g. `Template, Hostname, Platform, Command`)");
  const columns = headerText.split(",").map((c) => c.trim());
  if (!columns.includes("Template")) throw new TextFSMTemplateError(file, i, 1, "the index has no 'Template' column");
  const rows: IndexRow[] = [];
  for (; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.startsWith("#")) continue;
    const cellsList = line.split(",").map((c) => c.trim());
    // The reference silently drops rows whose cell count differs from the header's (blank lines among them).
    if (cellsList.length !== columns.length) continue;
    const cells: Record<string, string> = {};
    const compiled = new Map<string, PyRegex>();
    columns.forEach((column, c) => {
      let cell = cellsList[c] as string;
      if (column === "Command") cell = expandCompletion(cell);
      cells[column] = cell;
      if (column === "Template" || !cell) return;
      try {
        compiled.set(column, compilePythonRegex(cell));
      } catch (err) {
        if (!(err instanceof PyRegexError)) throw err;
        throw new TextFSMTemplateError(file, i + 1, 1, `${column} '${cell}': invalid regex: ${err.message}`);
      }
    });
    rows.push({ line: i + 1, templates: (cells.Template ?? "").split(":"), cells, compiled });
  }
  return { file, columns, rows };
}

/** The first row whose every given attribute (e.g. Platform, Command) matches, or undefined. */
export function matchIndex(index: TemplateIndex, attributes: Record<string, string>): IndexRow | undefined {
  return index.rows.find((row) =>
    Object.entries(attributes).every(([key, value]) => {
      const re = row.compiled.get(key);
      return !re || pyMatch(re, value) !== null;
    }),
  );
}
