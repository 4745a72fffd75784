// Loads a waiver file: YAML, a list of accepted exceptions, each with a justification, an owner and an expiry
// date (docs/reports.md). Every problem is reported at once as file:line:col, like the inventory and checks.
// Expiry is not judged here (that depends on when the waivers are applied), only that the date is a real one.

import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { Diagnostic } from "../util/diagnostics.js";
import { didYouMeanHint } from "../util/did-you-mean.js";
import { diagnosticAt, parseYamlSource, positionOf, type YamlSource } from "../util/yaml-source.js";
import { WAIVER_TEXT } from "./strings.js";

/** One accepted exception. Selectors are ANDed across fields and ORed within one; absent means "any". */
export interface Waiver {
  /** Check id, or a glob (`*` any run of characters, `?` one character). */
  check: string;
  devices?: string[];
  groups?: string[];
  tags?: string[];
  /** Finding keys (ports, peers...), globs allowed; absent means every finding of the check. */
  keys?: string[];
  justification: string;
  owner: string;
  /** Last day the waiver holds (UTC), YYYY-MM-DD. */
  expires: string;
  /** Where it is written, `file:line`, so reports point at the waiver that applied. */
  source: string;
}

export interface LoadedWaivers {
  /** The valid entries (an invalid one is left out and reported). */
  waivers: Waiver[];
  diagnostics: Diagnostic[];
}

const nonEmpty = { type: "string", minLength: 1 } as const;
const list = { type: "array", minItems: 1, items: nonEmpty } as const;

export const WAIVER_FILE_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["waivers"],
  properties: {
    waivers: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["check", "justification", "owner", "expires"],
        properties: {
          check: nonEmpty,
          devices: list,
          groups: list,
          tags: list,
          keys: list,
          justification: nonEmpty,
          owner: nonEmpty,
          expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
        },
      },
    },
  },
} as const;

// Compiled once per process, when a waiver file is first read (most runs have none). Our own schema: it is checked
// against the meta-schema by test/util/internal-schemas.test.ts, not at every start-up (validateSchema: false).
let compiled: ValidateFunction | undefined;
const validator = (): ValidateFunction => (compiled ??= new Ajv({ allErrors: true, verbose: true, strict: true, validateSchema: false }).compile(WAIVER_FILE_SCHEMA));

export function loadWaivers(file: string): LoadedWaivers {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return { waivers: [], diagnostics: [{ file, line: 0, col: 0, message: WAIVER_TEXT.cannotRead((error as Error).message) }] };
  }
  return parseWaivers(text, file);
}

/** Pure: the waivers in `text`, named `file` in diagnostics. */
export function parseWaivers(text: string, file: string): LoadedWaivers {
  const src = parseYamlSource(text, file);
  if (src.diagnostics.length > 0) return { waivers: [], diagnostics: src.diagnostics };
  if (src.value === null || src.value === undefined) return { waivers: [], diagnostics: [{ file, line: 1, col: 1, message: WAIVER_TEXT.emptyFile }] };
  const diagnostics: Diagnostic[] = [];
  const bad = new Set<number>();
  const validate = validator();
  if (!validate(src.value)) {
    for (const error of validate.errors ?? []) {
      const path = errorPath(error);
      if (typeof path[1] === "number") bad.add(path[1]);
      diagnostics.push(diagnosticAt(src, path, `${keyPath(path)}: ${sentence(error)}`, error.keyword === "additionalProperties" ? "key" : "value"));
    }
  }
  const entries = (src.value as { waivers?: unknown }).waivers;
  const waivers: Waiver[] = [];
  if (Array.isArray(entries)) {
    entries.forEach((entry, index) => {
      if (bad.has(index) || entry === null || typeof entry !== "object") return;
      const w = entry as Omit<Waiver, "source">;
      if (!isCalendarDate(w.expires)) {
        diagnostics.push(diagnosticAt(src, ["waivers", index, "expires"], `waivers[${index}].expires: ${WAIVER_TEXT.notADate(w.expires)}`));
        return;
      }
      waivers.push({ ...w, source: `${file}:${positionOf(src, ["waivers", index]).line}` });
    });
  }
  return { waivers, diagnostics: sortByPosition(diagnostics) };
}

function isCalendarDate(value: string): boolean {
  const t = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}

type Path = Array<string | number>;

function errorPath(error: ErrorObject): Path {
  const path: Path = error.instancePath
    .split("/")
    .slice(1)
    .map((raw) => raw.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  if (error.keyword === "additionalProperties") path.push(String(error.params.additionalProperty));
  return path;
}

/** `waivers[2].devices[0]`, as a user would write the path. */
function keyPath(path: Path): string {
  if (path.length === 0) return "(top level)";
  return path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

function sentence(error: ErrorObject): string {
  switch (error.keyword) {
    case "additionalProperties": {
      const key = String(error.params.additionalProperty);
      const allowed = Object.keys((error.parentSchema?.properties ?? {}) as Record<string, unknown>);
      return WAIVER_TEXT.unknownKey(key, didYouMeanHint(key, allowed), allowed.join(", "));
    }
    case "required":
      return WAIVER_TEXT.missingKey(String(error.params.missingProperty));
    case "type":
      return WAIVER_TEXT.expectedType(String(error.params.type));
    case "pattern":
      return WAIVER_TEXT.expectedDate;
    case "minLength":
    case "minItems":
      return WAIVER_TEXT.nonEmpty;
    default:
      return error.message ?? error.keyword;
  }
}

function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.line - b.line || a.col - b.col);
}

export type { YamlSource };
