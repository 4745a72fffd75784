// Check parameters: defaults declared by the check, overridden per group or host in the inventory
// (vars: { check_params: { <check id>: { <name>: value } } }), each validated against its own schema.
import { Ajv, type ValidateFunction } from "ajv";
import type { LoadedCheck } from "./types.js";

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new Map<string, ValidateFunction>();

function validatorFor(check: LoadedCheck): ValidateFunction {
  const key = `${check.definition.id}@${check.sha256}`;
  let validate = validators.get(key);
  if (!validate) {
    const properties: Record<string, object> = {};
    for (const [name, spec] of Object.entries(check.definition.params ?? {})) {
      const { description: _d, default: _default, ...schema } = spec;
      properties[name] = schema;
    }
    validate = ajv.compile({ type: "object", properties, additionalProperties: false });
    validators.set(key, validate);
  }
  return validate;
}

/** The parameter values for one device, or the problems with its overrides (never a silent default). */
export function resolveParams(check: LoadedCheck, vars: Record<string, unknown>): { values: Record<string, unknown>; problems: string[] } {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(check.definition.params ?? {})) {
    if (spec.default !== undefined) values[name] = spec.default;
  }
  const all = vars.check_params;
  const overrides = all && typeof all === "object" ? (all as Record<string, unknown>)[check.definition.id] : undefined;
  if (overrides !== undefined && (typeof overrides !== "object" || overrides === null || Array.isArray(overrides))) {
    return { values, problems: [`check_params.${check.definition.id} must be a mapping of parameter names to values`] };
  }
  Object.assign(values, overrides ?? {});
  const validate = validatorFor(check);
  if (validate(values)) {
    const missing = Object.keys(check.definition.params ?? {}).filter((name) => values[name] === undefined);
    return { values, problems: missing.map((name) => `parameter "${name}" has no default and no value in the inventory`) };
  }
  const problems = (validate.errors ?? []).map((e) => {
    if (e.keyword === "additionalProperties") return `unknown parameter "${String(e.params.additionalProperty)}" for ${check.definition.id}; it takes ${Object.keys(check.definition.params ?? {}).join(", ") || "none"}`;
    return `parameter ${e.instancePath.slice(1) || "(all)"} ${e.message ?? "is invalid"}`;
  });
  return { values, problems };
}
