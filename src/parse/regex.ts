// The `regex` parser: a JavaScript regular expression with named groups, for outputs no dedicated parser
// reads (`show high-availability all`, `show clock`, ...). First match -> one record, or every match ->
// a list of records; optionally inside a block of lines cut out first. Nothing matched is a ParseError.
//
// Patterns come from check files, so they are vetted before use (`regexPatternProblems`): they must
// compile, define a named group, and not nest unbounded quantifiers such as `(\s+\S+)+`, the shape behind
// almost all catastrophic backtracking. The check is a heuristic (overlapping alternatives like `(a|a)*`
// pass it), so the parser also refuses outputs larger than MAX_INPUT.
import { applyTypes, setField, type TypeMap, type TypedValue, typeMapProblems, typesOptionSchema } from "./coerce.js";
import { ParseError, type Parser } from "./types.js";

// Two orders of magnitude above the largest real output we parse with regexes; it bounds the damage a
// pattern that slips past the nesting check can do.
export const MAX_INPUT = 16 * 1024 * 1024;

const NAME = "[A-Za-z_$][A-Za-z0-9_$]*";

export const regexOptionsSchema = {
  type: "object",
  additionalProperties: false,
  required: ["pattern"],
  properties: {
    pattern: { type: "string", minLength: 1, maxLength: 4000, pattern: `\\(\\?<${NAME}>` },
    flags: { type: "string", pattern: "^(?!.*(.).*\\1)[imsu]*$" },
    multiple: { type: "boolean" },
    block: {
      type: "object",
      additionalProperties: false,
      required: ["start"],
      properties: { start: { type: "string", minLength: 1 }, end: { type: "string", minLength: 1 } },
    },
    types: typesOptionSchema,
    required: { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true },
    min: { type: "integer", minimum: 0 },
  },
  // `min` counts records, which only exist in multiple mode: anywhere else it is a mistake.
  if: { type: "object", required: ["multiple"], properties: { multiple: { const: true } } },
  else: { type: "object", properties: { min: false } },
} as const;

export interface RegexOptions {
  pattern: string;
  flags?: string;
  multiple?: boolean;
  block?: { start: string; end?: string };
  types?: TypeMap;
  required?: string[];
  min?: number;
}

interface PatternShape {
  groups: string[];
  nestedQuantifier: boolean;
}

// One pass over the pattern source: the named groups it defines, and whether a group that contains an
// unbounded quantifier (*, +, {n,}) is itself repeated without bound. Escapes and character classes are
// skipped so that `\(` or `[+(]` are not mistaken for syntax.
function inspect(source: string): PatternShape {
  const groups: string[] = [];
  const stack: boolean[] = [false]; // per open group: does it contain an unbounded quantifier?
  let nestedQuantifier = false;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") {
      inClass = true;
    } else if (c === "(") {
      const name = new RegExp(`^\\(\\?<(${NAME})>`).exec(source.slice(i, i + 260));
      if (name?.[1] !== undefined) groups.push(name[1]);
      stack.push(false);
    } else if (c === ")" && stack.length > 1) {
      const inner = stack.pop() === true;
      const unbounded = unboundedQuantifierAt(source, i + 1);
      if (inner && unbounded) nestedQuantifier = true;
      if (inner || unbounded) stack[stack.length - 1] = true;
    } else if (unboundedQuantifierAt(source, i)) {
      stack[stack.length - 1] = true;
    }
  }
  return { groups, nestedQuantifier };
}

function unboundedQuantifierAt(source: string, i: number): boolean {
  const c = source[i];
  return c === "*" || c === "+" || /^\{\d+,\}/.test(source.slice(i, i + 24));
}

// Compiles a pattern from a check file, or throws a ParseError saying what is wrong with it.
export function compilePattern(source: string, flags: string, what: string): RegExp {
  let re: RegExp;
  try {
    re = new RegExp(source, flags);
  } catch (e) {
    throw new ParseError(`${what} /${source}/ is not a valid regular expression: ${(e as Error).message}`);
  }
  if (inspect(source).nestedQuantifier) {
    throw new ParseError(
      `${what} /${source}/ repeats a group that itself contains * or +; such patterns can take exponential time, rewrite it without the nesting`,
    );
  }
  return re;
}

