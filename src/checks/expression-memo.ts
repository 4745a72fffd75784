// Remembered values of the parts of a check expression that do not read the current item. A check evaluates its
// expressions once per item, hop and device, and the costly parts are often the same every time: the list of
// optics supported on this hop's release for this model (`$data...[?version_ge($hop.version, ...)]`), the SKU of a
// vendor and part (`$data.supported.parts[?oem[?lower(vendor) == $v ...]]`). Such a part's value depends only on the
// variables it reads (and, for the version functions, the device's platform), so it is computed once per distinct
// set of those values and reused, within a device and across the fleet.
//
// A part qualifies when none of it reads the current node (`@`, a bare field, an index or slice of it, `$` root),
// it contains no `let` (whose bindings would shadow the names read), and it does real work (a projection, a filter,
// a flatten or a function call). Its key is built from the values of the variable paths it reads (`$hop.version`,
// `$facts.model`, `$data.supported.parts`): strings, numbers and booleans by value, objects and lists by identity
// (check data is one object for the whole run). Values are JMESPath's, never changed by it or by preflight, so one
// value can be handed out many times. Every function JMESPath runs is pure; the version functions read the
// platform, which is part of the key.

type AstNode = { type: string; [field: string]: unknown };

interface Analysis {
  /** Whether evaluating the node reads the value it is evaluated against. */
  readsCurrent: boolean;
  /** Variable paths it reads, such as ["hop", "version"]. */
  paths: string[][];
  /** False when the node cannot be remembered (a `let` or `$` root inside, or a node type not known here). */
  ok: boolean;
  /** Whether evaluating it does enough work to be worth a lookup. */
  heavy: boolean;
}

const analyses = new WeakMap<object, Analysis>();
/** Nodes whose value is remembered, with the variable paths their key is built from. */
const plans = new WeakMap<object, string[][]>();
const planned = new WeakSet<object>();
/** Remembered values per node, keyed by the values of its paths; cleared when it grows past the cap. */
const values = new WeakMap<object, Map<string, unknown>>();
const VALUES_PER_NODE = 1024;

const CURRENT: Analysis = { readsCurrent: true, paths: [], ok: true, heavy: false };
const CONSTANT: Analysis = { readsCurrent: false, paths: [], ok: true, heavy: false };
const OPAQUE: Analysis = { readsCurrent: true, paths: [], ok: false, heavy: false };

function variablePath(node: AstNode): string[] | undefined {
  if (node.type === "Variable") return [node.name as string];
  if (node.type === "Subexpression" && (node.right as AstNode).type === "Field") {
    const left = variablePath(node.left as AstNode);
    return left && [...left, (node.right as AstNode).name as string];
  }
  return undefined;
}

function combine(current: AstNode[], other: AstNode[], heavy: boolean): Analysis {
  const parts = [...current.map(analyse), ...other.map(analyse)];
  return {
    readsCurrent: current.some((n) => analyse(n).readsCurrent),
    paths: parts.flatMap((p) => p.paths),
    ok: parts.every((p) => p.ok),
    heavy: heavy || parts.some((p) => p.heavy),
  };
}

