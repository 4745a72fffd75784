// Evaluates one check on one device's gathered outputs: a pure function (no I/O), so the same outputs
// always give the same result, live or replayed. Anything that cannot be told becomes `error`, never `pass`.
import type { CheckInventory, CheckResult, CheckStatus, Evidence, Finding, ItemVerdict } from "../model/result.js";
import { getParser } from "./parsers.js";
import { evaluateCondition, type ConditionOutcome, type ConditionScope } from "./condition.js";
import { evaluateExpression, withPlatform, type Variables } from "./expression.js";
import { resolveParams } from "./params.js";
import { renderTemplate } from "./template.js";
import { commandKey, type CheckDefinition, type LoadedCheck, type MissingPolicy, type Requirement } from "./types.js";
import { whenVerdict } from "./when.js";

import type { DeviceContext, GatheredOutput } from "./context.js";
export type { DeviceContext, GatheredOutput, Hop } from "./context.js";

const EVIDENCE_LIMIT = 8_000;

type ResultFor = (status: CheckStatus, extra?: Partial<CheckResult>) => CheckResult;

export function evaluateCheck(check: LoadedCheck, device: DeviceContext, outputs: ReadonlyMap<string, GatheredOutput>): CheckResult {
  const def = check.definition;
  const base = { id: def.id, title: def.title, severity: def.severity, remediation: def.remediation };
  const result: ResultFor = (status, extra = {}) => ({ ...base, status, findings: [], evidence: [], ...extra });

  if (!def.platforms.includes(device.platform)) return result("not-applicable", { reason: `the check is for ${def.platforms.join(", ")}, the device is ${device.platform}` });
  if (!device.hop && needsTarget(def)) return result("error", { reason: "the check needs a target version: give --target-version or target_version in the inventory" });

  const params = resolveParams(check, device.vars);
  if (params.problems.length) return result("error", { reason: `inventory parameters: ${params.problems.join("; ")}` });
  const path = { hops: (device.hops ?? []).map((h) => h.version), downloads: device.downloads ?? (device.hops ?? []).map((h) => h.version) };
  const variables: Variables = { data: check.data, facts: device.facts, hop: device.hop ?? null, path, device: deviceVariable(device), params: params.values };

  const applies = withPlatform(device.platform, () => whenVerdict(def.when, device, variables));
  if (applies.kind === "not-applicable") return result("not-applicable", { reason: applies.reason });
  if (applies.kind === "error") return result("error", { reason: applies.reason });

  const evidence: Evidence[] = [];
  for (const [name, spec] of Object.entries(def.gather)) {
    const gathered = outputs.get(commandKey(spec));
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

  const hops = def.each_hop && device.hops?.length ? device.hops : [device.hop ?? null];
  const perHop = hops.map((hop) => withPlatform(device.platform, () => assertItems(check, device.platform, { ...variables, hop }, hop?.version)));
  return combineHops(perHop, check, evidence, result, variables);
}

interface HopOutcome {
  hop?: string;
  status: "pass" | "fail" | "error";
  findings: Finding[];
  reason?: string;
  /** Every item looked at on this hop and how it fared: the raw material of the check's inventory. */
  records?: ItemRecord[];
}

interface ItemRecord {
  key: string;
  item: unknown;
  verdict: ItemVerdict;
}

function combineHops(outcomes: HopOutcome[], check: LoadedCheck, evidence: Evidence[], result: ResultFor, variables: Variables): CheckResult {
  const findings = outcomes.flatMap((o) => o.findings);
  const reasons = [...new Set(outcomes.map((o) => (o.reason && outcomes.length > 1 && o.hop ? `${o.hop}: ${o.reason}` : o.reason)).filter((r): r is string => Boolean(r)))];
  const reason = reasons.length ? { reason: reasons.join("; ") } : {};
  const inventory = buildInventory(check, outcomes, variables);
  const listed = inventory ? { inventory } : {};
  if (outcomes.some((o) => o.status === "fail")) return result(check.definition.warn_only ? "warn" : "fail", { findings, evidence, ...reason, ...listed });
  if (outcomes.some((o) => o.status === "error")) return result("error", { findings, evidence, ...reason, ...listed });
  return result("pass", listed);
}

/**
 * The check's inventory: one entry per item key, in the order items were first met, with the declared fields
 * (read once, from the item as parsed) and the item's verdict on every hop. Undefined when the check declares
 * none, or when no hop got as far as looking at items (then nothing can be listed, and `reason` says why).
 */
function buildInventory(check: LoadedCheck, outcomes: HopOutcome[], variables: Variables): CheckInventory | undefined {
  const spec = check.definition.inventory;
  if (!spec || outcomes.every((o) => o.records === undefined)) return undefined;
  const byKey = new Map<string, CheckInventory["items"][number]>();
  for (const outcome of outcomes) {
    for (const record of outcome.records ?? []) {
      let entry = byKey.get(record.key);
      if (!entry) {
        entry = { key: record.key, fields: inventoryFields(spec.fields, record.item, variables), verdicts: [] };
        byKey.set(record.key, entry);
      }
      entry.verdicts.push(record.verdict);
    }
  }
  return { name: spec.name, items: [...byKey.values()] };
}

function inventoryFields(fields: Record<string, string>, item: unknown, variables: Variables): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [name, expression] of Object.entries(fields)) {
    let value: unknown;
    try {
      value = evaluateExpression(expression, item, variables);
    } catch {
      value = null;
    }
    out[name] = value === null || value === undefined ? null : typeof value === "string" ? value : JSON.stringify(value);
  }
  return out;
}

