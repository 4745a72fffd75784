// `preflight explain <check>`: one check in plain words, for the engineer who must trust or fix it: what it
// runs on the device and reads from disk, what must hold for each item, what a failure means and what to do
// about it, and which test cases pin its behaviour down. Built from the loaded definition only, so the
// explanation cannot drift from what the engine evaluates.
import { relative } from "node:path";
import { needsTarget } from "./evaluate.js";
import { operator } from "./operators.js";
import { operatorKey } from "./condition.js";
import type { TestCase } from "./testing.js";
import type { Condition, LoadedCheck, MissingPolicy, OperatorCondition, Requirement } from "./types.js";

/** A check's test file as explain shows it: its cases, or how many problems keep them from running. */
export interface TestsSummary {
  file: string;
  cases: readonly Pick<TestCase, "name" | "expect">[];
  problems: number;
}

const WIDTH = 100;
const LITERAL_LIMIT = 80;

// User-facing wording, kept together.
export const EXPLAIN_TEXT = {
  sections: {
    why: "Why it matters",
    needs: "What it needs",
    does: "What it does",
    outcome: "Outcome",
    remediation: "Remediation",
    references: "References",
    tests: "Test cases",
  },
  header: (c: LoadedCheck) => `${c.definition.id}: ${c.definition.title}`,
  meta: (c: LoadedCheck) =>
    `severity ${c.definition.severity}${c.definition.warn_only ? " (warn only: never blocks)" : ""} · platforms ${c.definition.platforms.join(", ")}` +
    (c.definition.tags?.length ? ` · tags ${c.definition.tags.join(", ")}` : ""),
  file: (f: string) => `file ${f}`,
  commands: "commands (read-only, each parsed output is a variable):",
  command: (name: string, command: string, parser: string) => `$${name}: ${command}   (parser ${parser})`,
  data: "reference data ($data.<name>, relative to the check file):",
  dataFile: (name: string, file: string, optional: boolean) => `${name}: ${file}${optional ? "   (optional: read as empty when absent)" : ""}`,
  source: (title: string) => `source: ${title}`,
  retrieved: (date: string) => `retrieved: ${date}`,
  notes: "notes:",
  needsTarget: "a target version (--target-version or target_version in the inventory); without one the check is error",
  appliesAlways: "applies to every device of its platforms",
  appliesWhen: "applies only when:",
  targetRange: (r: string) => `the target release is in ${r}`,
  runningRange: (r: string) => `the running release is in ${r}`,
  models: (m: string[]) => `the model matches one of ${m.join(", ")}`,
  outsideWhen: "otherwise the result is not-applicable, with the reason",
  dependsOn: (ids: string[]) => `runs only when these checks passed on the device (otherwise skip): ${ids.join(", ")}`,
  params: "parameters (override per group or host under vars.check_params.<id>):",
  param: (name: string, description: string, def: unknown) => `$params.${name}: ${description}${def === undefined ? "   (no default: must be given)" : `   (default ${JSON.stringify(def)})`}`,
  forEach: (expr: string) => `for each item of \`${expr}\``,
  deviceWide: "one device-wide item holding every gathered output",
  key: (expr: string) => `each item is named by \`${expr}\` in findings`,
  where: "only the items where",
  require: {
    all: "every selected item must satisfy",
    none: "no selected item may satisfy",
    any: "at least one selected item must satisfy",
    at_least: (n: number) => `at least ${n} selected item(s) must satisfy`,
    at_most: (n: number) => `at most ${n} selected item(s) may satisfy`,
  },
  eachHop: "evaluated once for every release of the upgrade path ($hop is each in turn); each finding names its hop",
  onEmpty: (p: MissingPolicy) => `an empty list: ${p}${p === "error" ? " (no data is never a pass)" : ""}`,
  onMissing: (p: MissingPolicy) => `an item whose tested value is missing: ${p}`,
  failStatus: (c: LoadedCheck) => `${c.definition.warn_only ? "warn" : "fail"} when there is a finding, each worded:`,
  unknownIsError: "error when a command failed, its output cannot be parsed, or an item cannot be evaluated: nothing unknown passes",
  ignoreCase: "text compared trimmed, ignoring case",
  loose: "text compared trimmed, ignoring case; numbers and numeric strings compared as numbers",
  item: "the item",
  computed: (expr: string, list: boolean) => `${list ? "the values" : "the value"} of \`${expr}\``,
  listOf: (n: number) => `a list of ${n} values`,
  noTests: (file: string) => `none yet: add ${file} (see docs/check-tests.md)`,
  testProblems: (file: string, n: number) => `${file} has ${n} problem(s): run \`preflight test\` to see them`,
  testCase: (name: string, status: string) => `${name}  →  ${status}`,
  notAnId: (spec: string) => `"${spec}" is not a check id or a check file`,
};

