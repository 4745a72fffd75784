// The assertion operators: each is a small pure predicate plus how it words what it expected, so a failed
// item can say "expected X, got Y". Operands are literals or computed with `{ expr: ... }` (see
// condition.ts); an operator receives its operand already resolved and checked against `operand`.
import { compareVersions } from "./versions.js";

export interface OperatorOptions {
  /** Strings compared trimmed and case-insensitively (also inside lists and objects). */
  ignore_case?: boolean;
  /** Loose equality: ignore_case, plus numbers and numeric strings compare as numbers ("10" = 10). */
  loose?: boolean;
}

export interface OperatorContext {
  platform: string;
}

/** What the operand must be; checked at load time for literals and at run time for computed operands. */
export type OperandKind = "none" | "any" | "number" | "list" | "regex" | "version" | "range" | "tolerance";

export interface Operator {
  name: string;
  operand: OperandKind;
  /** Option keys this operator accepts beside `path` (load-time validation rejects the others). */
  options?: ReadonlyArray<keyof OperatorOptions>;
  /** True: the operator is about presence, so a missing value is an answer, not a missing-data error. */
  acceptsMissing?: boolean;
  test(actual: unknown, operand: unknown, options: OperatorOptions, ctx: OperatorContext): boolean;
  /** Human wording of the expectation, e.g. `one of 12 allowed values`. */
  expected(operand: unknown): string;
}

export function normalise(value: unknown, options: OperatorOptions): unknown {
  if (!options.ignore_case && !options.loose) return value;
  if (typeof value === "string") {
    const s = value.trim();
    if (options.loose && s !== "" && Number.isFinite(Number(s))) return Number(s);
    return s.toLowerCase();
  }
  if (Array.isArray(value)) return value.map((v) => normalise(v, options));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v, options)]));
  }
  return value;
}

/** Structural equality for JSON values (object key order does not matter). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ak = Object.keys(a as object);
  const bo = b as Record<string, unknown>;
  return ak.length === Object.keys(bo).length && ak.every((k) => k in bo && deepEqual((a as Record<string, unknown>)[k], bo[k]));
}

const eq = (actual: unknown, operand: unknown, options: OperatorOptions): boolean => deepEqual(normalise(actual, options), normalise(operand, options));

function member(needle: unknown, haystack: unknown[], options: OperatorOptions): boolean {
  const n = normalise(needle, options);
  return normalisedList(haystack, options).some((candidate) => deepEqual(n, candidate));
}

// A computed list (an `in` operand) is often one and the same array for every item and device (see
// expression-memo.ts): it is normalised once per array and options, not once per item.
const normalisedLists = new WeakMap<unknown[], Map<string, unknown[]>>();

function normalisedList(list: unknown[], options: OperatorOptions): unknown[] {
  if (!options.ignore_case && !options.loose) return list;
  const flavour = `${options.ignore_case ? "i" : ""}${options.loose ? "l" : ""}`;
  let byFlavour = normalisedLists.get(list);
  if (byFlavour === undefined) {
    byFlavour = new Map();
    normalisedLists.set(list, byFlavour);
  }
  let normalised = byFlavour.get(flavour);
  if (normalised === undefined) {
    normalised = list.map((v) => normalise(v, options));
    byFlavour.set(flavour, normalised);
  }
  return normalised;
}

function numeric(actual: unknown): number {
  if (typeof actual === "number") return actual;
  if (typeof actual === "string" && actual.trim() !== "" && Number.isFinite(Number(actual))) return Number(actual);
  throw new TypeError(`${JSON.stringify(actual)} is not a number`);
}

function text(actual: unknown): string {
  if (typeof actual === "string") return actual;
  if (typeof actual === "number" || typeof actual === "boolean") return String(actual);
  throw new TypeError(`${JSON.stringify(actual)} is not text`);
}

function list(actual: unknown): unknown[] {
  if (Array.isArray(actual)) return actual;
  throw new TypeError(`${JSON.stringify(actual)} is not a list`);
}

function isEmpty(actual: unknown): boolean {
  if (actual === null || actual === undefined || actual === "") return true;
  if (Array.isArray(actual)) return actual.length === 0;
  if (typeof actual === "object") return Object.keys(actual).length === 0;
  return false;
}

/** A list contains an element, or a string contains a substring. */
function contains(actual: unknown, needle: unknown, options: OperatorOptions): boolean {
  if (Array.isArray(actual)) return member(needle, actual, options);
  return String(normalise(text(actual), options)).includes(String(normalise(text(needle), options)));
}

export interface RangeOperand {
  min?: number;
  max?: number;
  min_inclusive?: boolean;
  max_inclusive?: boolean;
}

function inRange(actual: unknown, r: RangeOperand): boolean {
  const n = numeric(actual);
  if (r.min !== undefined && (r.min_inclusive === false ? n <= r.min : n < r.min)) return false;
  if (r.max !== undefined && (r.max_inclusive === false ? n >= r.max : n > r.max)) return false;
  return true;
}

function describeRange(r: RangeOperand): string {
  const lo = r.min === undefined ? "(-∞" : `${r.min_inclusive === false ? "(" : "["}${r.min}`;
  const hi = r.max === undefined ? "∞)" : `${r.max}${r.max_inclusive === false ? ")" : "]"}`;
  return `in ${lo}, ${hi}`;
}

export interface ToleranceOperand {
  target: number;
  abs?: number;
  percent?: number;
}

function withinTolerance(actual: unknown, t: ToleranceOperand): boolean {
  const allowed = t.abs ?? (Math.abs(t.target) * (t.percent ?? 0)) / 100;
  return Math.abs(numeric(actual) - t.target) <= allowed;
}