// The checks JSON Schema cannot make: every problem, worded for the check author. The parser runs
// them too; the check loader can run them at load time.
export function regexOptionProblems(options: RegexOptions): string[] {
  if (typeof options.pattern !== "string") return ['"pattern" (a regular expression with named groups) is required'];
  const problems: string[] = [];
  const attempt = (run: () => void): void => {
    try {
      run();
    } catch (e) {
      problems.push((e as Error).message);
    }
  };
  const flags = options.flags ?? "";
  if (!/^[imsu]*$/.test(flags) || new Set(flags).size !== flags.length) {
    problems.push(`flags "${flags}": only m, i, s and u are allowed, each at most once`);
  }
  attempt(() => compilePattern(options.pattern, flags.replace(/[^imsu]/g, ""), "pattern"));
  if (options.block !== undefined) {
    attempt(() => compilePattern(options.block?.start ?? "", "", "block.start"));
    if (options.block.end !== undefined) attempt(() => compilePattern(options.block?.end ?? "", "", "block.end"));
  }
  const { groups } = inspect(options.pattern);
  if (groups.length === 0) problems.push(`pattern /${options.pattern}/ has no named group such as (?<name>...)`);
  if (groups.length > 0) problems.push(...typeMapProblems(options.types, groups));
  for (const field of options.required ?? []) {
    if (groups.length > 0 && !groups.includes(field)) problems.push(`required: "${field}" is not a named group of the pattern (it has: ${groups.join(", ")})`);
  }
  if (options.min !== undefined && options.multiple !== true) problems.push("min applies only with multiple: true");
  return problems;
}

// Lines from the first one matching `start` up to, not including, the next one matching `end` (or the end
// of the text). Each line is tested on its own, so ^ and $ mean the line's start and end.
export function cutBlock(text: string, start: string, end?: string): string {
  const startRe = compilePattern(start, "", "block.start");
  const endRe = end === undefined ? undefined : compilePattern(end, "", "block.end");
  const lines = text.split("\n");
  const from = lines.findIndex((line) => startRe.test(line));
  if (from === -1) throw new ParseError(`block start /${start}/ matches no line of the output`);
  let to = lines.length;
  if (endRe !== undefined) {
    const found = lines.findIndex((line, i) => i > from && endRe.test(line));
    if (found !== -1) to = found;
  }
  return lines.slice(from, to).join("\n");
}

function toRecord(match: RegExpMatchArray, options: RegexOptions): Record<string, TypedValue> {
  const raw: Record<string, string | null> = {};
  // Device lines carry trailing blanks ("Group 1: "); a captured value is trimmed, an unmatched
  // optional group is null so that `exists` can tell it from an empty capture.
  for (const [name, value] of Object.entries(match.groups ?? {})) setField(raw, name, value === undefined ? null : value.trim());
  for (const field of options.required ?? []) {
    if (raw[field] === null || raw[field] === "" || raw[field] === undefined) {
      throw new ParseError(`required group "${field}" is empty in the match ${JSON.stringify(match[0].trim())}`);
    }
  }
  return applyTypes(raw, options.types ?? {});
}

export function parseRegexText(raw: string, options: RegexOptions): Record<string, TypedValue> | Record<string, TypedValue>[] {
  const problems = regexOptionProblems(options);
  if (problems.length > 0) throw new ParseError(`regex options: ${problems.join("; ")}`);
  if (raw.length > MAX_INPUT) throw new ParseError(`output is ${raw.length} characters, more than the regex parser reads (${MAX_INPUT})`);
  let text = raw.replace(/\r\n?/g, "\n");
  const where = options.block === undefined ? "" : ` in the block starting at /${options.block.start}/`;
  if (options.block !== undefined) text = cutBlock(text, options.block.start, options.block.end);
  const flags = options.flags ?? "";

  if (options.multiple !== true) {
    const match = compilePattern(options.pattern, flags, "pattern").exec(text);
    if (match === null) throw new ParseError(`pattern /${options.pattern}/ matched nothing${where}`);
    return toRecord(match, options);
  }
  const records: Record<string, TypedValue>[] = [];
  // A zero-length match is the regex agreeing that nothing is there, not a record.
  for (const match of text.matchAll(compilePattern(options.pattern, `${flags}g`, "pattern"))) {
    if (match[0] !== "") records.push(toRecord(match, options));
  }
  const min = options.min ?? 1;
  if (records.length < min) {
    throw new ParseError(`pattern /${options.pattern}/ matched ${records.length} time${records.length === 1 ? "" : "s"}${where}, expected at least ${min}`);
  }
  return records;
}

export const parseRegex: Parser = (raw, options = {}) => parseRegexText(raw, options as unknown as RegexOptions);
