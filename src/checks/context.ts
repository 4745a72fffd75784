// What a check is evaluated against: the device (its facts, variables and upgrade path) and its gathered outputs.
import type { DeviceFacts } from "../model/result.js";

/** One gathered command: its raw output, or why there is none. */
export type GatheredOutput = { command: string; output: string } | { command: string; error: string };

export interface Hop {
  version: string;
  feature_release: string;
}

export interface DeviceContext {
  name: string;
  platform: string;
  groups: string[];
  tags: string[];
  vars: Record<string, unknown>;
  facts: DeviceFacts;
  /** The target release; undefined when none was given. */
  hop?: Hop;
  /** Every release the device boots on its way to the target, the target last (each_hop checks). */
  hops?: Hop[];
  /** Images the upgrade downloads (base images and every hop), when a path was planned. */
  downloads?: string[];
}
