// The parsers a check may name in `gather.<name>.parser`. Check validation lists parserNames() in its
// "expected one of" message, and the runner looks the name up with getParser().
import { parseJson } from "./json.js";
import { parseKeyValue } from "./key-value.js";
import { parsePanosPhy } from "./panos-phy.js";
import { parsePanosSystemState } from "./panos-system-state.js";
import { ParseError, type Parser } from "./types.js";
import { parseXml } from "./xml.js";

// Raw text for checks that match on the output itself. An empty output is still an error: a command
// that printed nothing did not answer the question, and a `not contains` assertion must not pass on it.
const parseText: Parser = (raw) => {
  if (raw.trim() === "") throw new ParseError("output is empty");
  return raw;
};

const PARSERS: ReadonlyMap<string, Parser> = new Map<string, Parser>([
  ["json", parseJson],
  ["key-value", parseKeyValue],
  ["panos-phy", parsePanosPhy],
  ["panos-system-state", parsePanosSystemState],
  ["text", parseText],
  ["xml", parseXml],
]);

export function parserNames(): string[] {
  return [...PARSERS.keys()].sort();
}

export function getParser(name: string): Parser | undefined {
  return PARSERS.get(name);
}
