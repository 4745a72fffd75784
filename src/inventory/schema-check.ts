// Runs the inventory JSON Schema and rewrites ajv's errors into sentences that name the key path, what was found
// and what was expected, at the file:line:col of that key. Values are never echoed, except numbers out of range:
// a mistyped key may hold a secret.
import { Ajv, type ErrorObject } from "ajv";
import type { Diagnostic } from "../util/diagnostics.js";
import { didYouMeanHint } from "../util/did-you-mean.js";
import { diagnosticAt, type YamlSource } from "../util/yaml-source.js";
import { formatKeyPath } from "./key-path.js";
import { inventorySchema, VERSION_KEYS } from "./schema.js";

type Path = Array<string | number>;

// Compiled once per process; verbose gives each error its data and parent schema (for did-you-mean). Our own schema:
// checked against the meta-schema by test/util/internal-schemas.test.ts, not at every start-up (validateSchema: false).
const validate = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true, validateSchema: false }).compile(inventorySchema);

/** Diagnostics for every schema violation in `value`, except at paths `skip` claims (reported otherwise). */
export function schemaDiagnostics(src: YamlSource, value: unknown, skip: (path: Path) => boolean): Diagnostic[] {
  if (validate(value)) return [];
  const out: Diagnostic[] = [];
  for (const error of validate.errors ?? []) {
    const path = errorPath(error, value);
    if (skip(path)) continue;
    // An unknown key is the key's fault; anything else is its value's.
    const on = error.keyword === "additionalProperties" ? "key" : "value";
    out.push(diagnosticAt(src, path, `${formatKeyPath(path)}: ${sentence(error, path)}`, on));
  }
  return out;
}

/** ajv's JSON pointer as a key path, plus the offending key for unknown or missing keys. */
function errorPath(error: ErrorObject, root: unknown): Path {
  const path: Path = [];
  let node = root;
  for (const raw of error.instancePath.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const segment = Array.isArray(node) ? Number(key) : key;
    path.push(segment);
    node = (node as Record<string | number, unknown> | undefined)?.[segment];
  }
  if (error.keyword === "additionalProperties") path.push(String(error.params.additionalProperty));
  return path;
}

function sentence(error: ErrorObject, path: Path): string {
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(error.params.additionalProperty);
      const allowed = Object.keys((error.parentSchema?.properties ?? {}) as Record<string, unknown>);
      return `unknown key "${key}"${didYouMeanHint(key, allowed)}; expected one of: ${allowed.join(", ")}`;
    }
    case "required":
      return `missing key "${String(error.params.missingProperty)}"`;
    case "type":
      return typeSentence(String(error.params.type), error.data, path);
    case "minimum":
    case "maximum":
      return `expected a port number from 1 to 65535, found ${String(error.data)}`;
    case "minLength":
      return "expected a non-empty string";
    case "minItems":
      return "expected a list with at least one release";
    case "pattern":
      return "expected the name of an environment variable (letters, digits and _), not its value";
    default:
      return error.message ?? `is invalid (${error.keyword})`;
  }
}

function typeSentence(expected: string, data: unknown, path: Path): string {
  const base = `expected ${describeExpected(expected)}, found ${describeFound(data)}`;
  const isVersion = path.some((segment) => typeof segment === "string" && VERSION_KEYS.has(segment));
  if (isVersion && typeof data === "number") {
    return `${base}: put the release in quotes ("10.2"), YAML reads an unquoted 10.2 as the number 10.2 and 11.0 as 11`;
  }
  return base;
}

const EXPECTED: Record<string, string> = {
  object: "a mapping",
  "object,null": "a mapping (or nothing)",
  array: "a list",
  string: "a string",
  integer: "a whole number",
  boolean: "true or false",
};

function describeExpected(type: string): string {
  return EXPECTED[type] ?? type;
}

function describeFound(data: unknown): string {
  if (data === null || data === undefined) return "nothing";
  if (Array.isArray(data)) return "a list";
  if (typeof data === "object") return "a mapping";
  if (typeof data === "boolean") return "true/false";
  return `a ${typeof data}`;
}
