// Test cases for checks, in the spirit of ESLint's RuleTester: each case is a table row of device outputs in
// and the expected result out, kept in `<check folder>/tests/<check-id>.yaml` and validated like a check (JSON
// Schema, then meaning, every problem as file:line:col). Cases run through the same evaluateCheck as a live
// audit, so a check that passes its cases behaves the same on a device. This is `preflight test`.
import { existsSync, readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import type { CheckResult, CheckStatus, Finding } from "../model/result.js";
import { knownPlatforms } from "../platforms/registry.js";
import type { Diagnostic } from "../util/diagnostics.js";
import { didYouMeanHint } from "../util/did-you-mean.js";
import { packagePath } from "../util/package-root.js";
import { diagnosticAt, parseYamlSource, positionOf, type KeyPath, type YamlSource } from "../util/yaml-source.js";
import { evaluateCheck, type DeviceContext, type GatheredOutput } from "./evaluate.js";
import { loadChecks } from "./library.js";
import { deepEqual } from "./operators.js";
import { rewriteErrors } from "./schema.js";
import { commandKey, type LoadedCheck } from "./types.js";
import { hopFor, versionComparator } from "./versions.js";

/** One finding as a case expects it: only the fields given are compared. */
export interface ExpectedFinding {
  key?: string;
  message?: string;
  message_contains?: string;
  hop?: string;
  expected?: unknown;
  actual?: unknown;
}

export interface ExpectedResult {
  status: CheckStatus;
  /** Text the result's reason must contain. */
  reason?: string;
  /** When given: the findings, in number and order. */
  findings?: ExpectedFinding[];
}

/** A case ready to run: the device and outputs evaluateCheck receives, and what it must return. */
export interface TestCase {
  name: string;
  /** Where the case is written, for reports. */
  file: string;
  line: number;
  col: number;
  device: DeviceContext;
  outputs: Map<string, GatheredOutput>;
  expect: ExpectedResult;
}

export interface TestCaseResult {
  name: string;
  file: string;
  line: number;
  col: number;
  passed: boolean;
  /** On failure: what differs, expected against actual, then the whole actual result. */
  explanation?: string;
  actual: CheckResult;
}

export interface CheckTestResults {
  check: string;
  /** The check file. */
  file: string;
  testFile: string;
  cases: TestCaseResult[];
}

export interface TestRun {
  results: CheckTestResults[];
  diagnostics: Diagnostic[];
  /** Ids of the selected checks that have no test file. */
  checksWithoutTests: string[];
}

const TESTS_DIR = "tests";
const TEST_EXTENSIONS = [".yaml", ".yml"];
const DEFAULT_DEVICE_NAME = "test-device";

// User-facing wording, kept together.
const TEXT = {
  rootSubject: "the test file",
  cannotRead: (message: string) => `cannot read test file: ${message}`,
  wrongCheck: (given: string, id: string) => `"check" is "${given}" but this file tests "${id}"; it must name the check it sits beside`,
  duplicateName: (name: string, line: number) => `duplicate case name "${name}" (first at line ${line}): names must be unique so a failure points at one case`,
  unknownGather: (name: string, id: string, known: string[]) =>
    `"${name}" is not a gather name of ${id}${didYouMeanHint(name, known)}; outputs are given by gather name: ${known.join(", ")}`,
  missingFixture: (file: string, message: string) => `output file "${file}" cannot be read: ${message}`,
  unknownPlatform: (p: string, known: string[]) => `unknown platform "${p}"${didYouMeanHint(p, known)}; known: ${known.join(", ")}`,
  badVersion: (v: string, platform: string, message: string) => `"${v}" is not a ${platform} version: ${message}`,
  pathTarget: (last: string, target: string) => `upgrade_path ends with "${last}" but target_version is "${target}": the target is the last release booted`,
  findingsOnPass: (status: string) => `a check that ends "${status}" has no findings: remove expect.findings or expect fail, warn or error`,
  orphanTest: (id: string, known: string[]) => `test file for "${id}", but there is no check ${id}.yaml in the folder above${didYouMeanHint(id, known)}`,
  status: (want: string, got: string) => `status: expected ${want}, got ${got}`,
  reasonMissing: (want: string) => `reason: expected to contain ${JSON.stringify(want)}, got no reason`,
  reasonDiffers: (want: string, got: string) => `reason: expected to contain ${JSON.stringify(want)}, got ${JSON.stringify(got)}`,
  findingCount: (want: number, got: number) => `findings: expected ${want}, got ${got}`,
  findingField: (i: number, field: string, want: unknown, got: unknown) => `finding ${i}: ${field}: expected ${show(want)}, got ${show(got)}`,
  findingContains: (i: number, want: string, got: string) => `finding ${i}: message: expected to contain ${JSON.stringify(want)}, got ${JSON.stringify(got)}`,
  findingMissing: (i: number, want: ExpectedFinding) => `finding ${i}: expected ${show(want)}, got none`,
  findingExtra: (i: number, got: Finding) => `finding ${i}: not expected: ${describeFinding(got)}`,
  actualHeader: (r: CheckResult) => `actual: ${r.status}${r.reason ? ` (reason: ${r.reason})` : ""}${r.findings.length ? `, ${r.findings.length} finding(s):` : ""}`,
  notRun: "  not run: the test file has problems",
  noTests: (ids: string[]) => `no test cases for: ${ids.join(", ")}`,
  summary: (passed: number, failed: number) => `${passed} passed, ${failed} failed`,
  nothingRan: "no test cases ran",
};

/** The test file of each check that has one: `<check folder>/tests/<check file name>` (.yaml or .yml). */
export function findTestFiles(checkFiles: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const checkFile of checkFiles) {
    const id = basename(checkFile, extname(checkFile));
    const candidate = TEST_EXTENSIONS.map((ext) => join(dirname(checkFile), TESTS_DIR, id + ext)).find((f) => existsSync(f));
    if (candidate) found.set(checkFile, candidate);
  }
  return found;
}

