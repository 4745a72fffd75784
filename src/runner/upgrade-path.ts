// The releases a device boots on its way to the target, known once its running version is read:
// the inventory's explicit path (checked against the platform's rules), or the path its planner plans, or just
// the target. A path that breaks the rules or cannot be planned becomes a result of its own, never a silent guess.
import type { CheckResult } from "../model/result.js";
import { PathError, type PathPlanner } from "../platforms/types.js";

export const PATH_CHECK = { id: "preflight-upgrade-path", title: "The upgrade path follows the vendor's rules" } as const;

export interface PathInput {
  platform: string;
  running?: string;
  target?: string;
  explicit?: string[];
  /** The platform's upgrade-path planner, when preflight knows its rules. */
  planner?: PathPlanner;
}

export interface DeviceHops {
  hops: string[];
  /** Images to download on the way, when a path was planned or validated. */
  downloads?: string[];
  /** Set when the path is invalid (fail) or could not be planned (error). */
  result?: CheckResult;
}

export function deviceHops(input: PathInput): DeviceHops {
  const fallback = input.explicit?.length ? input.explicit : input.target ? [input.target] : [];
  if (!input.target || !input.planner) return { hops: fallback };
  if (!input.running) {
    const reason = input.explicit?.length
      ? "the running version is unknown, so the explicit upgrade path (inventory or --path) cannot be checked against the rules"
      : "the running version is unknown, so the path to the target cannot be planned; only the target was checked";
    return { hops: fallback, result: pathResult("error", [], reason, input.planner.remediation) };
  }
  try {
    const path = input.explicit?.length ? input.planner.check(input.running, input.explicit, input.target) : input.planner.plan(input.running, input.target);
    return { hops: path.hops.length ? path.hops.map((h) => h.version) : [input.target], downloads: path.downloads };
  } catch (err) {
    const remediation = input.planner.remediation;
    // Anything but a PathError is a fault in the rules or the planner: this device's path result is `error`, and
    // every other device and check goes on.
    if (!(err instanceof PathError)) return { hops: fallback, result: pathResult("error", [(err as Error).message ?? String(err)], "the upgrade path could not be planned: the planner failed; only the target was checked", remediation) };
    if (input.explicit?.length) return { hops: fallback, result: pathResult("fail", err.problems, "the explicit upgrade path (inventory or --path) breaks the upgrade rules", remediation) };
    return { hops: fallback, result: pathResult("error", err.problems, "no upgrade path could be planned; only the target was checked", remediation) };
  }
}

function pathResult(status: "fail" | "error", problems: string[], reason: string, remediation: string): CheckResult {
  return {
    ...PATH_CHECK,
    severity: "high",
    status,
    reason,
    findings: problems.map((message) => ({ message })),
    evidence: [],
    remediation,
  };
}
