// Finding messages: plain text with `{{ expression }}` placeholders, each a JMESPath expression evaluated like
// a condition's path (the item as `@`, variables such as $key, $actual, $expected, $hop in scope).
// The result is plain text; reports escape it for their own format.
import { compileExpression, evaluateExpression, type Variables } from "./expression.js";

const PLACEHOLDER = /\{\{\s*(.+?)\s*\}\}/g;

export function templateExpressions(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? "");
}

/** Compile errors of every placeholder, for load-time validation. */
export function templateProblems(template: string): string[] {
  const problems: string[] = [];
  for (const expr of templateExpressions(template)) {
    try {
      compileExpression(expr);
    } catch (err) {
      problems.push(`placeholder {{ ${expr} }}: ${(err as Error).message}`);
    }
  }
  return problems;
}

export function renderTemplate(template: string, item: unknown, variables: Variables): string {
  return template.replace(PLACEHOLDER, (_match, expr: string) => {
    try {
      return toText(evaluateExpression(expr, item, variables));
    } catch {
      return `{{ ${expr} }}`;
    }
  });
}

function toText(value: unknown): string {
  if (value === null || value === undefined) return "(none)";
  if (typeof value === "string") return value.trim();
  return JSON.stringify(value);
}
