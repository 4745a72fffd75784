// Loads check files: YAML with positions -> JSON Schema -> semantic rules (known platforms and parsers,
// read-only commands, expressions that compile, operands that fit their operators, version ranges, data
// files). Every problem in every file is collected, so `preflight validate` shows them all at once.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, extname, resolve } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { parserNames, parserOptionProblems, parserOptionSchema } from "./parsers.js";
import { templatePath } from "../textfsm/library.js";
import { knownPlatforms, platformProfile } from "../platforms/registry.js";
import type { Diagnostic } from "../util/diagnostics.js";
import { didYouMeanHint } from "../util/did-you-mean.js";
import { parseRange } from "../versions/range.js";
import { diagnosticAt, parseYamlSource, type KeyPath, type YamlSource } from "../util/yaml-source.js";
import { checkOperand, operatorKey } from "./condition.js";
import { loadDataFile } from "./data.js";
import { compileExpression } from "./expression.js";
import { operator, operatorNames, OPTION_KEYS } from "./operators.js";
import { schemaDiagnostics } from "./schema.js";
import { templateProblems } from "./template.js";
import type { CheckDefinition, Condition, LoadedCheck, OperatorCondition } from "./types.js";

export interface LoadResult {
  check?: LoadedCheck;
  diagnostics: Diagnostic[];
}

export interface LoadOptions {
  /**
   * The user's reference data, outside the installed tree (--data-dir): DIR/<pack>/<file> is read instead of the
   * check's own data file <pack>/data/<file>, where <pack> is the folder the check file is in. Validated the same way.
   */
  dataDir?: string;
}

/** The data file a check reads: the user's copy in the data dir when there is one, else the one next to the check. */
export function dataFilePath(checkFile: string, dataFile: string, dataDir?: string): string {
  const own = resolve(dirname(checkFile), dataFile);
  if (!dataDir) return own;
  const relative = dataFile.replace(/^(\.\/)?data\//, "");
  const theirs = resolve(dataDir, basename(dirname(checkFile)), relative);
  return existsSync(theirs) ? theirs : own;
}

export async function loadCheckFile(path: string, options: LoadOptions = {}): Promise<LoadResult> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    return { diagnostics: [{ file, line: 0, col: 0, message: `cannot read check file: ${(err as Error).message}` }] };
  }
  const src = parseYamlSource(text, file);
  if (src.diagnostics.length) return { diagnostics: src.diagnostics };
  const schemaProblems = schemaDiagnostics(src);
  if (schemaProblems.length) return { diagnostics: schemaProblems };
  const def = src.value as CheckDefinition;
  textfsmShorthand(def, dirname(file));
  const diagnostics = semanticDiagnostics(src, def);
  const data: Record<string, unknown> = {};
  const userData: { name: string; file: string; sha256: string }[] = [];
  for (const [name, spec] of Object.entries(def.data ?? {})) {
    const path = dataFilePath(file, spec.file, options.dataDir);
    if (path !== resolve(dirname(file), spec.file)) {
      const bytes = await readFile(path).catch(() => undefined);
      if (bytes) userData.push({ name, file: path, sha256: createHash("sha256").update(bytes).digest("hex") });
    }
    const loaded = await loadDataFile(path, spec.optional === true);
    if (loaded.diagnostics.length) {
      diagnostics.push(diagnosticAt(src, ["data", name, "file"], `data file "${spec.file}" has problems (listed below)`), ...loaded.diagnostics);
    }
    data[name] = loaded.value;
  }
  if (diagnostics.length) return { diagnostics };
  const sha256 = createHash("sha256").update(text).digest("hex");
  return { check: { definition: def, file, sha256, data, ...(userData.length ? { userData } : {}) }, diagnostics: [] };
}

/**
 * `parser: { textfsm: REF }` is the textfsm parser with `options.template`: a template name, or a file (REF with a
 * path separator) resolved against the check's folder, so that the check works from any working directory.
 */
function textfsmShorthand(def: CheckDefinition, base: string): void {
  for (const spec of Object.values(def.gather)) {
    const parser: unknown = spec.parser;
    if (parser === null || typeof parser !== "object" || !("textfsm" in parser)) continue;
    const ref = String(parser.textfsm);
    spec.parser = "textfsm";
    spec.options = { ...spec.options, template: templatePath(ref, base) ?? ref };
  }
}

const optionValidators = new Map<string, ValidateFunction>();
const optionsAjv = new Ajv({ allErrors: true, strict: false });

/** A parser's options against its published schema, then the checks a schema cannot make (regexes, fields). */
function optionProblems(parser: string, options: Record<string, unknown>): string[] {
  let validate = optionValidators.get(parser);
  if (!validate) {
    validate = optionsAjv.compile(parserOptionSchema(parser) ?? {});
    optionValidators.set(parser, validate);
  }
  if (!validate(options)) {
    return (validate.errors ?? []).map((e) =>
      e.keyword === "additionalProperties" ? `unknown option "${String(e.params.additionalProperty)}"` : `${e.instancePath.slice(1) || "options"} ${e.message ?? "is invalid"}`,
    );
  }
  return parserOptionProblems(parser, options);
}

/** A parameter's schema must compile, and its default must satisfy it. */
function paramSpecProblems(spec: Record<string, unknown>): string[] {
  const { description: _d, default: value, ...schema } = spec;
  let validate: ValidateFunction;
  try {
    validate = optionsAjv.compile(schema);
  } catch (err) {
    return [`invalid schema: ${(err as Error).message}`];
  }
  if (value !== undefined && !validate(value)) return (validate.errors ?? []).map((e) => `the default ${JSON.stringify(value)} ${e.message ?? "is invalid"}`);
  return [];
}