/** The reason an item could not be read (the parser's per-item error), or undefined for a readable item. */
function itemProblem(spec: NonNullable<CheckDefinition["assert"]["item_error"]>, item: unknown, variables: Variables): { message: string; raw?: string } | undefined {
  const expressions = typeof spec === "string" ? { message: spec } : spec;
  const text = (expression: string | undefined): string | undefined => {
    if (expression === undefined) return undefined;
    try {
      const value = evaluateExpression(expression, item, variables);
      if (value === null || value === undefined || value === "" || value === false) return undefined;
      return typeof value === "string" ? value : JSON.stringify(value);
    } catch (err) {
      return `item_error "${expression}": ${(err as Error).message}`;
    }
  };
  const message = text(expressions.message);
  if (message === undefined) return undefined;
  const raw = text(expressions.raw);
  return raw === undefined ? { message } : { message, raw };
}

function assertItems(check: LoadedCheck, platform: string, variables: Variables, hop: string | undefined): HopOutcome {
  const def = check.definition;
  const spec = def.assert;
  const scope: ConditionScope = { variables, platform };
  const hopField = hop ? { hop } : {};

  let items: unknown[];
  if (spec.for_each) {
    let collection: unknown;
    try {
      collection = evaluateExpression(spec.for_each, null, variables);
    } catch (err) {
      return { status: "error", findings: [], reason: `for_each "${spec.for_each}": ${(err as Error).message}` };
    }
    if (collection === null) return { status: "error", findings: [], reason: `for_each "${spec.for_each}" found no data` };
    if (!Array.isArray(collection)) return { status: "error", findings: [], reason: `for_each "${spec.for_each}" is not a list` };
    items = collection;
    if (items.length === 0) {
      const policy = spec.on_empty ?? "error";
      if (policy !== "pass") return { status: policy === "fail" ? "fail" : "error", findings: policy === "fail" ? [{ message: `no items in ${spec.for_each}`, ...hopField }] : [], reason: `for_each "${spec.for_each}" is empty` };
    }
  } else {
    items = [Object.fromEntries(Object.keys(def.gather).map((name) => [name, variables[name]]))];
  }

  const evaluated: { key?: string; item: unknown; outcome: ConditionOutcome; verdict: "true" | "false" | "error" }[] = [];
  const unknownScope: Finding[] = [];
  const records: ItemRecord[] = [];
  const record = (key: string | undefined, index: number, item: unknown, status: ItemVerdict["status"], message?: string) => {
    records.push({ key: key ?? `#${index + 1}`, item, verdict: { ...hopField, status, ...(message !== undefined ? { message } : {}) } });
  };
  for (const [index, item] of items.entries()) {
    const key = itemKey(spec.key, item, variables, index);
    if (spec.item_error) {
      // Before `where`: an item that could not be read cannot be known to be out of scope.
      const problem = itemProblem(spec.item_error, item, variables);
      if (problem) {
        const message = `could not read this item: ${problem.message}`;
        unknownScope.push({ ...keyed(key), ...hopField, message, ...(problem.raw !== undefined ? { actual: problem.raw } : {}) });
        record(key, index, item, "error", message);
        continue;
      }
    }
    if (spec.where) {
      const selected = evaluateCondition(spec.where, item, scope);
      if (selected.result === "false") continue;
      if (selected.result !== "true") {
        const message = `could not tell whether this item is in scope: ${explain(selected)}`;
        unknownScope.push({ ...keyed(key), ...hopField, message });
        record(key, index, item, "error", message);
        continue;
      }
    }
    const outcome = evaluateCondition(spec.expect, item, scope);
    // on_missing says what a missing value means for the check (pass or fail); with `require: none` an item
    // that satisfies `expect` is the failure, so the verdict is inverted.
    const verdict = outcome.result === "missing" ? policyVerdict(spec.on_missing ?? "error", (spec.require ?? "all") === "none") : outcome.result;
    evaluated.push({ ...keyed(key), item, outcome, verdict });
    if (def.inventory) records.push({ key: key ?? `#${index + 1}`, item, verdict: { ...hopField, status: verdict === "true" ? "pass" : verdict === "false" ? "fail" : "error" } });
  }

  const requirement = spec.require ?? "all";
  const holds = evaluated.filter((e) => e.verdict === "true");
  const errors = [...unknownScope, ...evaluated.filter((e) => e.verdict === "error").map((e) => ({ ...keyed(e.key), ...hopField, message: `could not check: ${explain(e.outcome)}` }))];
  const finding = (e: (typeof evaluated)[number]): Finding => {
    const actual = "actual" in e.outcome ? e.outcome.actual : null;
    const expected = "expected" in e.outcome ? e.outcome.expected : undefined;
    const message = renderTemplate(def.message, e.item, { ...variables, key: e.key ?? null, actual: (actual ?? null) as never, expected: expected ?? null });
    return { ...keyed(e.key), message, ...(expected !== undefined ? { expected } : {}), actual, ...hopField };
  };
  const summaryFinding = (message: string): Finding => ({ message: renderTemplate(def.message, null, { ...variables, key: null, actual: holds.length, expected: message }) + ` (${message})`, expected: message, actual: holds.length, ...hopField });

  // Inventory verdicts carry the finding's message, so a consolidated view can say why without the findings.
  const done = (outcome: HopOutcome): HopOutcome => {
    if (!def.inventory) return outcome;
    const messages = new Map(outcome.findings.filter((f) => f.key !== undefined).map((f) => [f.key as string, f.message]));
    for (const r of records) if (r.verdict.status !== "pass" && r.verdict.message === undefined && messages.has(r.key)) r.verdict.message = messages.get(r.key) as string;
    return { ...outcome, records };
  };
  if (requirement === "all" || requirement === "none") {
    const offending = evaluated.filter((e) => e.verdict === (requirement === "all" ? "false" : "true")).map(finding);
    if (offending.length) return done({ status: "fail", findings: [...offending, ...errors] });
    if (errors.length) return done({ status: "error", findings: errors, reason: unevaluatedReason(errors, evaluated.length + unknownScope.length) });
    return done({ status: "pass", findings: [] });
  }
  const { min, max } = bounds(requirement);
  const possible = holds.length + errors.length;
  // Unknown items could push the count over an at_most bound: then the answer is unknown, not pass.
  if (holds.length >= min && holds.length <= max && possible > max) {
    return done({ status: "error", findings: errors, reason: `${holds.length} of ${evaluated.length} items hold and ${errors.length} could not be evaluated; at most ${max} allowed` });
  }
  if (holds.length >= min && holds.length <= max) return done({ status: "pass", findings: [] });
  if (holds.length > max) return done({ status: "fail", findings: [summaryFinding(`at most ${max} of ${evaluated.length} items`), ...holds.map(finding)] });
  if (possible >= min) return done({ status: "error", findings: errors, reason: `${holds.length} of ${evaluated.length} items hold and ${errors.length} could not be evaluated; ${min} needed` });
  return done({ status: "fail", findings: [summaryFinding(`at least ${min} of ${evaluated.length} items`), ...errors] });
}

