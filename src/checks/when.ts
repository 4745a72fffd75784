// `when`: decides whether a check applies to a device (target/running version ranges, model globs).
// A range that cannot be decided (no target given, unparseable version) is an error, not "applies".
import { parseRange, satisfiesRange } from "../versions/range.js";
import type { DeviceContext } from "./evaluate.js";
import type { WhenSpec } from "./types.js";
import { versionComparator } from "./versions.js";

export type WhenVerdict = { kind: "applies" } | { kind: "not-applicable"; reason: string } | { kind: "error"; reason: string };

export function whenProblem(when: WhenSpec | undefined, device: DeviceContext): WhenVerdict {
  if (!when) return { kind: "applies" };
  try {
    const compare = versionComparator(device.platform);
    if (when.target_version) {
      if (!device.hop) return { kind: "error", reason: "the check applies to some target versions only, and no target version was given" };
      if (!satisfiesRange(device.hop.version, parseRange(when.target_version), compare)) {
        return { kind: "not-applicable", reason: `target ${device.hop.version} is outside ${when.target_version}` };
      }
    }
    if (when.software_version) {
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
    if (!when.models.some((glob) => globToRegExp(glob).test(model))) {
      return { kind: "not-applicable", reason: `model ${model} is not one of ${when.models.join(", ")}` };
    }
  }
  return { kind: "applies" };
}

export function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "i");
}
