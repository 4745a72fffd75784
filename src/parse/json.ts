// The `json` parser: JSON output (for example `| json` on other platforms, or a saved artifact) -> data.
// JSON.parse's SyntaxError is rewritten as a ParseError with the line of the offending position.
import { ParseError, type Parser } from "./types.js";

export const parseJson: Parser = (raw) => {
  if (raw.trim() === "") throw new ParseError("output is empty: expected JSON");
  try {
    return JSON.parse(raw) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ParseError(`invalid JSON: ${message}`, lineOf(raw, message));
  }
};

// V8 reports "... at position N" (and newer versions "(line L column C)"); either gives the line.
function lineOf(raw: string, message: string): number | undefined {
  const line = /\(line (\d+) column \d+\)/.exec(message);
  if (line) return Number(line[1]);
  const position = /at position (\d+)/.exec(message);
  if (!position) return raw.includes("\n") ? undefined : 1;
  const at = Math.min(Number(position[1]), raw.length);
  let count = 1;
  for (let i = 0; i < at; i++) if (raw.charCodeAt(i) === 10) count++;
  return count;
}