let validator: ValidateFunction | undefined;

export function testSchemaPath(): string {
  return packagePath("checks", "schema", "check-tests.schema.json");
}

function compiledSchema(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    validator = ajv.compile(JSON.parse(readFileSync(testSchemaPath(), "utf8")));
  }
  return validator;
}

function schemaDiagnostics(src: YamlSource): Diagnostic[] {
  const validate = compiledSchema();
  if (validate(src.value)) return [];
  // rewriteErrors words the document root as "the check"; here the root is the test file.
  return rewriteErrors(validate.errors ?? []).map(({ path, message, on }) =>
    diagnosticAt(src, path, path.length === 0 ? message.replace(/^the check\b/, TEXT.rootSubject) : message, on),
  );
}

/** The test file as written (after schema validation). */
interface RawCase {
  name: string;
  target_version?: string;
  upgrade_path?: string[];
  downloads?: string[];
  platform?: string;
  facts?: Record<string, string>;
  vars?: Record<string, unknown>;
  device?: { name?: string; groups?: string[]; tags?: string[] };
  outputs?: Record<string, string | { file: string } | { error: string }>;
  expect: ExpectedResult;
}

/**
 * Reads and validates a check's test file. Any problem (schema, unknown gather name, unreadable output file,
 * unknown platform, bad version) is a diagnostic, and then no case is returned: a half-loaded file would
 * report fewer cases than were written, and that must not look like success.
 */
