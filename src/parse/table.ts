// The `table` parser: fixed-column CLI tables (`show jobs all`, `show interface hardware`, `df -h`) into a
// list of records keyed by column.
//
// Column geometry comes from the header line: each heading spans the characters it occupies. CLIs
// align cells both ways under those headings (job IDs and df sizes end under the end of their heading,
// names start under its start), so a cell is not cut at fixed offsets. Instead each word of a row (a run
// of non-blanks) goes to a column:
//   1. the column whose heading it overlaps most (ties: the leftmost) — this places right-aligned values,
//      and a value that spills into the next heading's span stays where most of it is;
//   2. a word under no heading belongs to the nearest heading to its LEFT (the last column that starts at
//      or before it): the rest of a left-aligned value wider than its heading ("2016/04/28 03:05:24" under
//      "Enqueued"), or the tail of the last column;
//   3. a column never goes back: a word after a word of column k is in column k or later.
// A cell is the row's text from its first word to its last, so single spaces inside it are kept.
// `split: whitespace` is for tables whose header is not aligned with the rows: cells are the row's words,
// and the last column takes the rest of the line.
import { applyTypes, type TypeMap, type TypedValue, typeMapProblems, typesOptionSchema } from "./coerce.js";
import { compilePattern } from "./regex.js";
import { ParseError, type Parser } from "./types.js";

export const tableOptionsSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    header: { type: "string", minLength: 1 },
    headings: { type: "array", items: { type: "string", minLength: 1, pattern: "\\S" }, minItems: 1 },
    columns: { type: "array", items: { type: "string", minLength: 1 }, minItems: 1, uniqueItems: true },
    skip_separator: { type: "boolean" },
    end: { type: "string", minLength: 1 },
    split: { enum: ["position", "whitespace"] },
    types: typesOptionSchema,
    required: { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true },
    min: { type: "integer", minimum: 0 },
  },
} as const;

export interface TableOptions {
  header?: string;
  headings?: string[];
  columns?: string[];
  skip_separator?: boolean;
  end?: string;
  split?: "position" | "whitespace";
  types?: TypeMap;
  required?: string[];
  min?: number;
}

export type TableRow = Record<string, TypedValue>;

interface Heading {
  text: string;
  start: number;
  end: number;
}

// Some CLIs separate sections of an output with a line holding only a zero-width space (U+200B),
// which JavaScript's \s does not cover.
const BLANK = /^[\s\u200b]*$/;
const SEPARATOR = /^[\s|+\u200b]*[-=]{3,}[-=\s|+\u200b]*$/;

