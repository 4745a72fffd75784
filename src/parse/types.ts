// A parser turns one command's raw text into structured data. Parsers are pure and throw ParseError
// (with the line, when known) instead of returning a guess: nothing unknown may pass a check.

export class ParseError extends Error {
  readonly line?: number;
  constructor(message: string, line?: number) {
    super(line !== undefined ? `line ${line}: ${message}` : message);
    this.name = "ParseError";
    this.line = line;
  }
}

export type Parser = (raw: string, options?: Record<string, unknown>) => unknown;
