// JMESPath (the jmespath-community implementation, with `let` variables) as the path language of checks.
// Expressions are compiled once and evaluated with the current item as `@` and the check's variables
// ($data, $hop, $facts, $device, $params and each gathered name) in scope.
import jmespath, { TreeInterpreter, TYPE_STRING, type JSONObject, type JSONValue } from "@jmespath-community/jmespath";

type ExpressionNode = ReturnType<typeof jmespath.compile>;
import { compareVersions } from "./versions.js";

export type Variables = Record<string, unknown>;

const compiled = new Map<string, ExpressionNode>();

/** Throws with the library's message when the expression does not compile. */
export function compileExpression(expression: string): ExpressionNode {
  let node = compiled.get(expression);
  if (!node) {
    node = jmespath.compile(expression);
    compiled.set(expression, node);
  }
  return node;
}

// Version functions need the device's platform; evaluation is synchronous, so the platform of the check
// being evaluated is held here for its duration only (see withPlatform).
let currentPlatform: string | undefined;

export function withPlatform<T>(platform: string | undefined, fn: () => T): T {
  const previous = currentPlatform;
  currentPlatform = platform;
  try {
    return fn();
  } finally {
    currentPlatform = previous;
  }
}

function registerVersionFunction(name: string, holds: (c: number) => boolean): void {
  jmespath.registerFunction(
    name,
    (args) => {
      const [a, b] = args as [string, string];
      if (currentPlatform === undefined) throw new Error(`${name}() needs the device's platform, and none is being evaluated`);
      return holds(compareVersions(a, b, currentPlatform));
    },
    [{ types: [TYPE_STRING] }, { types: [TYPE_STRING] }],
    { override: true },
  );
}
registerVersionFunction("version_ge", (c) => c >= 0);
registerVersionFunction("version_gt", (c) => c > 0);
registerVersionFunction("version_le", (c) => c <= 0);
registerVersionFunction("version_lt", (c) => c < 0);
import "./functions/x509.js"; // registers x509(pem): certificate key, signature and validity

// Variables are bound with the library's public withScope(), which builds a whole interpreter (and its function
// table, about 20 µs) per call: too slow once per item on large fleets, so the scoped interpreter is kept per
// variables object (a check's variables live for one hop of one device, and its items are evaluated against them).
// The scope holds the object itself, not a copy, so names added to it later (gathered outputs) are seen.
// JMESPath's root `$` is not bound: checks address the current item as `@` and everything else by variable.
type ScopedInterpreter = { visit(node: ExpressionNode, value: JSONValue): unknown };
const scoped = new WeakMap<Variables, ScopedInterpreter>();

/** Evaluates `expression` on `value` with `variables` bound; JMESPath null comes back as null. */
export function evaluateExpression(expression: string, value: unknown, variables: Variables): unknown {
  const node = compileExpression(expression);
  let interpreter = scoped.get(variables);
  if (!interpreter) {
    interpreter = TreeInterpreter.withScope(variables as JSONObject) as ScopedInterpreter;
    scoped.set(variables, interpreter);
  }
  return interpreter.visit(node, value as JSONValue) ?? null;
}