function semanticDiagnostics(src: YamlSource, def: CheckDefinition): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: KeyPath, message: string) => out.push(diagnosticAt(src, path, message));

  const expectedId = basename(src.file, extname(src.file));
  if (def.id !== expectedId) at(["id"], `id "${def.id}" must equal the file name "${expectedId}"`);

  const platforms = knownPlatforms();
  def.platforms.forEach((p, i) => {
    if (!platforms.includes(p)) at(["platforms", i], `unknown platform "${p}"${didYouMeanHint(p, platforms)}; known: ${platforms.join(", ")}`);
  });

  const parsers = parserNames();
  for (const [name, spec] of Object.entries(def.gather)) {
    if (!parsers.includes(spec.parser)) at(["gather", name, "parser"], `unknown parser "${spec.parser}"${didYouMeanHint(spec.parser, parsers)}; known: ${parsers.join(", ")}`);
    else for (const problem of optionProblems(spec.parser, spec.options ?? {})) at(["gather", name, spec.parser === "textfsm" ? "parser" : "options"], `${spec.parser} options: ${problem}`);
    for (const p of def.platforms) {
      const profile = platformProfile(p);
      if (!profile) continue;
      const verdict = profile.isReadOnly(spec.command);
      if (!verdict.ok) at(["gather", name, "command"], `refused: "${spec.command}" is not read-only on ${p}: ${verdict.reason}`);
      else if (profile.isSessionSetting(spec.command)) at(["gather", name, "command"], `"${spec.command}" is a CLI session setting that preflight manages itself${/xml/.test(spec.command) ? '; use `output: xml` on the gather entry instead' : ""}`);
      if (spec.output === "xml" && !profile.outputModes.xml) at(["gather", name, "output"], `${p} has no XML output mode`);
    }
  }

  for (const key of ["target_version", "software_version"] as const) {
    const range = def.when?.[key];
    if (range === undefined) continue;
    try {
      parseRange(range);
    } catch (err) {
      at(["when", key], `invalid version range "${range}": ${(err as Error).message}`);
    }
  }

  const expression = (path: KeyPath, expr: string | undefined) => {
    if (expr === undefined) return;
    try {
      compileExpression(expr);
    } catch (err) {
      at(path, `invalid JMESPath "${expr}": ${(err as Error).message}`);
    }
  };
  expression(["assert", "for_each"], def.assert.for_each);
  expression(["assert", "key"], def.assert.key);
  const itemError = def.assert.item_error;
  if (typeof itemError === "string") expression(["assert", "item_error"], itemError);
  else if (itemError) {
    expression(["assert", "item_error", "message"], itemError.message);
    expression(["assert", "item_error", "raw"], itemError.raw);
  }
  for (const [name, expr] of Object.entries(def.inventory?.fields ?? {})) expression(["inventory", "fields", name], expr);
  if (def.assert.where) conditionDiagnostics(def.assert.where, ["assert", "where"], at, expression);
  conditionDiagnostics(def.assert.expect, ["assert", "expect"], at, expression);
  for (const problem of templateProblems(def.message)) at(["message"], problem);
  for (const [name, spec] of Object.entries(def.params ?? {})) {
    for (const problem of paramSpecProblems(spec)) at(["params", name], `parameter "${name}": ${problem}`);
  }
  return out;
}

function conditionDiagnostics(
  condition: Condition,
  path: KeyPath,
  at: (path: KeyPath, message: string) => void,
  expression: (path: KeyPath, expr: string | undefined) => void,
): void {
  const keys = Object.keys(condition);
  const combinators = keys.filter((k) => k === "all" || k === "any" || k === "not");
  if (combinators.length) {
    if (keys.length > 1) at(path, `"${combinators[0]}" must be alone in its condition; found also ${keys.filter((k) => k !== combinators[0]).join(", ")}`);
    const c = condition as { all?: Condition[]; any?: Condition[]; not?: Condition };
    (c.all ?? c.any ?? []).forEach((sub, i) => conditionDiagnostics(sub, [...path, combinators[0]!, i], at, expression));
    if (c.not) conditionDiagnostics(c.not, [...path, "not"], at, expression);
    return;
  }
  const opCondition = condition as OperatorCondition;
  const ops = keys.filter((k) => !(OPTION_KEYS as readonly string[]).includes(k));
  if (ops.length !== 1) {
    at(path, ops.length === 0 ? `the condition has no operator; use one of ${operatorNames().join(", ")}` : `the condition has ${ops.length} operators (${ops.join(", ")}); use one per condition and combine with all/any`);
    return;
  }
  expression([...path, "path"], opCondition.path);
  const name = operatorKey(opCondition)!;
  const op = operator(name)!;
  for (const option of keys.filter((k) => k !== "path" && k !== name)) {
    if (!(op.options ?? []).includes(option as never)) {
      at([...path, option], `"${option}" does not apply to ${name}${op.options?.length ? `; it takes ${op.options.join(", ")}` : ""}`);
    }
  }
  const operand = opCondition[name];
  if (operand && typeof operand === "object" && !Array.isArray(operand) && "expr" in operand) {
    expression([...path, name, "expr"], String((operand as { expr: unknown }).expr));
    return;
  }
  const problem = checkOperand(op, operand);
  if (problem) at([...path, name], `${name} ${problem}`);
}
