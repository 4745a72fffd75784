// Runs a compiled TextFSM template over text: the state machine of google/textfsm's ParseText, with the same Value
// option semantics (Required, Filldown, Fillup, Key, List with nested named groups), the same line and record
// actions, `End`/`EOF` and the implicit record at the end of input. One pass over the lines; each line is tried
// against the current state's rules in order, so the work is (lines × rules of a state) regex matches.
import { pyMatch } from "./pyre.js";
import type { Rule, Template, ValueDef } from "./template.js";

/** One field of a record: a string, or for a List value the list of matches (dicts when the regex has named groups). */
export type Field = string | (string | null | Record<string, string | null>)[];

/** What a template's `Error` action raises: the input is something the template author declared unparseable. */
export class TextFSMError extends Error {
  readonly file: string;
  readonly ruleLine: number;
  readonly inputLine: number;
  constructor(file: string, ruleLine: number, inputLine: number, input: string, message?: string) {
    super(`${file}:${ruleLine}: ${message ? `Error ${message}` : "Error action"} on input line ${inputLine}: ${JSON.stringify(input)}`);
    this.name = "TextFSMError";
    this.file = file;
    this.ruleLine = ruleLine;
    this.inputLine = inputLine;
  }
}

type Current = string | null | Field;

const truthy = (v: unknown): boolean => (typeof v === "string" ? v.length > 0 : Array.isArray(v) ? v.length > 0 : v !== null && v !== undefined);

class SkipRecord {}

/** A Value's mutable state during one parse; the option hooks run in the order the options were written, as in the reference. */
class ValueState {
  value: Current = null;
  private filldown: Current = null;
  private items: (string | null | Record<string, string | null>)[] = [];
  private readonly hasFilldown: boolean;

  constructor(
    readonly def: ValueDef,
    private readonly index: number,
    private readonly results: Current[][],
  ) {
    this.hasFilldown = def.options.includes("Filldown");
  }

  assign(v: string | null): void {
    this.value = v;
    for (const option of this.def.options) {
      if (option === "Filldown") this.filldown = this.value;
      else if (option === "Fillup") this.fillup();
      else if (option === "List") this.items.push(this.listItem());
    }
  }

  private fillup(): void {
    if (!truthy(this.value)) return;
    for (let r = this.results.length - 1; r >= 0; r--) {
      const row = this.results[r] as Current[];
      if (truthy(row[this.index])) break;
      row[this.index] = this.value;
    }
  }

  private listItem(): string | null | Record<string, string | null> {
    const compiled = this.def.compiled;
    if (compiled.groups > 1 && typeof this.value === "string" && compiled.names.length > 0) {
      const m = pyMatch(compiled, this.value);
      if (m) {
        const dict: Record<string, string | null> = {};
        for (const name of compiled.names) dict[name] = m.groups?.[name] ?? null;
        return dict;
      }
    }
    return this.value as string | null;
  }

  clear(): void {
    this.value = null;
    for (const option of this.def.options) {
      if (option === "Filldown") this.value = this.filldown;
      else if (option === "List" && !this.hasFilldown) this.items = [];
    }
  }

  clearAll(): void {
    this.value = null;
    for (const option of this.def.options) {
      if (option === "Filldown") this.filldown = null;
      else if (option === "List") this.items = [];
    }
  }

  save(): void {
    for (const option of this.def.options) {
      if (option === "Required" && !truthy(this.value)) throw new SkipRecord();
      if (option === "List") this.value = [...this.items];
    }
  }
}

// Python's str.splitlines() boundaries (the control characters are line breaks there).
// eslint-disable-next-line no-control-regex
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

export function splitLines(text: string): string[] {
  if (!text) return [];
  const lines = text.split(LINE_BREAK);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Parse `text` with `template`: the header (Value names in order) and one row per record. */
export function runTemplate(template: Template, text: string): { header: string[]; rows: Field[][] } {
  const results: Current[][] = [];
  const values = template.values.map((def, i) => new ValueState(def, i, results));
  const byName = new Map(values.map((v) => [v.def.name, v]));

  const appendRecord = (): void => {
    if (values.length === 0) return;
    const row: Current[] = [];
    try {
      for (const v of values) {
        v.save();
        row.push(v.value);
      }
    } catch (err) {
      if (!(err instanceof SkipRecord)) throw err;
      for (const v of values) v.clear();
      return;
    }
    if (row.every((f) => f === null || (Array.isArray(f) && f.length === 0))) return;
    results.push(row.map((f) => (f === null ? "" : f)));
    for (const v of values) v.clear();
  };

  let stateName = "Start";
  let rules = template.states.get("Start") as Rule[];
  const lines = splitLines(text);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] as string;
    for (const rule of rules) {
      const m = pyMatch(rule.regex, line);
      if (!m) continue;
      if (m.groups) {
        for (const name of rule.regex.names) {
          const v = byName.get(name);
          if (v) v.assign(m.groups[name] ?? null);
        }
      }
      if (rule.recordOp === "Record") appendRecord();
      else if (rule.recordOp === "Clear") for (const v of values) v.clear();
      else if (rule.recordOp === "Clearall") for (const v of values) v.clearAll();
      if (rule.lineOp === "Error") throw new TextFSMError(template.file, rule.line, n + 1, line, rule.newState || undefined);
      if (rule.lineOp === "Continue") continue;
      if (rule.newState) {
        if (rule.newState !== "End" && rule.newState !== "EOF") rules = template.states.get(rule.newState) as Rule[];
        stateName = rule.newState;
      }
      break;
    }
    if (stateName === "End" || stateName === "EOF") break;
  }
  if (stateName !== "End" && !template.states.has("EOF")) appendRecord();
  return { header: template.values.map((v) => v.name), rows: results as Field[][] };
}
