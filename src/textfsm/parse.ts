// Text -> records with one or more templates, as ntc-templates' parse_output() returns them: a list of objects with
// lower-case keys, several templates (an index row `a.textfsm:b.textfsm`) merged as clitable merges them, and the
// whole parse under a time limit so that a catastrophically backtracking regex in a user's template ends with an
// error instead of hanging the run.
import { runInNewContext } from "node:vm";
import { runTemplate, type Field } from "./fsm.js";
import type { Template } from "./template.js";

export type TextFSMRecord = Record<string, Field>;

/** A parse that ran past its time limit: almost always a regex that backtracks exponentially on some line. */
export class TextFSMTimeoutError extends Error {
  constructor(
    readonly file: string,
    readonly limitMs: number,
  ) {
    super(`${file}: parsing took longer than ${limitMs} ms and was stopped; a rule's regex probably backtracks catastrophically (nested quantifiers such as (\\S+\\s*)+ on a line that almost matches)`);
    this.name = "TextFSMTimeoutError";
  }
}

export const DEFAULT_TIME_LIMIT_MS = 10_000;

/**
 * Run `fn` and stop it after `ms`. JS regex matching cannot be interrupted from JS, but V8 can terminate a script
 * run by node:vm with a `timeout`, and that interrupts whatever the isolate is executing, regex matching included.
 */
export function withTimeLimit<T>(ms: number, fn: () => T, onTimeout: () => Error): T {
  try {
    return runInNewContext("run()", { run: fn }, { timeout: ms, displayErrors: false }) as T;
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT") throw onTimeout();
    throw err;
  }
}

const equalField = (a: Field | undefined, b: Field | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

interface Table {
  header: string[];
  rows: Field[][];
}

// clitable's ParseCmd + TextTable.extend: later templates only add columns the first lacks; rows are joined on the
// Key values (those of the first template that declares any), or by position when no template declares a Key.
function mergeTables(templates: Template[], text: string): Table {
  const first = templates[0] as Template;
  const table: Table = runTemplate(first, text);
  let keys = keyNames(first);
  for (const template of templates.slice(1)) {
    const next = runTemplate(template, text);
    if (keys.length === 0) keys = keyNames(template);
    const missing = keys.find((k) => !table.header.includes(k));
    if (missing) throw new Error(`${template.file}: cannot merge on Key '${missing}': the first template has no such Value`);
    const added = next.header.filter((c) => !table.header.includes(c));
    if (added.length === 0) continue;
    const from = added.map((c) => next.header.indexOf(c));
    const keyAt = keys.map((k) => [table.header.indexOf(k), next.header.indexOf(k)] as const);
    table.header.push(...added);
    table.rows.forEach((row, r) => {
      let match: Field[] | undefined;
      if (keys.length === 0) match = next.rows[r];
      else match = next.rows.find((other) => keyAt.every(([a, b]) => equalField(row[a], other[b])));
      for (const c of from) row.push(match ? (match[c] as Field) : "");
    });
  }
  return table;
}

function keyNames(template: Template): string[] {
  return template.values.filter((v) => v.options.includes("Key")).map((v) => v.name);
}

export interface ParseOptions {
  /** Stop the parse after this long (default 10 s). */
  timeLimitMs?: number;
  /**
   * Turn every field into text as clitable does (Python's str(): a List's missing match is "None", a List item with
   * nested named groups is the repr of its dict). ntc-templates' parse_output() goes through clitable, so records
   * found by name or through the index are stringified; a template given as a file is parsed as TextFSM's
   * ParseTextToDicts() does (null and objects kept). Default false.
   */
  clitable?: boolean;
}

/** Python's repr() of a str: single quotes unless the text has a ' and no ", with backslash escapes. */
function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    if (ch === "\\" || ch === quote) out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + quote;
}

/** Python's str() of a List item as clitable applies it. */
function pyStr(item: string | null | Record<string, string | null>): string {
  if (item === null) return "None";
  if (typeof item === "string") return item;
  return `{${Object.entries(item).map(([k, v]) => `${pyRepr(k)}: ${v === null ? "None" : pyRepr(v)}`).join(", ")}}`;
}

const toClitable = (field: Field): Field => (typeof field === "string" ? field : field.map(pyStr));

/** Records with lower-case keys, as ntc-templates' parsed_sample files hold them. */
export function parseText(templates: Template[], text: string, options: ParseOptions = {}): TextFSMRecord[] {
  if (templates.length === 0) throw new Error("no template to parse with");
  const limit = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const table = withTimeLimit(limit, () => mergeTables(templates, text), () => new TextFSMTimeoutError(templates.map((t) => t.file).join(":"), limit));
  const keys = table.header.map((h) => h.toLowerCase());
  const cell = options.clitable ? toClitable : (f: Field) => f;
  return table.rows.map((row) => Object.fromEntries(keys.map((k, i) => [k, cell(row[i] as Field)])));
}
