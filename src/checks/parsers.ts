// The parsers a check may name in `gather.<name>.parser`: the generic ones (src/parse) and those each platform
// plugin contributes (the registry). Check validation lists parserNames() and validates options against
// parserOptionSchema(); evaluation looks the parser up with getParser().
import * as generic from "../parse/registry.js";
import type { Parser } from "../parse/types.js";
import { platformParsers } from "../platforms/registry.js";

export function parserNames(): string[] {
  return [...new Set([...generic.parserNames(), ...platformParsers().keys()])].sort();
}

export function getParser(name: string): Parser | undefined {
  return generic.getParser(name) ?? platformParsers().get(name)?.parse;
}

export function parserOptionSchema(name: string): object | undefined {
  return generic.parserOptionSchemas[name] ?? platformParsers().get(name)?.optionsSchema;
}

export function parserOptionProblems(name: string, options: Record<string, unknown>): string[] {
  const entry = platformParsers().get(name);
  if (entry) return entry.optionProblems?.(options) ?? [];
  return generic.parserOptionProblems(name, options);
}
