// A check as loaded from YAML: data only. Evaluating it (evaluate.ts) is a pure function of this definition,
// the parsed command outputs it declared, and the device context.
import type { Severity } from "../model/result.js";

/** One command a check needs and the parser that reads its output. */
export interface GatherSpec {
  command: string;
  /** A parser name. The YAML may also say `{ textfsm: TEMPLATE }`, which the loader rewrites to "textfsm" with options.template. */
  parser: string;
  /** `xml`: run the command in the platform's XML output mode (its plugin's `outputModes.xml`). Default text. */
  output?: "text" | "xml";
  /** Options passed to the parser (e.g. a regex). */
  options?: Record<string, unknown>;
}

/** A reference data file (YAML or CSV), resolved relative to the check file. */
export interface DataSpec {
  file: string;
  /** A missing optional file reads as an empty document ({}), so users may or may not provide it. */
  optional?: boolean;
}

/**
 * A condition over the current item. `path` is a JMESPath expression evaluated with the item as `@` and the
 * check's variables ($data, $hop, $facts, $device, and each gathered name) in scope; exactly one operator key.
 */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | OperatorCondition;

export interface OperatorCondition {
  path?: string;
  /** Operator name -> operand; the operand is a literal, or `{ expr: "..." }` to compute it. */
  [operator: string]: unknown;
}

export type MissingPolicy = "error" | "fail" | "pass";

/** How many of the (where-selected) items must satisfy `expect`. */
export type Requirement = "all" | "any" | "none" | { at_least: number } | { at_most: number };

export interface AssertSpec {
  /** Expression giving the list of items to check; absent: one device-wide item (all gathered data). */
  for_each?: string;
  /** Expression naming each item in findings (a port, an interface). */
  key?: string;
  /** Only items matching this condition are checked. */
  where?: Condition;
  expect: Condition;
  /** Default `all`: every item must satisfy `expect`. */
  require?: Requirement;
  /** What an empty `for_each` list means. Default `error`: no data is never a pass. */
  on_empty?: MissingPolicy;
  /** What a missing value (null) under an operator means. Default `error`. */
  on_missing?: MissingPolicy;
  /**
   * Expression that gives, for an item that could not be read (a parser's per-item error), the reason as text;
   * null or empty for a readable item. An unreadable item is an `error` finding of its own (never in or out of
   * scope, never a pass), and the other items are evaluated as usual. The object form also names the raw text
   * to show with the finding.
   */
  item_error?: string | { message: string; raw?: string };
}

/** Record every evaluated item (not only failures) in the result, for a consolidated view across devices. */
export interface InventorySpec {
  /** What the items are (`optics`): reports build their cross-device view from inventories of this name. */
  name: string;
  /** Field name -> expression over the item, recorded as text (null when absent). */
  fields: Record<string, string>;
}

export interface WhenSpec {
  /** Version range the target release must be in (e.g. ">=10.2.0"). */
  target_version?: string;
  /** Version range the running release must be in. */
  software_version?: string;
  /** Model globs (PA-3*, PA-VM). */
  models?: string[];
  /** Any condition over facts and inventory variables ($facts, $params, $device). */
  condition?: Condition;
}

/** A check parameter: a small JSON Schema (type, enum, minimum, ...) with a default and a description. */
export interface ParamSpec {
  description: string;
  default?: unknown;
  [schemaKeyword: string]: unknown;
}

export interface CheckDefinition {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  /** A warn-only check reports `warn` instead of `fail` and never blocks. */
  warn_only?: boolean;
  platforms: string[];
  tags?: string[];
  when?: WhenSpec;
  /** Evaluate once per release of the upgrade path ($hop), not only for the target. */
  each_hop?: boolean;
  /** Ids of checks that must pass first; otherwise this one is `skip`. */
  depends_on?: string[];
  /** Parameters with defaults, overridable per group/host in the inventory (vars.check_params.<id>). */
  params?: Record<string, ParamSpec>;
  gather: Record<string, GatherSpec>;
  data?: Record<string, DataSpec>;
  assert: AssertSpec;
  inventory?: InventorySpec;
  /** Template for each finding; `{{ expr }}` placeholders are JMESPath (see docs/checks.md). */
  message: string;
  remediation: string;
  references?: string[];
}

/** A check ready to run: its definition plus what was read from disk for it. */
export interface LoadedCheck {
  definition: CheckDefinition;
  /** Absolute path of the YAML file. */
  file: string;
  sha256: string;
  /** Reference data, loaded once, by name. */
  data: Record<string, unknown>;
  /** The data files read from the user's --data-dir instead of the pack's own, with the sha256 of their bytes. */
  userData?: { name: string; file: string; sha256: string }[];
}

/** How a gathered output is looked up: the same command in XML mode is a different output. */
export function commandKey(spec: { command: string; output?: "text" | "xml" }): string {
  return spec.output === "xml" ? `xml:${spec.command}` : spec.command;
}