export async function loadTestCases(testFile: string, check: LoadedCheck): Promise<{ cases: TestCase[]; diagnostics: Diagnostic[] }> {
  const file = resolve(testFile);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    return { cases: [], diagnostics: [{ file, line: 0, col: 0, message: TEXT.cannotRead((err as Error).message) }] };
  }
  const src = parseYamlSource(text, file);
  if (src.diagnostics.length) return { cases: [], diagnostics: src.diagnostics };
  const schemaProblems = schemaDiagnostics(src);
  if (schemaProblems.length) return { cases: [], diagnostics: schemaProblems };

  const doc = src.value as { check: string; cases: RawCase[] };
  const def = check.definition;
  const diagnostics: Diagnostic[] = [];
  const at = (path: KeyPath, message: string, on: "key" | "value" = "value") => diagnostics.push(diagnosticAt(src, path, message, on));
  if (doc.check !== def.id) at(["check"], TEXT.wrongCheck(doc.check, def.id));

  const platforms = knownPlatforms();
  const gatherNames = Object.keys(def.gather);
  const firstLine = new Map<string, number>();
  const cases: TestCase[] = [];
  for (const [index, raw] of doc.cases.entries()) {
    const here = (...path: KeyPath): KeyPath => ["cases", index, ...path];
    const position = positionOf(src, here());
    const seenAt = firstLine.get(raw.name);
    if (seenAt !== undefined) at(here("name"), TEXT.duplicateName(raw.name, seenAt));
    else firstLine.set(raw.name, position.line);

    const platform = raw.platform ?? def.platforms[0]!;
    if (!platforms.includes(platform)) at(here("platform"), TEXT.unknownPlatform(platform, platforms));
    const versionProblem = (v: string) => versionError(v, platform);
    const target = raw.target_version ?? raw.upgrade_path?.at(-1);
    if (raw.target_version !== undefined) {
      const problem = versionProblem(raw.target_version);
      if (problem) at(here("target_version"), TEXT.badVersion(raw.target_version, platform, problem));
    }
    for (const list of ["upgrade_path", "downloads"] as const) {
      (raw[list] ?? []).forEach((v, i) => {
        const problem = versionProblem(v);
        if (problem) at(here(list, i), TEXT.badVersion(v, platform, problem));
      });
    }
    const last = raw.upgrade_path?.at(-1);
    if (last !== undefined && raw.target_version !== undefined && last !== raw.target_version) at(here("upgrade_path"), TEXT.pathTarget(last, raw.target_version));
    if (raw.expect.findings?.length && (raw.expect.status === "pass" || raw.expect.status === "not-applicable")) {
      at(here("expect", "findings"), TEXT.findingsOnPass(raw.expect.status));
    }

    const outputs = new Map<string, GatheredOutput>();
    for (const [name, given] of Object.entries(raw.outputs ?? {})) {
      const spec = def.gather[name];
      if (!spec) {
        at(here("outputs", name), TEXT.unknownGather(name, def.id, gatherNames), "key");
        continue;
      }
      if (typeof given === "string") {
        outputs.set(commandKey(spec), { command: spec.command, output: given });
      } else if ("error" in given) {
        outputs.set(commandKey(spec), { command: spec.command, error: given.error });
      } else {
        try {
          outputs.set(commandKey(spec), { command: spec.command, output: await readFile(resolve(dirname(file), given.file), "utf8") });
        } catch (err) {
          at(here("outputs", name, "file"), TEXT.missingFixture(given.file, (err as Error).message));
        }
      }
    }

    cases.push({
      name: raw.name,
      file,
      ...position,
      device: {
        name: raw.device?.name ?? DEFAULT_DEVICE_NAME,
        platform,
        groups: raw.device?.groups ?? [],
        tags: raw.device?.tags ?? [],
        vars: raw.vars ?? {},
        facts: raw.facts ?? {},
        ...(target !== undefined ? { hop: hopFor(target, platform) } : {}),
        ...(raw.upgrade_path ? { hops: raw.upgrade_path.map((v) => hopFor(v, platform)) } : {}),
        ...(raw.downloads ? { downloads: raw.downloads } : {}),
      },
      outputs,
      expect: raw.expect,
    });
  }
  return diagnostics.length ? { cases: [], diagnostics } : { cases, diagnostics };
}