/** How each operator reads in a sentence; `x` is the operand in words. */
const OPERATOR_PHRASES: Readonly<Record<string, (x: string) => string>> = {
  exists: () => "is present",
  not_exists: () => "is absent",
  empty: () => 'is empty (null, "", [] or {})',
  not_empty: () => "is not empty",
  eq: (x) => `equals ${x}`,
  ne: (x) => `does not equal ${x}`,
  gt: (x) => `is greater than ${x}`,
  ge: (x) => `is at least ${x}`,
  lt: (x) => `is less than ${x}`,
  le: (x) => `is at most ${x}`,
  range: (x) => `is a number ${x}`,
  tolerance: (x) => `is within ${x}`,
  in: (x) => `is one of ${x}`,
  not_in: (x) => `is none of ${x}`,
  contains: (x) => `contains ${x}`,
  contains_all: (x) => `contains all of ${x}`,
  contains_any: (x) => `contains at least one of ${x}`,
  contains_none: (x) => `contains none of ${x}`,
  subset: (x) => `has only values from ${x}`,
  superset: (x) => `has every value of ${x}`,
  unique: () => "has no duplicates",
  all_same: () => "has all its elements equal",
  matches: (x) => `matches the regular expression ${x}`,
  not_matches: (x) => `does not match the regular expression ${x}`,
  version_ge: (x) => `is a release at or after ${x}`,
  version_gt: (x) => `is a release after ${x}`,
  version_le: (x) => `is a release at or before ${x}`,
  version_lt: (x) => `is a release before ${x}`,
  version_eq: (x) => `is the release ${x}`,
};

/** Operators with a phrase; a test keeps this in step with the engine's operator list. */
export function explainedOperators(): string[] {
  return Object.keys(OPERATOR_PHRASES);
}

export interface ExplainOptions {
  /** The check's test cases; absent: the section is left out. */
  tests?: TestsSummary;
  /** File paths are shown relative to this folder. */
  cwd?: string;
}

export function explainCheck(check: LoadedCheck, options: ExplainOptions = {}): string {
  const def = check.definition;
  const rel = (f: string) => relative(options.cwd ?? process.cwd(), f) || f;
  const tests = options.tests;
  const out: string[] = [EXPLAIN_TEXT.header(check), EXPLAIN_TEXT.meta(check), EXPLAIN_TEXT.file(rel(check.file)), ""];
  const section = (title: string, lines: string[]) => out.push(title, ...lines.map((l) => (l === "" ? l : `  ${l}`)), "");

  section(EXPLAIN_TEXT.sections.why, wrap(def.description, WIDTH - 2));

  const needs: string[] = [EXPLAIN_TEXT.commands, ...Object.entries(def.gather).map(([name, g]) => `  ${EXPLAIN_TEXT.command(name, g.command, g.parser)}`)];
  if (def.data && Object.keys(def.data).length) {
    needs.push(EXPLAIN_TEXT.data);
    for (const [name, spec] of Object.entries(def.data)) {
      needs.push(`  ${EXPLAIN_TEXT.dataFile(name, spec.file, spec.optional === true)}`, ...dataSource(check.data[name]).map((l) => `    ${l}`));
    }
  }
  if (needsTarget(def)) needs.push(EXPLAIN_TEXT.needsTarget);
  needs.push(...whenLines(check));
  if (def.depends_on?.length) needs.push(EXPLAIN_TEXT.dependsOn(def.depends_on));
  if (def.params && Object.keys(def.params).length) {
    needs.push(EXPLAIN_TEXT.params, ...Object.entries(def.params).map(([name, p]) => `  ${EXPLAIN_TEXT.param(name, p.description, p.default)}`));
  }
  section(EXPLAIN_TEXT.sections.needs, needs);

  const a = def.assert;
  const does: string[] = [a.for_each ? EXPLAIN_TEXT.forEach(oneLine(a.for_each)) : EXPLAIN_TEXT.deviceWide];
  if (a.key) does.push(EXPLAIN_TEXT.key(oneLine(a.key)));
  if (a.where) does.push(EXPLAIN_TEXT.where, ...describeCondition(a.where).map((l) => `  ${l}`));
  does.push(requirementText(a.require ?? "all"), ...describeCondition(a.expect).map((l) => `  ${l}`));
  if (def.each_hop) does.push(EXPLAIN_TEXT.eachHop);
  if (a.for_each) does.push(EXPLAIN_TEXT.onEmpty(a.on_empty ?? "error"));
  does.push(EXPLAIN_TEXT.onMissing(a.on_missing ?? "error"));
  section(EXPLAIN_TEXT.sections.does, does);

  section(EXPLAIN_TEXT.sections.outcome, [EXPLAIN_TEXT.failStatus(check), `  ${oneLine(def.message)}`, EXPLAIN_TEXT.unknownIsError]);
  section(EXPLAIN_TEXT.sections.remediation, wrap(def.remediation, WIDTH - 2));
  if (def.references?.length) section(EXPLAIN_TEXT.sections.references, def.references.map((r) => `- ${r}`));
  if (tests) {
    const lines = tests.problems
      ? [EXPLAIN_TEXT.testProblems(rel(tests.file), tests.problems)]
      : tests.cases.length
        ? [rel(tests.file), ...tests.cases.map((c) => `  - ${EXPLAIN_TEXT.testCase(c.name, c.expect.status)}`)]
        : [EXPLAIN_TEXT.noTests(rel(tests.file))];
    section(EXPLAIN_TEXT.sections.tests, lines);
  }
  return out.join("\n").trimEnd() + "\n";
}

