// Version ranges as check authors write them: `>=10.2.0 <11.0.0`, `>=10.2`, `<11.1.0-h3`, `=10.1.0`.
// Comparators separated by spaces must all hold (AND); alternatives separated by `||` (OR).
// A bare version means `=`. An operator may be followed by spaces (`>= 10.2`).
//
// Ranges are vendor-neutral: the platform supplies `compare`. Partial operands (`10.2`, `11`) name a
// whole train and follow the usual X-range reading: `<=10.2` means "<10.3", `>10.2` means ">=10.3",
// `=10.2` means ">=10.2 <10.3". For that the comparator must order a partial version before every
// full version of its train (the VersionOrdering contract, src/platforms/types.ts).

export type RangeOperator = "<" | "<=" | ">" | ">=" | "=";

export interface VersionComparator {
  op: RangeOperator;
  version: string;
}

// OR of ANDs.
export type VersionRange = VersionComparator[][];

export type CompareVersions = (a: string, b: string) => number;

export class RangeSyntaxError extends Error {
  readonly range: string;
  readonly column: number;
  constructor(range: string, column: number, problem: string) {
    super(`invalid version range "${range}" at column ${column}: ${problem}`);
    this.name = "RangeSyntaxError";
    this.range = range;
    this.column = column;
  }
}

export interface ParseRangeOptions {
  // Throws when an operand is not a version of the platform (e.g. parsePanosVersion); the message
  // is folded into the RangeSyntaxError so the author sees which operand and where.
  checkVersion?: (version: string) => void;
}

const PARTIAL = /^(\d+)(?:\.(\d+))?$/;

export function parseRange(range: string, options: ParseRangeOptions = {}): VersionRange {
  if (range.trim() === "") throw new RangeSyntaxError(range, 1, "the range is empty");
  const alternatives: VersionRange = [];
  let start = 0;
  for (;;) {
    const bar = range.indexOf("||", start);
    const end = bar === -1 ? range.length : bar;
    alternatives.push(parseAlternative(range, start, end, options));
    if (bar === -1) return alternatives;
    start = bar + 2;
  }
}

export function satisfiesRange(version: string, range: string | VersionRange, compare: CompareVersions): boolean {
  const parsed = typeof range === "string" ? parseRange(range) : range;
  return parsed.some((all) => all.every((c) => holds(compare(version, c.version), c.op)));
}

function holds(order: number, op: RangeOperator): boolean {
  switch (op) {
    case "<":
      return order < 0;
    case "<=":
      return order <= 0;
    case ">":
      return order > 0;
    case ">=":
      return order >= 0;
    case "=":
      return order === 0;
  }
}

function parseAlternative(range: string, start: number, end: number, options: ParseRangeOptions): VersionComparator[] {
  const comparators: VersionComparator[] = [];
  let pos = start;
  for (;;) {
    pos = skipSpaces(range, pos, end);
    if (pos >= end) break;
    const opAt = pos;
    const op = readOperator(range, pos, end);
    pos = skipSpaces(range, pos + op.length, end);
    const versionAt = pos;
    while (pos < end && !/[\s<>=|]/.test(range[pos] as string)) pos++;
    const version = range.slice(versionAt, pos);
    if (version === "") {
      const found = versionAt < end ? `"${range[versionAt]}"` : "nothing";
      throw new RangeSyntaxError(range, opAt + 1, `operator "${op || "="}" must be followed by a version, found ${found}`);
    }
    if (!/^\d/.test(version)) {
      throw new RangeSyntaxError(range, versionAt + 1, `expected a version such as 10.2.4, found "${version}" (operators are <, <=, >, >=, =)`);
    }
    checkOperand(range, versionAt, version, options);
    comparators.push(...expand((op || "=") as RangeOperator, version));
  }
  if (comparators.length === 0) {
    if (!range.includes("||")) throw new RangeSyntaxError(range, 1, "the range is empty");
    // Point at the "||" next to the empty alternative: the one before it, or the first one.
    throw new RangeSyntaxError(range, start === 0 ? 1 : start - 1, 'an alternative between "||" is empty');
  }
  return comparators;
}

function readOperator(range: string, pos: number, end: number): string {
  const two = range.slice(pos, Math.min(pos + 2, end));
  const op = two === ">=" || two === "<=" ? two : /[<>=]/.test(range[pos] as string) ? (range[pos] as string) : "";
  const next = range[pos + op.length];
  if (pos + op.length < end && next !== undefined && /[<>=]/.test(next)) {
    throw new RangeSyntaxError(range, pos + 1, `unknown operator "${range.slice(pos, pos + op.length + 1)}" (use <, <=, >, >=, =)`);
  }
  if (op === "" && range[pos] === "|") throw new RangeSyntaxError(range, pos + 1, 'a single "|": alternatives are separated by "||"');
  return op;
}

function checkOperand(range: string, at: number, version: string, options: ParseRangeOptions): void {
  if (!options.checkVersion || PARTIAL.test(version)) return;
  try {
    options.checkVersion(version);
  } catch (error) {
    throw new RangeSyntaxError(range, at + 1, error instanceof Error ? error.message : String(error));
  }
}

// Rewrites comparisons against a partial version into comparisons against train starts.
function expand(op: RangeOperator, version: string): VersionComparator[] {
  const partial = PARTIAL.exec(version);
  if (!partial || op === "<" || op === ">=") return [{ op, version }];
  const next = partial[2] === undefined ? `${Number(partial[1]) + 1}` : `${partial[1]}.${Number(partial[2]) + 1}`;
  if (op === "<=") return [{ op: "<", version: next }];
  if (op === ">") return [{ op: ">=", version: next }];
  return [
    { op: ">=", version },
    { op: "<", version: next },
  ];
}

function skipSpaces(range: string, pos: number, end: number): number {
  while (pos < end && /\s/.test(range[pos] as string)) pos++;
  return pos;
}