/** Why a version string is not one of the platform's versions; undefined when it is, or when the platform has no ordering. */
function versionError(version: string, platform: string): string | undefined {
  let compare: (a: string, b: string) => number;
  try {
    compare = versionComparator(platform);
  } catch {
    return undefined;
  }
  try {
    // The comparators parse both sides and throw, naming the string, on anything that is not a version.
    compare(version, version);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Runs each case through evaluateCheck and compares the result with what the case expects. */
export function runTestCases(check: LoadedCheck, cases: readonly TestCase[]): TestCaseResult[] {
  return cases.map((c) => {
    const actual = evaluateCheck(check, c.device, c.outputs);
    const problems = differences(c.expect, actual);
    const base = { name: c.name, file: c.file, line: c.line, col: c.col, actual };
    if (problems.length === 0) return { ...base, passed: true };
    return { ...base, passed: false, explanation: [...problems, ...describeActual(actual)].join("\n") };
  });
}

function differences(want: ExpectedResult, got: CheckResult): string[] {
  const out: string[] = [];
  if (want.status !== got.status) out.push(TEXT.status(want.status, got.status));
  if (want.reason !== undefined) {
    if (got.reason === undefined) out.push(TEXT.reasonMissing(want.reason));
    else if (!got.reason.includes(want.reason)) out.push(TEXT.reasonDiffers(want.reason, got.reason));
  }
  if (want.findings) {
    if (want.findings.length !== got.findings.length) out.push(TEXT.findingCount(want.findings.length, got.findings.length));
    const n = Math.max(want.findings.length, got.findings.length);
    for (let i = 0; i < n; i++) {
      const w = want.findings[i];
      const g = got.findings[i];
      if (!w) out.push(TEXT.findingExtra(i + 1, g!));
      else if (!g) out.push(TEXT.findingMissing(i + 1, w));
      else out.push(...findingDifferences(i + 1, w, g));
    }
  }
  return out;
}

const EXACT_FIELDS = ["key", "message", "hop", "expected", "actual"] as const;

function findingDifferences(i: number, want: ExpectedFinding, got: Finding): string[] {
  const out: string[] = [];
  for (const field of EXACT_FIELDS) {
    if (field in want && !deepEqual(want[field], got[field])) out.push(TEXT.findingField(i, field, want[field], got[field]));
  }
  if (want.message_contains !== undefined && !got.message.includes(want.message_contains)) out.push(TEXT.findingContains(i, want.message_contains, got.message));
  return out;
}

function describeActual(r: CheckResult): string[] {
  return [TEXT.actualHeader(r), ...r.findings.map((f) => `  ${describeFinding(f)}`)];
}

function describeFinding(f: Finding): string {
  const fields = { ...(f.key !== undefined ? { key: f.key } : {}), message: f.message, ...(f.hop !== undefined ? { hop: f.hop } : {}) };
  return show(fields);
}

function show(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value);
}

/**
 * Runs the test cases of the checks `--checks`-style specs select. A spec may also name a test file itself
 * (`checks/<platform>/tests/x.yaml`): it stands for the check beside its tests/ folder.
 */
export async function runCheckTests(specs: readonly string[]): Promise<TestRun> {
  const { checks, diagnostics } = await loadChecks(specs.map(checkFileForTestFile));
  const testFiles = findTestFiles(checks.map((c) => c.file));
  const results: CheckTestResults[] = [];
  const checksWithoutTests: string[] = [];
  for (const check of checks) {
    const testFile = testFiles.get(check.file);
    if (!testFile) {
      checksWithoutTests.push(check.definition.id);
      continue;
    }
    const loaded = await loadTestCases(testFile, check);
    diagnostics.push(...loaded.diagnostics);
    results.push({ check: check.definition.id, file: check.file, testFile, cases: runTestCases(check, loaded.cases) });
  }
  diagnostics.push(...(await orphanTestFiles(checks.map((c) => c.file))));
  return { results, diagnostics, checksWithoutTests };
}

function checkFileForTestFile(spec: string): string {
  if (basename(dirname(resolve(spec))) !== TESTS_DIR || !TEST_EXTENSIONS.includes(extname(spec))) return spec;
  const checkFile = join(dirname(dirname(resolve(spec))), basename(spec));
  return existsSync(checkFile) ? checkFile : spec;
}

/** A test file whose check was renamed or misspelt would never run; say so rather than ignore it. */
async function orphanTestFiles(checkFiles: readonly string[]): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const dir of new Set(checkFiles.map((f) => dirname(f)))) {
    const entries = await readdir(join(dir, TESTS_DIR)).catch(() => [] as string[]);
    const ids = (await readdir(dir)).filter((f) => TEST_EXTENSIONS.includes(extname(f))).map((f) => basename(f, extname(f)));
    for (const entry of entries.filter((e) => TEST_EXTENSIONS.includes(extname(e)))) {
      const id = basename(entry, extname(entry));
      if (!ids.includes(id)) out.push({ file: join(dir, TESTS_DIR, entry), line: 0, col: 0, message: TEXT.orphanTest(id, ids) });
    }
  }
  return out;
}

/** ESLint-like report: each check, ✓/✗ per case with the differences of a failure, then the counts. */
export function formatTestReport(run: TestRun, cwd: string = process.cwd()): string {
  const rel = (f: string) => relative(cwd, f) || f;
  const lines: string[] = [];
  for (const r of run.results) {
    lines.push(`${rel(r.file)}  (${rel(r.testFile)})`);
    if (r.cases.length === 0) lines.push(TEXT.notRun);
    for (const c of r.cases) {
      lines.push(`  ${c.passed ? "✓" : "✗"} ${c.name}`);
      if (c.passed) continue;
      lines.push(`      at ${rel(c.file)}:${c.line}:${c.col}`);
      for (const line of (c.explanation ?? "").split("\n")) lines.push(`      ${line}`);
    }
    lines.push("");
  }
  if (run.checksWithoutTests.length) lines.push(TEXT.noTests(run.checksWithoutTests), "");
  const all = run.results.flatMap((r) => r.cases);
  const failed = all.filter((c) => !c.passed).length;
  lines.push(all.length ? TEXT.summary(all.length - failed, failed) : TEXT.nothingRan);
  return lines.join("\n") + "\n";
}
