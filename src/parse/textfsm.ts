// The `textfsm` parser: a check's command output through a TextFSM template (src/textfsm), one record per entry,
// with lower-case keys as ntc-templates gives them. `options.template` is a template name in the pinned
// ntc-templates (records exactly as ntc-templates' parse_output() returns them) or an absolute file path (records as
// TextFSM's ParseTextToDicts() returns them). A check writes `parser: { textfsm: NAME_OR_PATH }`; the check loader
// rewrites that to this parser with the path resolved against the check file. Templates are read and compiled once,
// when the check loads (optionProblems), so evaluation finds them compiled.
import { isAbsolute } from "node:path";
import { TextFSMError } from "../textfsm/fsm.js";
import { bundledLibrary, loadTemplateFile } from "../textfsm/library.js";
import { DEFAULT_TIME_LIMIT_MS, parseText, TextFSMTimeoutError } from "../textfsm/parse.js";
import type { Template } from "../textfsm/template.js";
import { ParseError, type Parser } from "./types.js";

export interface TextfsmOptions {
  template: string;
  time_limit_ms?: number;
}

export const textfsmOptionsSchema = {
  type: "object",
  additionalProperties: false,
  required: ["template"],
  properties: { template: { type: "string", minLength: 1 }, time_limit_ms: { type: "integer", minimum: 1 } },
} as const;

const files = new Map<string, Template>();

function template(ref: string): { template: Template; clitable: boolean } {
  if (!isAbsolute(ref)) return { template: bundledLibrary().template(ref), clitable: true };
  let found = files.get(ref);
  if (!found) {
    found = loadTemplateFile(ref);
    files.set(ref, found);
  }
  return { template: found, clitable: false };
}

/** The template's problems (unreadable, unknown name, invalid with file:line:col), as sentences for the check loader. */
export function textfsmOptionProblems(options: TextfsmOptions): string[] {
  try {
    template(options.template);
    return [];
  } catch (err) {
    return [(err as Error).message];
  }
}

export const parseTextfsm: Parser = (raw, options = {}) => {
  const { template: ref, time_limit_ms: limit } = options as unknown as TextfsmOptions;
  if (typeof ref !== "string") throw new ParseError("textfsm: no template given");
  let chosen: ReturnType<typeof template>;
  try {
    chosen = template(ref);
  } catch (err) {
    throw new ParseError(`textfsm: ${(err as Error).message}`);
  }
  if (raw.trim() === "") throw new ParseError("output is empty");
  try {
    return parseText([chosen.template], raw, { clitable: chosen.clitable, timeLimitMs: limit ?? DEFAULT_TIME_LIMIT_MS });
  } catch (err) {
    if (err instanceof TextFSMError || err instanceof TextFSMTimeoutError) throw new ParseError(err.message);
    throw err;
  }
};
