// Evaluates a condition tree on one item. The outcome is three-valued: a value that is missing or of the
// wrong type is `missing`/`error`, never silently true or false, so the check's policy decides what it means.
import type { Condition, OperatorCondition } from "./types.js";
import { evaluateExpression, type Variables } from "./expression.js";
import { operator, OPTION_KEYS, type Operator, type OperatorOptions } from "./operators.js";

export type ConditionOutcome =
  | { result: "true" | "false"; actual: unknown; expected: string }
  | { result: "missing"; path: string; expected: string }
  | { result: "error"; message: string };

export interface ConditionScope {
  variables: Variables;
  platform: string;
}

/** The operator key of an operator condition (validated at load time: exactly one). */
export function operatorKey(condition: OperatorCondition): string | undefined {
  return Object.keys(condition).find((k) => !(OPTION_KEYS as readonly string[]).includes(k));
}

export function evaluateCondition(condition: Condition, item: unknown, scope: ConditionScope): ConditionOutcome {
  if ("all" in condition && Array.isArray(condition.all)) return combine(condition.all, item, scope, "all");
  if ("any" in condition && Array.isArray(condition.any)) return combine(condition.any, item, scope, "any");
  if ("not" in condition && condition.not && typeof condition.not === "object") {
    const inner = evaluateCondition(condition.not as Condition, item, scope);
    if (inner.result === "true" || inner.result === "false") {
      return { result: inner.result === "true" ? "false" : "true", actual: inner.actual, expected: `not (${inner.expected})` };
    }
    return inner;
  }
  return evaluateOperator(condition as OperatorCondition, item, scope);
}

function combine(conditions: Condition[], item: unknown, scope: ConditionScope, mode: "all" | "any"): ConditionOutcome {
  const outcomes = conditions.map((c) => evaluateCondition(c, item, scope));
  const decisive = outcomes.find((o) => o.result === (mode === "all" ? "false" : "true"));
  if (decisive) return decisive;
  const unknown = outcomes.find((o) => o.result === "missing" || o.result === "error");
  if (unknown) return unknown;
  const expected = outcomes.map((o) => ("expected" in o ? o.expected : "")).join(mode === "all" ? " and " : " or ");
  return { result: mode === "all" ? "true" : "false", actual: outcomes.map((o) => ("actual" in o ? o.actual : null)), expected };
}

function evaluateOperator(condition: OperatorCondition, item: unknown, scope: ConditionScope): ConditionOutcome {
  const name = operatorKey(condition);
  const op = name ? operator(name) : undefined;
  if (!name || !op) return { result: "error", message: `unknown operator ${name ?? "(none)"}` };
  const path = condition.path ?? "@";
  let actual: unknown;
  let operand: unknown;
  try {
    actual = evaluateExpression(path, item, scope.variables);
    operand = resolveOperand(condition[name], item, scope);
  } catch (err) {
    return { result: "error", message: `cannot evaluate "${path}": ${(err as Error).message}` };
  }
  const operandProblem = checkOperand(op, operand);
  if (operandProblem) return { result: "error", message: `${name}: ${operandProblem}` };
  const expected = op.expected(operand);
  if ((actual === null || actual === undefined) && !op.acceptsMissing) return { result: "missing", path, expected };
  const options: OperatorOptions = { ignore_case: condition.ignore_case === true, loose: condition.loose === true };
  try {
    return { result: op.test(actual, operand, options, { platform: scope.platform }) ? "true" : "false", actual, expected };
  } catch (err) {
    return { result: "error", message: `${name} on "${path}": ${(err as Error).message}` };
  }
}

function resolveOperand(raw: unknown, item: unknown, scope: ConditionScope): unknown {
  if (raw && typeof raw === "object" && !Array.isArray(raw) && "expr" in raw) {
    return evaluateExpression(String((raw as { expr: unknown }).expr), item, scope.variables);
  }
  return raw;
}

/** Why an operand does not suit its operator, or undefined. Used for literals at load time too. */
export function checkOperand(op: Operator, operand: unknown): string | undefined {
  switch (op.operand) {
    case "none":
      return operand === true || operand === null ? undefined : "takes no operand: write `true`";
    case "list":
      return Array.isArray(operand) ? undefined : `expects a list, got ${describe(operand)}`;
    case "number":
      return typeof operand === "number" || (typeof operand === "string" && operand.trim() !== "" && Number.isFinite(Number(operand))) ? undefined : `expects a number, got ${describe(operand)}`;
    case "version":
      return typeof operand === "string" ? undefined : `expects a version string, got ${describe(operand)}`;
    case "range":
      return rangeProblem(operand);
    case "tolerance":
      return toleranceProblem(operand);
    case "regex":
      if (typeof operand !== "string") return `expects a regular expression string, got ${describe(operand)}`;
      try {
        new RegExp(operand);
        return undefined;
      } catch (err) {
        return `invalid regular expression: ${(err as Error).message}`;
      }
    default:
      return undefined;
  }
}

function isNumber(v: unknown): boolean {
  return typeof v === "number" && Number.isFinite(v);
}

function rangeProblem(operand: unknown): string | undefined {
  if (!operand || typeof operand !== "object" || Array.isArray(operand)) return "expects { min, max, min_inclusive, max_inclusive }";
  const r = operand as Record<string, unknown>;
  const unknown = Object.keys(r).filter((k) => !["min", "max", "min_inclusive", "max_inclusive"].includes(k));
  if (unknown.length) return `unknown key(s) ${unknown.join(", ")}; use min, max, min_inclusive, max_inclusive`;
  if (r.min === undefined && r.max === undefined) return "needs min, max or both";
  if ((r.min !== undefined && !isNumber(r.min)) || (r.max !== undefined && !isNumber(r.max))) return "min and max must be numbers";
  if (isNumber(r.min) && isNumber(r.max) && (r.min as number) > (r.max as number)) return "min is greater than max";
  for (const k of ["min_inclusive", "max_inclusive"]) if (r[k] !== undefined && typeof r[k] !== "boolean") return `${k} must be true or false`;
  return undefined;
}

function toleranceProblem(operand: unknown): string | undefined {
  if (!operand || typeof operand !== "object" || Array.isArray(operand)) return "expects { target, abs } or { target, percent }";
  const t = operand as Record<string, unknown>;
  const unknown = Object.keys(t).filter((k) => !["target", "abs", "percent"].includes(k));
  if (unknown.length) return `unknown key(s) ${unknown.join(", ")}; use target and abs or percent`;
  if (!isNumber(t.target)) return "target must be a number";
  if ((t.abs === undefined) === (t.percent === undefined)) return "give exactly one of abs or percent";
  const bound = t.abs ?? t.percent;
  if (!isNumber(bound) || (bound as number) < 0) return "abs/percent must be a number ≥ 0";
  return undefined;
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  return typeof v === "object" ? "a mapping" : `${typeof v} ${JSON.stringify(v)}`;
}