// The checks JSON Schema cannot make; the check loader can run them at load time.
export function tableOptionProblems(options: TableOptions): string[] {
  const problems: string[] = [];
  for (const [what, source] of [["header", options.header], ["end", options.end]] as const) {
    if (source === undefined) continue;
    try {
      compilePattern(source, "", what);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  const { columns, headings } = options;
  if (columns !== undefined && headings !== undefined && columns.length !== headings.length) {
    problems.push(`columns has ${columns.length} names but headings has ${headings.length} entries`);
  }
  // Field names are known before parsing only when the author gave them.
  const fields = columns ?? headings?.map(keyOf);
  problems.push(...typeMapProblems(options.types, fields));
  for (const field of options.required ?? []) {
    if (fields !== undefined && !fields.includes(field)) problems.push(`required: "${field}" is not a column (there are: ${fields.join(", ")})`);
  }
  return problems;
}

function keyOf(heading: string): string {
  return heading.trim().toLowerCase().replace(/\s+/g, "_");
}

// Where each heading sits in the header line: the given multi-word `headings` in order, or every word.
function locateHeadings(line: string, lineNo: number, given: string[] | undefined): Heading[] {
  if (given === undefined) return [...line.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  const found: Heading[] = [];
  let cursor = 0;
  for (const text of given) {
    const start = findWord(line, text, cursor);
    if (start === -1) throw new ParseError(`heading "${text}" not found in the header line (in order after ${JSON.stringify(line.slice(0, cursor).trim())})`, lineNo);
    const between = line.slice(cursor, start);
    if (between.trim() !== "") throw new ParseError(`header word "${between.trim()}" is not in headings; list every heading of the line`, lineNo);
    found.push({ text, start, end: start + text.length });
    cursor = start + text.length;
  }
  if (line.slice(cursor).trim() !== "") throw new ParseError(`header word "${line.slice(cursor).trim()}" is not in headings; list every heading of the line`, lineNo);
  return found;
}

// A heading is whole words: "speed" must not match the start of "speed/duplex/state".
function findWord(line: string, text: string, from: number): number {
  for (let at = line.indexOf(text, from); at !== -1; at = line.indexOf(text, at + 1)) {
    const before = at === 0 ? " " : (line[at - 1] as string);
    const after = line[at + text.length] ?? " ";
    if (/\s/.test(before) && /\s/.test(after)) return at;
  }
  return -1;
}

function cellsByPosition(line: string, headings: Heading[]): string[] {
  const spans: ([number, number] | undefined)[] = headings.map(() => undefined);
  let column = 0;
  for (const word of line.matchAll(/\S+/g)) {
    const start = word.index;
    const end = start + word[0].length;
    let best = -1;
    let bestOverlap = 0;
    headings.forEach((h, j) => {
      const overlap = Math.min(end, h.end) - Math.max(start, h.start);
      if (overlap > bestOverlap) {
        best = j;
        bestOverlap = overlap;
      }
    });
    if (best === -1) {
      best = 0;
      headings.forEach((h, j) => {
        if (h.start <= start) best = j;
      });
    }
    column = Math.max(column, best);
    const span = spans[column];
    spans[column] = span === undefined ? [start, end] : [span[0], end];
  }
  return spans.map((span) => (span === undefined ? "" : line.slice(span[0], span[1])));
}

function cellsByWhitespace(line: string, count: number, lineNo: number): string[] {
  const words = [...line.matchAll(/\S+/g)];
  const last = words[count - 1];
  if (last === undefined) throw new ParseError(`row has ${words.length} fields, the header has ${count} columns`, lineNo);
  return [...words.slice(0, count - 1).map((w) => w[0]), line.slice(last.index).trimEnd()];
}

export function parseTableText(raw: string, options: TableOptions = {}): TableRow[] {
  const problems = tableOptionProblems(options);
  if (problems.length > 0) throw new ParseError(`table options: ${problems.join("; ")}`);
  const lines = raw.split(/\r?\n/);
  const headerRe = options.header === undefined ? undefined : compilePattern(options.header, "", "header");
  const endRe = options.end === undefined ? undefined : compilePattern(options.end, "", "end");
  const skipSeparator = options.skip_separator !== false;

  const headerAt = lines.findIndex((line) => (headerRe === undefined ? !BLANK.test(line) : headerRe.test(line)));
  if (headerAt === -1) {
    throw new ParseError(headerRe === undefined ? "output is empty: no header line" : `header /${options.header}/ matches no line of the output`);
  }
  const headerLine = lines[headerAt] as string;
  const headings = locateHeadings(headerLine, headerAt + 1, options.headings);
  const keys = options.columns ?? headings.map((h) => keyOf(h.text));
  if (keys.length !== headings.length) {
    throw new ParseError(`columns has ${keys.length} names but the header has ${headings.length} headings: ${headings.map((h) => JSON.stringify(h.text)).join(" ")}`, headerAt + 1);
  }
  const duplicate = keys.find((k, i) => keys.indexOf(k) !== i);
  if (duplicate !== undefined) throw new ParseError(`two columns are named "${duplicate}"; name them with the columns option`, headerAt + 1);
  const late = typeMapProblems(options.types, keys);
  for (const field of options.required ?? []) if (!keys.includes(field)) late.push(`required: "${field}" is not a column (there are: ${keys.join(", ")})`);
  if (late.length > 0) throw new ParseError(`table options: ${late.join("; ")}`, headerAt + 1);

  const rows: TableRow[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (endRe?.test(line)) break;
    if (BLANK.test(line)) {
      // Without `end`, the first blank line after the rows ends the table: CLIs print the next
      // section ("aggregation groups: 2", a second table) after one.
      if (endRe === undefined && rows.length > 0) break;
      continue;
    }
    if (skipSeparator && SEPARATOR.test(line)) continue;
    const cells = options.split === "whitespace" ? cellsByWhitespace(line, keys.length, i + 1) : cellsByPosition(line, headings);
    const record: Record<string, string> = {};
    keys.forEach((key, j) => Object.defineProperty(record, key, { value: cells[j] ?? "", enumerable: true, writable: true, configurable: true }));
    for (const field of options.required ?? []) {
      if (record[field] === "") throw new ParseError(`required column "${field}" is empty`, i + 1);
    }
    rows.push(applyTypes(record, options.types ?? {}, i + 1));
  }
  const min = options.min ?? 1;
  if (rows.length < min) throw new ParseError(`table has ${rows.length} row${rows.length === 1 ? "" : "s"} under the header, expected at least ${min}`, headerAt + 1);
  return rows;
}

export const parseTable: Parser = (raw, options = {}) => parseTableText(raw, options as TableOptions);