/** Names the first item that could not be evaluated and why, so the device line says what to look at. */
function unevaluatedReason(errors: readonly Finding[], total: number): string {
  const first = errors[0] as Finding;
  const count = errors.length === total ? (total === 1 ? "the only item" : `all ${total} items`) : `${errors.length} of ${total} items`;
  const message = first.message.replace(/\s+/g, " ");
  const short = message.length > 160 ? `${message.slice(0, 159)}…` : message;
  return `${count} could not be evaluated; first, ${first.key !== undefined ? `${first.key}: ` : ""}${short}`;
}

function bounds(requirement: Exclude<Requirement, "all" | "none">): { min: number; max: number } {
  if (requirement === "any") return { min: 1, max: Infinity };
  if ("at_least" in requirement) return { min: requirement.at_least, max: Infinity };
  return { min: 0, max: requirement.at_most };
}

/** True when the check compares against the target (or a hop) and so cannot run without one. */
export function needsTarget(def: CheckDefinition): boolean {
  return def.each_hop === true || def.when?.target_version !== undefined || JSON.stringify([def.assert, def.message, def.when?.condition ?? null]).includes("$hop");
}

function policyVerdict(policy: MissingPolicy, inverted: boolean): "true" | "false" | "error" {
  if (policy === "error") return "error";
  return (policy === "pass") !== inverted ? "true" : "false";
}

function explain(outcome: ConditionOutcome): string {
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
