// The published JSON Schema of check files (checks/schema/check.schema.json), compiled once, and ajv's
// errors rewritten as sentences at the YAML position of the offending key.
import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { Diagnostic } from "../util/diagnostics.js";
import { didYouMeanHint } from "../util/did-you-mean.js";
import { packagePath } from "../util/package-root.js";
import { diagnosticAt, type KeyPath, type YamlSource } from "../util/yaml-source.js";

let validator: ValidateFunction | undefined;

export function checkSchemaPath(): string {
  return packagePath("checks", "schema", "check.schema.json");
}

function compiledSchema(): ValidateFunction {
  if (!validator) {
    // The published schema ships with preflight and is checked against the meta-schema by
    // test/util/internal-schemas.test.ts, not at every start-up (validateSchema: false).
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, validateSchema: false });
    validator = ajv.compile(JSON.parse(readFileSync(checkSchemaPath(), "utf8")));
  }
  return validator;
}

export function schemaDiagnostics(src: YamlSource): Diagnostic[] {
  const validate = compiledSchema();
  if (validate(src.value)) return [];
  return rewriteErrors(validate.errors ?? []).map(({ path, message, on }) => diagnosticAt(src, path, message, on));
}

/** ajv error -> (key path, sentence). anyOf failures replace their own noisy branch errors. */
export function rewriteErrors(errors: ErrorObject[]): { path: KeyPath; message: string; on: "key" | "value" }[] {
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === "anyOf").map((e) => e.instancePath));
  const out: { path: KeyPath; message: string; on: "key" | "value" }[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== "anyOf" && [...anyOfPaths].some((p) => e.instancePath === p || e.instancePath.startsWith(p + "/"))) continue;
    const path = toKeyPath(e.instancePath);
    const where = path.length ? `"${path.join(".")}"` : "the check";
    let message: string;
    let at: KeyPath = path;
    switch (e.keyword) {
      case "additionalProperties": {
        const key = String(e.params.additionalProperty);
        const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
        message = `unknown key "${key}" in ${where}${didYouMeanHint(key, allowed)}`;
        at = [...path, key];
        break;
      }
      case "required":
        message = `${where} is missing the required key "${String(e.params.missingProperty)}"`;
        break;
      case "enum":
        message = `${where} must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
        break;
      case "anyOf":
        message = `${where} must be a literal value or { expr: "<JMESPath>" }`;
        break;
      case "propertyNames":
        message = `${where} has an invalid name "${String(e.params.propertyName)}": use lower-case letters, digits and _`;
        break;
      case "pattern":
        message = `${where} ${e.message ?? "has the wrong form"}`;
        break;
      default:
        message = `${where} ${e.message ?? "is invalid"}`;
    }
    const id = `${at.join("/")}|${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ path: at, message, on: e.keyword === "additionalProperties" ? "key" : "value" });
  }
  return out;
}

function toKeyPath(pointer: string): KeyPath {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
