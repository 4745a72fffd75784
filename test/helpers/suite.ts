// The gathered outputs a simulated suite device would give, for evaluating checks without SSH.
import type { GatheredOutput } from "../../src/checks/evaluate.js";
import { commandKey } from "../../src/checks/types.js";
import type { SuiteOutputs, SuiteProblem } from "../../src/platforms/paloalto_panos/simulator/suite/types.js";

/** A healthy device's outputs with one problem's overrides. */
export function withProblem(base: SuiteOutputs, problem?: SuiteProblem): SuiteOutputs {
  return { outputs: { ...base.outputs, ...(problem?.outputs ?? {}) }, xmlOutputs: { ...base.xmlOutputs, ...(problem?.xmlOutputs ?? {}) } };
}

/** Every text and XML output keyed as the runner keys them; a command with no output is simply absent (error). */
export function gatheredOutputs(outputs: SuiteOutputs, redact: (text: string) => string = (text) => text): Map<string, GatheredOutput> {
  const map = new Map<string, GatheredOutput>();
  for (const [command, output] of Object.entries(outputs.outputs)) map.set(commandKey({ command }), { command, output: redact(output) });
  for (const [command, output] of Object.entries(outputs.xmlOutputs)) map.set(commandKey({ command, output: "xml" }), { command, output: redact(output) });
  return map;
}
