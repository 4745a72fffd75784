// JMESPath (the jmespath-community implementation, with `let` variables) as the path language of checks.
// Expressions are compiled once and evaluated with the current item as `@` and the check's variables
// ($data, $hop, $facts, $device, $params and each gathered name) in scope.
import jmespath, { TreeInterpreter, TYPE_STRING, type JSONObject, type JSONValue } from "@jmespath-community/jmespath";

type ExpressionNode = ReturnType<typeof jmespath.compile>;
import { memoKey, memoPaths, planMemo, remembered } from "./expression-memo.js";
import { compareVersions } from "./versions.js";

export type Variables = Record<string, unknown>;

const compiled = new Map<string, ExpressionNode>();

/** Throws with the library's message when the expression does not compile. */
export function compileExpression(expression: string): ExpressionNode {
  let node = compiled.get(expression);
  if (!node) {
    node = jmespath.compile(expression);
    planMemo(node);
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
//
// Lexical scope for expression references (JEP-18): in jmespath-community 1.3.0 the built-in functions that take an
// `&expr` (map, sort_by, max_by, min_by, group_by, ...) are closures over the interpreter that built them, and a
// scoped interpreter borrows the root's, so `let $x = ... in map(&(n + $x), a)` or `sort_by(a, &abs(n - $hop))`
// failed with "undefined variable". The interpreter below gets its own built-ins (bound to itself; the registered
// functions such as version_ge and x509 are kept) and runs a `let` body in itself with the scope pushed and popped
// around it, so every &expr sees every variable in scope where it is written. test/checks/expression-scope.test.ts.
interface InterpreterInternals {
  visit(node: ExpressionNode, value: JSONValue): unknown;
  _scope: { withScope(data: JSONObject): unknown };
  runtime: { _functionTable: Record<string, unknown>; buildFunctionTable(): Record<string, unknown> };
}
interface LetNode {
  type: "LetExpression";
  bindings: ExpressionNode[];
  expression: ExpressionNode;
}

function scopedInterpreter(variables: Variables): InterpreterInternals {
  const interpreter = TreeInterpreter.withScope(variables as JSONObject) as unknown as InterpreterInternals;
  const registered = interpreter.runtime._functionTable;
  const own = interpreter.runtime.buildFunctionTable();
  for (const [name, entry] of Object.entries(registered)) if (!(name in own)) own[name] = entry;
  interpreter.runtime._functionTable = own;
  const visit = interpreter.visit.bind(interpreter);
  const evaluate = (node: ExpressionNode, value: JSONValue): unknown => {
    if ((node as { type: string }).type !== "LetExpression") return visit(node, value);
    const { bindings, expression } = node as unknown as LetNode;
    // As the library does: each binding is evaluated in the outer scope, then the body in the inner one.
    const bound: JSONObject = {};
    for (const binding of bindings) Object.assign(bound, visit(binding, value));
    const outer = interpreter._scope;
    interpreter._scope = outer.withScope(bound) as InterpreterInternals["_scope"];
    try {
      return interpreter.visit(expression, value);
    } finally {
      interpreter._scope = outer;
    }
  };
  // A part of an expression that does not read the current node is computed once per distinct value of the
  // variables it reads (./expression-memo.ts): most of a fleet's evaluation time and garbage otherwise.
  interpreter.visit = (node, value) => {
    const paths = memoPaths(node);
    if (paths !== undefined) {
      const key = memoKey(paths, interpreter._scope as unknown as { getValue(name: string): unknown }, currentPlatform);
      if (key !== undefined) return remembered(node, key, () => evaluate(node, value));
    }
    return evaluate(node, value);
  };
  return interpreter;
}

// One such interpreter serves every variables object: building one (two function tables) per variables object, i.e.
// per check, hop and device, was most of a device's evaluation time. Evaluation is synchronous and never re-entered,
// so the variables' scope is put in place for one evaluation and the previous scope put back after it. The scope
// chain of each variables object is kept (cheap: one link holding the object itself, so later names are seen).
// The registered functions are read when the interpreter is built; it is built again when they change.
let shared: { interpreter: InterpreterInternals; registered: Map<string, unknown>; empty: InterpreterInternals["_scope"] } | undefined;
const chains = new WeakMap<Variables, InterpreterInternals["_scope"]>();

function functionTable(): Record<string, unknown> {
  return (TreeInterpreter as unknown as InterpreterInternals).runtime._functionTable;
}

/** Whether the library's function table still holds exactly `known` (compared without building anything). */
function sameFunctions(known: Map<string, unknown>): boolean {
  const table = functionTable();
  let count = 0;
  for (const name in table) {
    if (known.get(name) !== table[name]) return false;
    count++;
  }
  return count === known.size;
}

function scopeFor(variables: Variables): { interpreter: InterpreterInternals; scope: InterpreterInternals["_scope"] } {
  let scope = chains.get(variables);
  if (scope === undefined || shared === undefined) {
    if (shared === undefined || !sameFunctions(shared.registered)) {
      const interpreter = scopedInterpreter({});
      shared = { interpreter, registered: new Map(Object.entries(functionTable())), empty: interpreter._scope };
    }
    scope = shared.empty.withScope(variables as JSONObject) as InterpreterInternals["_scope"];
    chains.set(variables, scope);
  }
  return { interpreter: shared.interpreter, scope };
}

/** Evaluates `expression` on `value` with `variables` bound; JMESPath null comes back as null. */
export function evaluateExpression(expression: string, value: unknown, variables: Variables): unknown {
  const node = compileExpression(expression);
  const { interpreter, scope } = scopeFor(variables);
  const previous = interpreter._scope;
  interpreter._scope = scope;
  try {
    return interpreter.visit(node, value as JSONValue) ?? null;
  } finally {
    interpreter._scope = previous;
  }
}
