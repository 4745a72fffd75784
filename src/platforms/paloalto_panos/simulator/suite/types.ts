// The shape every area of the simulated PAN-OS suite exports: healthy outputs, and problems that each trip
// exactly one check.

export interface SuiteOutputs {
  /** Exact command -> text output. */
  outputs: Record<string, string>;
  /** Exact command -> XML output (after `set cli op-command-xml-output on`). */
  xmlOutputs: Record<string, string>;
}

export interface SuiteProblem {
  outputs?: Record<string, string>;
  xmlOutputs?: Record<string, string>;
  expect: { check: string; status: "fail" | "warn" };
}
