// The whole PAN-OS suite's simulated outputs: a healthy firewall (every suite command answered from real
// captures) and the catalogue of single problems, each tripping exactly one check. Used by the known-problems
// fleet test and by anyone who wants a fully answering simulated firewall.
import type { SimDeviceSpec } from "../../../../simulator/types.js";
import { PANOS_HA_STATE_COMMAND } from "../outputs.js";
import * as certificates from "./certificates.js";
import * as haTimeContent from "./ha-time-content.js";
import * as jobsLocksLicenses from "./jobs-locks-licenses.js";
import * as resourcesHardware from "./resources-hardware.js";
import type { SuiteProblem } from "./types.js";

export type { SuiteProblem };


const AREAS = [haTimeContent, jobsLocksLicenses, resourcesHardware, certificates];

/** Every problem the suite's simulator knows, by name (names are unique across areas). */
export const SUITE_PROBLEMS: Record<string, SuiteProblem> = Object.assign({}, ...AREAS.map((a) => a.problems as Record<string, SuiteProblem>));

/**
 * A device that answers every suite command like a healthy HA member (active/passive, synchronised), with
 * `problem` (if any) overriding only the outputs it needs.
 */
export function withSuiteOutputs(spec: SimDeviceSpec, problem?: string): SimDeviceSpec {
  const chosen = problem === undefined ? undefined : SUITE_PROBLEMS[problem];
  if (problem !== undefined && !chosen) throw new Error(`unknown suite problem "${problem}"; known: ${Object.keys(SUITE_PROBLEMS).join(", ")}`);
  const outputs = { ...spec.outputs, ...Object.assign({}, ...AREAS.map((a) => a.healthy.outputs)), ...(chosen?.outputs ?? {}) } as Record<string, string>;
  // The HA role fact agrees with the HA sections the checks read.
  outputs[PANOS_HA_STATE_COMMAND] = outputs[haTimeContent.HA_ALL_COMMAND] ?? outputs[PANOS_HA_STATE_COMMAND] ?? "";
  const xmlOutputs = { ...(spec.xmlOutputs ?? {}), ...Object.assign({}, ...AREAS.map((a) => a.healthy.xmlOutputs)), ...(chosen?.xmlOutputs ?? {}) } as Record<string, string>;
  return { ...spec, outputs, xmlOutputs };
}
