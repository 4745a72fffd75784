// Evaluates one check on one device's gathered outputs: a pure function (no I/O), so the same outputs
// always give the same result, live or replayed. Anything that cannot be told becomes `error`, never `pass`.
import type { CheckResult, DeviceFacts, Evidence, Finding } from "../model/result.js";
import { getParser } from "../parse/registry.js";
import { evaluateCondition, type ConditionScope } from "./condition.js";
import { evaluateExpression, withPlatform, type Variables } from "./expression.js";
import { renderTemplate } from "./template.js";
import type { LoadedCheck, MissingPolicy } from "./types.js";
import { whenProblem } from "./when.js";

/** One gathered command: its raw output, or why there is none. */
export type GatheredOutput = { command: string; output: string } | { command: string; error: string };

export interface DeviceContext {
  name: string;
  platform: string;
  groups: string[];
  tags: string[];
  vars: Record<string, unknown>;
  facts: DeviceFacts;
  /** The release being checked (the target); undefined when none was given. */
  hop?: { version: string; feature_release: string };
}

const EVIDENCE_LIMIT = 8_000;

export function evaluateCheck(check: LoadedCheck, device: DeviceContext, outputs: ReadonlyMap<string, GatheredOutput>): CheckResult {
  const def = check.definition;
  const base = { id: def.id, title: def.title, severity: def.severity, remediation: def.remediation };
  const result = (status: CheckResult["status"], extra: Partial<CheckResult> = {}): CheckResult => ({ ...base, status, findings: [], evidence: [], ...extra });

  if (!def.platforms.includes(device.platform)) return result("not-applicable", { reason: `the check is for ${def.platforms.join(", ")}, the device is ${device.platform}` });
  const notApplicable = whenProblem(def.when, device);
  if (notApplicable.kind === "not-applicable") return result("not-applicable", { reason: notApplicable.reason });
  if (notApplicable.kind === "error") return result("error", { reason: notApplicable.reason });

  const evidence: Evidence[] = [];
  const variables: Variables = { data: check.data, facts: device.facts, hop: device.hop ?? null, device: deviceVariable(device), params: device.vars };
  for (const [name, spec] of Object.entries(def.gather)) {
    const gathered = outputs.get(spec.command);
    if (!gathered) return result("error", { reason: `no output was gathered for "${spec.command}"`, evidence });
    if ("error" in gathered) return result("error", { reason: `"${spec.command}" failed: ${gathered.error}`, evidence });
    evidence.push(excerpt(spec.command, gathered.output));
    const parser = getParser(spec.parser);
    if (!parser) return result("error", { reason: `unknown parser "${spec.parser}"`, evidence });
    try {
      variables[name] = parser(gathered.output, spec.options);
    } catch (err) {
      return result("error", { reason: `cannot read the output of "${spec.command}" (${spec.parser}): ${(err as Error).message}`, evidence });
    }
  }

  return withPlatform(device.platform, () => assertItems(check, device, variables, evidence, result));
}

function assertItems(
  check: LoadedCheck,
  device: DeviceContext,
  variables: Variables,
  evidence: Evidence[],
  result: (status: CheckResult["status"], extra?: Partial<CheckResult>) => CheckResult,
): CheckResult {
  const def = check.definition;
  const spec = def.assert;
  const scope: ConditionScope = { variables, platform: device.platform };

  let items: unknown[];
  if (spec.for_each) {
    let collection: unknown;
    try {
      collection = evaluateExpression(spec.for_each, null, variables);
    } catch (err) {
      return result("error", { reason: `for_each "${spec.for_each}": ${(err as Error).message}`, evidence });
    }
    if (collection === null) return result("error", { reason: `for_each "${spec.for_each}" found no data`, evidence });
    if (!Array.isArray(collection)) return result("error", { reason: `for_each "${spec.for_each}" is not a list`, evidence });
    items = collection;
    if (items.length === 0) {
      const policy = spec.on_empty ?? "error";
      if (policy !== "pass") return result(policy === "fail" ? failStatus(check) : "error", { reason: `for_each "${spec.for_each}" is empty`, evidence });
    }
  } else {
    items = [Object.fromEntries(Object.keys(def.gather).map((name) => [name, variables[name]]))];
  }

  const findings: Finding[] = [];
  let failed = false;
  let errored = false;
  for (const [index, item] of items.entries()) {
    const key = itemKey(spec.key, item, variables, index);
    if (spec.where) {
      const selected = evaluateCondition(spec.where, item, scope);
      if (selected.result === "false") continue;
      if (selected.result !== "true") {
        errored = true;
        findings.push({ ...keyed(key), hop: device.hop?.version, message: `could not tell whether this item is in scope: ${explain(selected)}` });
        continue;
      }
    }
    const outcome = evaluateCondition(spec.expect, item, scope);
    const verdict = outcome.result === "missing" ? policyVerdict(spec.on_missing ?? "error") : outcome.result;
    if (verdict === "true") continue;
    if (verdict === "false") {
      failed = true;
      const actual = "actual" in outcome ? outcome.actual : null;
      const expected = "expected" in outcome ? outcome.expected : undefined;
      const message = renderTemplate(def.message, item, { ...variables, key: key ?? null, actual: (actual ?? null) as never, expected: expected ?? null });
      findings.push({ ...keyed(key), message, expected, actual, hop: device.hop?.version });
    } else {
      errored = true;
      findings.push({ ...keyed(key), message: `could not check: ${explain(outcome)}`, hop: device.hop?.version });
    }
  }

  if (failed) return result(failStatus(check), { findings, evidence });
  if (errored) return result("error", { reason: "some items could not be evaluated", findings, evidence });
  return result("pass");
}

function failStatus(check: LoadedCheck): "fail" | "warn" {
  return check.definition.warn_only ? "warn" : "fail";
}

function policyVerdict(policy: MissingPolicy): "true" | "false" | "error" {
  return policy === "pass" ? "true" : policy === "fail" ? "false" : "error";
}

function explain(outcome: ReturnType<typeof evaluateCondition>): string {
  if (outcome.result === "missing") return `"${outcome.path}" is missing (expected ${outcome.expected})`;
  if (outcome.result === "error") return outcome.message;
  return outcome.expected;
}

function itemKey(expression: string | undefined, item: unknown, variables: Variables, index: number): string | undefined {
  if (!expression) return undefined;
  try {
    const value = evaluateExpression(expression, item, variables);
    return value === null ? `#${index + 1}` : typeof value === "string" ? value : JSON.stringify(value);
  } catch {
    return `#${index + 1}`;
  }
}

function keyed(key: string | undefined): { key?: string } {
  return key === undefined ? {} : { key };
}

function deviceVariable(device: DeviceContext): Record<string, unknown> {
  return { name: device.name, platform: device.platform, groups: device.groups, tags: device.tags };
}

function excerpt(command: string, output: string): Evidence {
  if (output.length <= EVIDENCE_LIMIT) return { command, output };
  return { command, output: output.slice(0, EVIDENCE_LIMIT), truncated: true };
}