const show = (v: unknown): string => JSON.stringify(v);
const STRINGY: ReadonlyArray<keyof OperatorOptions> = ["ignore_case"];
const EQUALITY: ReadonlyArray<keyof OperatorOptions> = ["ignore_case", "loose"];

function compareOp(name: string, symbol: string, holds: (c: number) => boolean): Operator {
  return { name, operand: "number", test: (a, o) => holds(numeric(a) - numeric(o)), expected: (o) => `${symbol} ${show(o)}` };
}

function versionOp(name: string, symbol: string, holds: (c: number) => boolean): Operator {
  return {
    name,
    operand: "version",
    test: (a, o, _opts, ctx) => holds(compareVersions(text(a).trim(), text(o).trim(), ctx.platform)),
    expected: (o) => `version ${symbol} ${text(o)}`,
  };
}

const OPERATORS: Operator[] = [
  { name: "exists", operand: "none", acceptsMissing: true, test: (a) => a !== null && a !== undefined, expected: () => "present" },
  { name: "not_exists", operand: "none", acceptsMissing: true, test: (a) => a === null || a === undefined, expected: () => "absent" },
  { name: "empty", operand: "none", acceptsMissing: true, test: (a) => isEmpty(a), expected: () => "empty" },
  { name: "not_empty", operand: "none", test: (a) => !isEmpty(a), expected: () => "not empty" },
  { name: "eq", operand: "any", options: EQUALITY, test: (a, o, opts) => eq(a, o, opts), expected: (o) => `= ${show(o)}` },
  { name: "ne", operand: "any", options: EQUALITY, test: (a, o, opts) => !eq(a, o, opts), expected: (o) => `≠ ${show(o)}` },
  compareOp("gt", ">", (c) => c > 0),
  compareOp("ge", "≥", (c) => c >= 0),
  compareOp("lt", "<", (c) => c < 0),
  compareOp("le", "≤", (c) => c <= 0),
  { name: "range", operand: "range", test: (a, o) => inRange(a, o as RangeOperand), expected: (o) => describeRange(o as RangeOperand) },
  {
    name: "tolerance",
    operand: "tolerance",
    test: (a, o) => withinTolerance(a, o as ToleranceOperand),
    expected: (o) => {
      const t = o as ToleranceOperand;
      return `${t.target} ± ${t.abs !== undefined ? t.abs : `${t.percent}%`}`;
    },
  },
  { name: "in", operand: "list", options: EQUALITY, test: (a, o, opts) => member(a, o as unknown[], opts), expected: (o) => `one of ${(o as unknown[]).length} allowed values` },
  { name: "not_in", operand: "list", options: EQUALITY, test: (a, o, opts) => !member(a, o as unknown[], opts), expected: (o) => `none of ${(o as unknown[]).length} denied values` },
  { name: "contains", operand: "any", options: EQUALITY, test: (a, o, opts) => contains(a, o, opts), expected: (o) => `contains ${show(o)}` },
  { name: "contains_all", operand: "list", options: EQUALITY, test: (a, o, opts) => (o as unknown[]).every((x) => contains(a, x, opts)), expected: (o) => `contains all of ${show(o)}` },
  { name: "contains_any", operand: "list", options: EQUALITY, test: (a, o, opts) => (o as unknown[]).some((x) => contains(a, x, opts)), expected: (o) => `contains any of ${show(o)}` },
  { name: "contains_none", operand: "list", options: EQUALITY, test: (a, o, opts) => !(o as unknown[]).some((x) => contains(a, x, opts)), expected: (o) => `contains none of ${show(o)}` },
  { name: "subset", operand: "list", options: EQUALITY, test: (a, o, opts) => list(a).every((x) => member(x, o as unknown[], opts)), expected: (o) => `only values from ${show(o)}` },
  { name: "superset", operand: "list", options: EQUALITY, test: (a, o, opts) => (o as unknown[]).every((x) => member(x, list(a), opts)), expected: (o) => `at least all of ${show(o)}` },
  {
    name: "unique",
    operand: "none",
    options: EQUALITY,
    test: (a, _o, opts) => {
      const values = list(a).map((v) => normalise(v, opts));
      return values.every((v, i) => values.findIndex((w) => deepEqual(v, w)) === i);
    },
    expected: () => "no duplicates",
  },
  {
    name: "all_same",
    operand: "none",
    options: EQUALITY,
    test: (a, _o, opts) => {
      const values = list(a).map((v) => normalise(v, opts));
      return values.every((v) => deepEqual(v, values[0]));
    },
    expected: () => "all the same",
  },
  { name: "matches", operand: "regex", options: STRINGY, test: (a, o, opts) => new RegExp(text(o), opts.ignore_case ? "i" : "").test(text(a)), expected: (o) => `matches /${text(o)}/` },
  { name: "not_matches", operand: "regex", options: STRINGY, test: (a, o, opts) => !new RegExp(text(o), opts.ignore_case ? "i" : "").test(text(a)), expected: (o) => `does not match /${text(o)}/` },
  versionOp("version_ge", "≥", (c) => c >= 0),
  versionOp("version_gt", ">", (c) => c > 0),
  versionOp("version_le", "≤", (c) => c <= 0),
  versionOp("version_lt", "<", (c) => c < 0),
  versionOp("version_eq", "=", (c) => c === 0),
];

const BY_NAME: ReadonlyMap<string, Operator> = new Map(OPERATORS.map((op) => [op.name, op]));

export function operator(name: string): Operator | undefined {
  return BY_NAME.get(name);
}

export function operatorNames(): string[] {
  return OPERATORS.map((op) => op.name);
}

/** Keys allowed beside the operator in a condition (each operator accepts a subset of the options). */
export const OPTION_KEYS = ["path", "ignore_case", "loose"] as const;
