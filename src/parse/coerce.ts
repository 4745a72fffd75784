// Typed fields for the text parsers (regex, table, key-value): a check author names a type per field in
// `options.types`, and the value is converted here or the parse fails. A value that does not convert is
// a ParseError, never a silent string: `ge: 5` on "12abc" must not quietly compare text.
import { ParseError } from "./types.js";

export const FIELD_TYPES = ["int", "float", "bool", "version", "string"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export type TypeMap = Record<string, FieldType>;
export type TypedValue = string | number | boolean | null;

// The JSON Schema of `options.types`, shared by every parser that accepts it.
export const typesOptionSchema = {
  type: "object",
  propertyNames: { minLength: 1 },
  additionalProperties: { enum: [...FIELD_TYPES] },
} as const;

// Thousands separators are accepted only in strict groups of three ("1,800,000"): counters are printed
// that way by some commands, while "1,2" is more likely a list than a number and is refused.
const INT = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)$/;
const FLOAT = /^[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

// Only words that mean a yes/no setting. Link states (up/down) are left out on purpose: CLIs print
// more than two of them ("down(autoneg)", "ukn"), so a bool type would fail on the third one; compare
// them as strings instead. 1/0 are left out because a counter typed bool by mistake should fail loudly.
const TRUE_WORDS = new Set(["yes", "true", "on", "enabled", "enable"]);
const FALSE_WORDS = new Set(["no", "false", "off", "disabled", "disable"]);

function fail(field: string, value: string, type: FieldType, line?: number): never {
  throw new ParseError(`field "${field}": ${JSON.stringify(value)} is not ${type === "int" ? "an int" : `a ${type}`}`, line);
}

// What is wrong with `options.types` beyond its JSON Schema, for parsers that know their field names
// (`fields`) before parsing; a parser that learns them from the output passes undefined.
export function typeMapProblems(types: TypeMap | undefined, fields: readonly string[] | undefined): string[] {
  const problems: string[] = [];
  for (const [field, type] of Object.entries(types ?? {})) {
    if (!(FIELD_TYPES as readonly string[]).includes(type)) problems.push(`types.${field}: "${type}" is not one of ${FIELD_TYPES.join(", ")}`);
    if (fields !== undefined && !fields.includes(field)) problems.push(`types.${field}: no such field (there are: ${fields.join(", ") || "none"})`);
  }
  return problems;
}

// Converts one value. `field` and `line` only word the error.
export function coerce(value: string, type: FieldType, field = "value", line?: number): string | number | boolean {
  const text = value.trim();
  switch (type) {
    case "string":
      return value;
    case "version":
      // One token: "10.2.4-h4", "8556-7343". Ordering is the platform's business, not the parser's.
      if (!/^\S+$/.test(text)) fail(field, value, type, line);
      return text;
    case "bool": {
      const word = text.toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      return fail(field, value, type, line);
    }
    case "int": {
      if (!INT.test(text)) fail(field, value, type, line);
      const n = Number(text.replace(/,/g, ""));
      // Beyond 2^53 digits would change silently (serial numbers, 64-bit counters): refuse instead.
      if (!Number.isSafeInteger(n)) fail(field, value, type, line);
      return n;
    }
    case "float": {
      if (!FLOAT.test(text)) fail(field, value, type, line);
      const n = Number(text.replace(/,/g, ""));
      if (!Number.isFinite(n)) fail(field, value, type, line);
      return n;
    }
  }
}

// Types the named fields of a record, leaving the others as they are. An empty or absent value becomes
// null under every type but "string": table cells and optional regex groups are legitimately blank,
// and null is what the check engine treats as missing (an error unless the check says otherwise), so a
// blank never passes as 0 or false. Fields the record does not have are not added.
export function applyTypes(
  record: Record<string, string | null | undefined>,
  types: TypeMap,
  line?: number,
): Record<string, TypedValue> {
  const out: Record<string, TypedValue> = {};
  for (const [field, value] of Object.entries(record)) {
    const type = Object.hasOwn(types, field) ? types[field] : undefined;
    let typed: TypedValue;
    if (value === undefined || value === null) typed = null;
    else if (type === undefined || type === "string") typed = value;
    else if (value.trim() === "") typed = null;
    else typed = coerce(value, type, field, line);
    setField(out, field, typed);
  }
  return out;
}

// Field names come from device output and check files; `__proto__` must become a field, not a prototype.
export function setField<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
