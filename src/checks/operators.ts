// The assertion operators: each is a small pure predicate plus how it describes what it expected, so a
// failed item can say "expected X, got Y". Operands are literals or computed with `{ expr: ... }` (see
// condition.ts); every operator here receives the operand already resolved.
import { compareVersions } from "./versions.js";

export interface OperatorOptions {
  /** Compare strings trimmed and case-insensitively (also inside lists and objects). */
  ignore_case?: boolean;
}

export interface OperatorContext {
  platform: string;
}

/** What the operand must be, checked at load time for literals and at run time for computed operands. */
export type OperandKind = "none" | "any" | "number" | "list" | "string" | "regex" | "version";

export interface Operator {
  name: string;
  operand: OperandKind;
  /** True: the operator is about presence, so a missing value is an answer, not a missing-data error. */
  acceptsMissing?: boolean;
  test(actual: unknown, operand: unknown, options: OperatorOptions, ctx: OperatorContext): boolean;
  /** Human wording of the expectation, e.g. `one of [...]`. */
  expected(operand: unknown): string;
}

export function normalise(value: unknown, options: OperatorOptions): unknown {
  if (!options.ignore_case) return value;
  if (typeof value === "string") return value.trim().toLowerCase();
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

function eq(actual: unknown, operand: unknown, options: OperatorOptions): boolean {
  return deepEqual(normalise(actual, options), normalise(operand, options));
}

function inList(actual: unknown, operand: unknown, options: OperatorOptions): boolean {
  const needle = normalise(actual, options);
  return (operand as unknown[]).some((candidate) => deepEqual(needle, normalise(candidate, options)));
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

function isEmpty(actual: unknown): boolean {
  if (actual === null || actual === undefined || actual === "") return true;
  if (Array.isArray(actual)) return actual.length === 0;
  if (typeof actual === "object") return Object.keys(actual).length === 0;
  return false;
}

const show = (v: unknown): string => JSON.stringify(v);

function compareOp(name: string, symbol: string, holds: (c: number) => boolean): Operator {
  return {
    name,
    operand: "number",
    test: (actual, operand) => holds(numeric(actual) - numeric(operand)),
    expected: (operand) => `${symbol} ${show(operand)}`,
  };
}

function versionOp(name: string, symbol: string, holds: (c: number) => boolean): Operator {
  return {
    name,
    operand: "version",
    test: (actual, operand, _o, ctx) => holds(compareVersions(text(actual), text(operand), ctx.platform)),
    expected: (operand) => `version ${symbol} ${text(operand)}`,
  };
}

const OPERATORS: Operator[] = [
  { name: "exists", operand: "none", acceptsMissing: true, test: (a) => a !== null && a !== undefined, expected: () => "present" },
  { name: "not_exists", operand: "none", acceptsMissing: true, test: (a) => a === null || a === undefined, expected: () => "absent" },
  { name: "empty", operand: "none", acceptsMissing: true, test: (a) => isEmpty(a), expected: () => "empty" },
  { name: "not_empty", operand: "none", test: (a) => !isEmpty(a), expected: () => "not empty" },
  { name: "eq", operand: "any", test: (a, o, opts) => eq(a, o, opts), expected: (o) => `= ${show(o)}` },
  { name: "ne", operand: "any", test: (a, o, opts) => !eq(a, o, opts), expected: (o) => `≠ ${show(o)}` },
  compareOp("gt", ">", (c) => c > 0),
  compareOp("ge", "≥", (c) => c >= 0),
  compareOp("lt", "<", (c) => c < 0),
  compareOp("le", "≤", (c) => c <= 0),
  { name: "in", operand: "list", test: (a, o, opts) => inList(a, o, opts), expected: (o) => `one of ${(o as unknown[]).length} allowed values` },
  { name: "not_in", operand: "list", test: (a, o, opts) => !inList(a, o, opts), expected: (o) => `none of ${(o as unknown[]).length} denied values` },
  {
    name: "contains",
    operand: "any",
    test: (a, o, opts) => (Array.isArray(a) ? inList(o, a, opts) : (normalise(text(a), opts) as string).includes(normalise(text(o), opts) as string)),
    expected: (o) => `contains ${show(o)}`,
  },
  { name: "matches", operand: "regex", test: (a, o) => new RegExp(text(o)).test(text(a)), expected: (o) => `matches /${text(o)}/` },
  { name: "not_matches", operand: "regex", test: (a, o) => !new RegExp(text(o)).test(text(a)), expected: (o) => `does not match /${text(o)}/` },
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

/** Keys allowed beside the operator in a condition. */
export const OPTION_KEYS = ["path", "ignore_case"] as const;
