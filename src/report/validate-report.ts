// Validates a value against the published report schema (reports/report.schema.json): used by tests to keep the
// writer and the schema in step, and by anything that reads a report back (re-render, compare with a last run).

import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { packagePath } from "../util/package-root.js";

export type ReportValidation = { ok: true } | { ok: false; errors: string[] };

export const REPORT_SCHEMA_FILE = packagePath("reports", "report.schema.json");

let compiled: ValidateFunction | undefined;

// Compiled on first use rather than at import, so importing the reporters costs nothing when nothing validates.
function validator(): ValidateFunction {
  if (compiled === undefined) {
    const schema = JSON.parse(readFileSync(REPORT_SCHEMA_FILE, "utf8")) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats.default(ajv, ["date-time"]);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

export function validateReport(value: unknown): ReportValidation {
  const validate = validator();
  if (validate(value)) return { ok: true };
  return { ok: false, errors: (validate.errors ?? []).map(describeError) };
}

/** One sentence per problem, naming the JSON pointer and, where ajv knows it, what was expected. */
function describeError(e: ErrorObject): string {
  const where = e.instancePath === "" ? "(root)" : e.instancePath;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "enum":
      return `${where}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "const":
      return `${where}: must be ${JSON.stringify(params.allowedValue)}`;
    case "additionalProperties":
      return `${where}: unknown property "${String(params.additionalProperty)}"`;
    case "required":
      return `${where}: missing required property "${String(params.missingProperty)}"`;
    default:
      return `${where}: ${e.message ?? e.keyword}`;
  }
}