/** The `source` block a reference data file documents itself with (described in each platform's checks/<platform>/data/README.md). */
function dataSource(value: unknown): string[] {
  const source = value && typeof value === "object" ? (value as { source?: unknown }).source : undefined;
  if (!source || typeof source !== "object") return [];
  const s = source as Record<string, unknown>;
  const lines: string[] = [];
  if (typeof s.title === "string") lines.push(EXPLAIN_TEXT.source(s.title));
  if (typeof s.url === "string") lines.push(`  ${s.url}`);
  if (s.retrieved !== undefined) lines.push(EXPLAIN_TEXT.retrieved(String(s.retrieved)));
  if (typeof s.notes === "string") lines.push(EXPLAIN_TEXT.notes, ...wrap(s.notes, WIDTH - 8).map((l) => `  ${l}`));
  return lines;
}

function whenLines(check: LoadedCheck): string[] {
  const when = check.definition.when;
  if (!when) return [EXPLAIN_TEXT.appliesAlways];
  const conditions: string[] = [];
  if (when.target_version) conditions.push(EXPLAIN_TEXT.targetRange(when.target_version));
  if (when.software_version) conditions.push(EXPLAIN_TEXT.runningRange(when.software_version));
  if (when.models) conditions.push(EXPLAIN_TEXT.models(when.models));
  if (when.condition) conditions.push(...describeCondition(when.condition));
  return [EXPLAIN_TEXT.appliesWhen, ...conditions.map((l) => `  ${l}`), EXPLAIN_TEXT.outsideWhen];
}

function requirementText(r: Requirement): string {
  if (typeof r === "string") return EXPLAIN_TEXT.require[r];
  return "at_least" in r ? EXPLAIN_TEXT.require.at_least(r.at_least) : EXPLAIN_TEXT.require.at_most(r.at_most);
}

/** A condition as indented lines of words: combinators nest, an operator condition is one sentence. */
export function describeCondition(condition: Condition): string[] {
  const nested = (title: string, subs: Condition[]) => [title, ...subs.flatMap((s) => describeCondition(s).map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`)))];
  if ("all" in condition && Array.isArray(condition.all)) return nested("all of:", condition.all);
  if ("any" in condition && Array.isArray(condition.any)) return nested("any of:", condition.any);
  if ("not" in condition && condition.not && typeof condition.not === "object") return nested("not:", [condition.not as Condition]);
  const c = condition as OperatorCondition;
  const name = operatorKey(c) ?? "";
  const subject = c.path ? `\`${oneLine(c.path)}\`` : EXPLAIN_TEXT.item;
  const phrase = OPERATOR_PHRASES[name] ?? ((x: string) => `${name} ${x}`);
  const options = c.loose === true ? EXPLAIN_TEXT.loose : c.ignore_case === true ? EXPLAIN_TEXT.ignoreCase : undefined;
  return [`${subject} ${phrase(operandText(name, c[name]))}${options ? ` (${options})` : ""}`];
}

function operandText(name: string, operand: unknown): string {
  if (operand && typeof operand === "object" && !Array.isArray(operand) && "expr" in operand) {
    return EXPLAIN_TEXT.computed(oneLine(String((operand as { expr: unknown }).expr)), operator(name)?.operand === "list");
  }
  const op = operator(name);
  if (op && (op.operand === "range" || op.operand === "tolerance")) return op.expected(operand);
  if (op?.operand === "regex") return `/${String(operand)}/`;
  if (op?.operand === "version") return String(operand);
  const json = JSON.stringify(operand) ?? "";
  if (json.length <= LITERAL_LIMIT) return json;
  return Array.isArray(operand) ? EXPLAIN_TEXT.listOf(operand.length) : `${json.slice(0, LITERAL_LIMIT - 1)}…`;
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of oneLine(text).split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
