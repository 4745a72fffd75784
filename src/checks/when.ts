// `when`: decides whether a check applies to a device (target/running version ranges, model globs, any
// condition over facts and inventory variables). What cannot be decided is an error, not "applies".
import { parseRange, satisfiesRange } from "../versions/range.js";
import { evaluateCondition } from "./condition.js";
import type { DeviceContext } from "./context.js";
import type { Variables } from "./expression.js";
import type { WhenSpec } from "./types.js";
import { versionComparator } from "./versions.js";
import { globToRegExp } from "../util/glob.js";

export type WhenVerdict = { kind: "applies" } | { kind: "not-applicable"; reason: string } | { kind: "error"; reason: string };

export function whenVerdict(when: WhenSpec | undefined, device: DeviceContext, variables: Variables): WhenVerdict {
  if (!when) return { kind: "applies" };
  try {
    const compare = when.target_version || when.software_version ? versionComparator(device.platform) : undefined;
    if (when.target_version && compare) {
      if (!device.hop) return { kind: "error", reason: "the check applies to some target versions only, and no target version was given" };
      if (!satisfiesRange(device.hop.version, parseRange(when.target_version), compare)) {
        return { kind: "not-applicable", reason: `target ${device.hop.version} is outside ${when.target_version}` };
      }
    }
    if (when.software_version && compare) {
      const running = device.facts.softwareVersion;
      if (!running) return { kind: "error", reason: "the running software version is unknown" };
      if (!satisfiesRange(running, parseRange(when.software_version), compare)) {
        return { kind: "not-applicable", reason: `running ${running} is outside ${when.software_version}` };
      }
    }
  } catch (err) {
    return { kind: "error", reason: (err as Error).message };
  }
  if (when.models) {
    const model = device.facts.model;
    if (!model) return { kind: "error", reason: "the device model is unknown" };
    if (!when.models.some((glob) => globToRegExp(glob, { ignoreCase: true }).test(model))) {
      return { kind: "not-applicable", reason: `model ${model} is not one of ${when.models.join(", ")}` };
    }
  }
  if (when.condition) {
    const outcome = evaluateCondition(when.condition, null, { variables, platform: device.platform });
    if (outcome.result === "false") return { kind: "not-applicable", reason: `when condition not met (${outcome.expected}, got ${JSON.stringify(outcome.actual)})` };
    if (outcome.result === "missing") return { kind: "error", reason: `when condition: "${outcome.path}" is missing` };
    if (outcome.result === "error") return { kind: "error", reason: `when condition: ${outcome.message}` };
  }
  return { kind: "applies" };
}