function analyse(node: AstNode): Analysis {
  const known = analyses.get(node);
  if (known) return known;
  const path = variablePath(node);
  const at = (field: string): AstNode => node[field] as AstNode;
  let result: Analysis;
  if (path) result = { readsCurrent: false, paths: [path], ok: true, heavy: false };
  else {
    switch (node.type) {
      case "Literal":
        result = CONSTANT;
        break;
      case "Field":
      case "Current":
      case "Identity":
      case "Index":
      case "Slice":
        result = CURRENT;
        break;
      case "Subexpression":
      case "IndexExpression":
      case "Pipe":
        // The right side is evaluated against the left side's value, not the current node.
        result = combine([at("left")], [at("right")], false);
        break;
      case "Projection":
      case "ValueProjection":
        result = combine([at("left")], [at("right")], true);
        break;
      case "FilterProjection":
        result = combine([at("left")], [at("right"), at("condition")], true);
        break;
      case "Flatten":
        result = combine([at("child")], [], true);
        break;
      case "NotExpression":
        result = combine([at("child")], [], false);
        break;
      case "Unary":
        result = combine([at("operand")], [], false);
        break;
      case "OrExpression":
      case "AndExpression":
      case "Comparator":
      case "Arithmetic":
        result = combine([at("left"), at("right")], [], false);
        break;
      case "Ternary":
        result = combine([at("condition"), at("trueExpr"), at("falseExpr")], [], false);
        break;
      case "MultiSelectList":
        result = combine(node.children as AstNode[], [], false);
        break;
      case "MultiSelectHash":
        result = combine((node.children as { value: AstNode }[]).map((c) => c.value), [], false);
        break;
      case "Function": {
        // An &expr argument is evaluated later against elements of another argument, never the current node.
        const children = node.children as AstNode[];
        result = combine(
          children.filter((c) => c.type !== "ExpressionReference"),
          children.filter((c) => c.type === "ExpressionReference").map((c) => c.child as AstNode),
          true,
        );
        break;
      }
      default:
        // LetExpression, Root and anything this file does not know: never remembered, nor is what holds it.
        result = OPAQUE;
    }
  }
  analyses.set(node, result);
  return result;
}

function childrenOf(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === "type") continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== null && typeof v === "object" && typeof (v as AstNode).type === "string") out.push(v as AstNode);
      // MultiSelectHash children are { name, value } pairs (KeyValuePair nodes).
    }
  }
  return out;
}

/** Marks, once per compiled expression, its largest parts that can be remembered. */
export function planMemo(root: object): void {
  if (planned.has(root)) return;
  planned.add(root);
  const walk = (node: AstNode): void => {
    const a = analyse(node);
    if (a.ok && !a.readsCurrent && a.heavy) {
      plans.set(node, a.paths);
      return;
    }
    for (const child of childrenOf(node)) walk(child);
  };
  walk(root as AstNode);
}

/** The variable paths of a node whose value is remembered, or undefined for any other node. */
export function memoPaths(node: object): string[][] | undefined {
  return plans.get(node);
}

let nextId = 0;
const ids = new WeakMap<object, number>();

function idOf(value: object): number {
  let id = ids.get(value);
  if (id === undefined) {
    id = nextId++;
    ids.set(value, id);
  }
  return id;
}

interface Scope {
  getValue(name: string): unknown;
}

/**
 * The key of a remembered node's value in this scope, or undefined when it should be evaluated as usual: a variable
 * that is not set, or set to a false-like value (JMESPath's own check for an undefined variable cannot tell those
 * apart, and its error must come out as it would).
 */
export function memoKey(paths: string[][], scope: Scope, platform: string | undefined): string | undefined {
  let key = platform ?? "";
  for (const path of paths) {
    let value: unknown = scope.getValue(path[0] as string);
    if (!value) return undefined;
    for (let i = 1; i < path.length; i++) {
      // As JMESPath's Field: a name of anything but an object is null.
      value = value !== null && typeof value === "object" && !Array.isArray(value) ? ((value as Record<string, unknown>)[path[i] as string] ?? null) : null;
    }
    key += value !== null && typeof value === "object" ? `\u0000#${idOf(value)}` : `\u0000${typeof value}:${String(value)}`;
  }
  return key;
}

/** The remembered value of `node` under `key`, computing and keeping it the first time. */
export function remembered(node: object, key: string, compute: () => unknown): unknown {
  let table = values.get(node);
  if (table === undefined) {
    table = new Map();
    values.set(node, table);
  }
  if (table.has(key)) return table.get(key);
  const value = compute();
  if (table.size >= VALUES_PER_NODE) table.clear();
  table.set(key, value);
  return value;
}
