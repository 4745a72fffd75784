// The generic parsers (any platform's output) a check may name in `gather.<name>.parser`. Check validation lists parserNames() in its
// "expected one of" message and validates `gather.<name>.options` against parserOptionSchemas (then
// parserOptionProblems for what a schema cannot say); the runner looks the name up with getParser().
// Reference for check authors: docs/parsers.md.
import { applyTypes, type TypeMap, typeMapProblems, typesOptionSchema } from "./coerce.js";
import { parseJson } from "./json.js";
import { parseKeyValue } from "./key-value.js";
import { parseRegex, regexOptionProblems, regexOptionsSchema, type RegexOptions } from "./regex.js";
import { parseTable, tableOptionProblems, tableOptionsSchema, type TableOptions } from "./table.js";
import { parseTextfsm, textfsmOptionProblems, textfsmOptionsSchema, type TextfsmOptions } from "./textfsm.js";
import { ParseError, type Parser } from "./types.js";
import { parseXml, xmlOptionsSchema } from "./xml.js";

// Raw text for checks that match on the output itself. An empty output is still an error: a command
// that printed nothing did not answer the question, and a `not contains` assertion must not pass on it.
const parseText: Parser = (raw) => {
  if (raw.trim() === "") throw new ParseError("output is empty");
  return raw;
};

// key-value with `types`, so that `show system info` fields can be compared as numbers and booleans.
// Keys are the device's, so a typed key the output lacks is simply not there (the check engine's
// missing-value rule applies), rather than an error here.
const parseKeyValueTyped: Parser = (raw, options = {}) => {
  const { types, ...rest } = options;
  const record = parseKeyValue(raw, rest) as Record<string, string>;
  if (types === undefined) return record;
  const problems = typeMapProblems(types as TypeMap, undefined);
  if (problems.length > 0) throw new ParseError(`key-value options: ${problems.join("; ")}`);
  return applyTypes(record, types as TypeMap);
};

const PARSERS: ReadonlyMap<string, Parser> = new Map<string, Parser>([
  ["json", parseJson],
  ["key-value", parseKeyValueTyped],
  ["regex", parseRegex],
  ["table", parseTable],
  ["text", parseText],
  ["textfsm", parseTextfsm],
  ["xml", parseXml],
]);

// Accepts `{}` (or no options) and nothing else: an option a parser does not read is a typo.
const NO_OPTIONS = { type: "object", additionalProperties: false } as const;

// JSON Schemas (draft-07, ajv strict-clean) of `gather.<name>.options`, one per parser name.
export const parserOptionSchemas: Record<string, object> = {
  json: NO_OPTIONS,
  "key-value": {
    type: "object",
    additionalProperties: false,
    properties: { separator: { type: "string", minLength: 1 }, types: typesOptionSchema },
  },
  regex: regexOptionsSchema,
  table: tableOptionsSchema,
  text: NO_OPTIONS,
  textfsm: textfsmOptionsSchema,
  xml: xmlOptionsSchema,
};

// What is wrong with options that already passed the parser's schema (patterns that do not compile or
// may backtrack catastrophically, types naming no field): sentences for the check loader. Parsers run
// the same checks, so skipping this only moves the error from load time to run time.
export function parserOptionProblems(name: string, options: Record<string, unknown>): string[] {
  if (name === "regex") return regexOptionProblems(options as unknown as RegexOptions);
  if (name === "table") return tableOptionProblems(options as TableOptions);
  if (name === "key-value") return typeMapProblems(options.types as TypeMap | undefined, undefined);
  if (name === "textfsm") return textfsmOptionProblems(options as unknown as TextfsmOptions);
  return [];
}

export function parserNames(): string[] {
  return [...PARSERS.keys()].sort();
}

export function getParser(name: string): Parser | undefined {
  return PARSERS.get(name);
}
