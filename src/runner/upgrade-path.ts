// The releases a device boots on its way to the target, known once its running version is read:
// the inventory's explicit path (checked against the rules), or the path the PAN-OS rules plan, or just the
// target. A path that breaks the rules or cannot be planned becomes a result of its own, never a silent guess.
import type { CheckResult } from "../model/result.js";
import { explicitPath, PathError, planPanosPath } from "../platforms/paloalto_panos/upgrade/plan.js";
import type { UpgradeRules } from "../platforms/paloalto_panos/upgrade/rules.js";

export const PATH_CHECK = { id: "preflight-upgrade-path", title: "The upgrade path follows the vendor's rules" } as const;

export interface PathInput {
  platform: string;
  running?: string;
  target?: string;
  explicit?: string[];
  rules?: UpgradeRules;
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
  if (!input.target || input.platform !== "paloalto_panos" || !input.rules) return { hops: fallback };
  if (!input.running) {
    const reason = input.explicit?.length
      ? "the running version is unknown, so the upgrade path given in the inventory cannot be checked against the rules"
      : "the running version is unknown, so the path to the target cannot be planned; only the target was checked";
    return { hops: fallback, result: pathResult("error", [], reason) };
  }
  try {
    const path = input.explicit?.length ? explicitPath(input.running, input.explicit, input.target, input.rules) : planPanosPath(input.running, input.target, input.rules);
    return { hops: path.hops.length ? path.hops.map((h) => h.version) : [input.target], downloads: path.downloads };
  } catch (err) {
    if (!(err instanceof PathError)) throw err;
    if (input.explicit?.length) return { hops: fallback, result: pathResult("fail", err.problems, "the upgrade path given in the inventory breaks the upgrade rules") };
    return { hops: fallback, result: pathResult("error", err.problems, "no upgrade path could be planned; only the target was checked") };
  }
}

function pathResult(status: "fail" | "error", problems: string[], reason: string): CheckResult {
  return {
    ...PATH_CHECK,
    severity: "high",
    status,
    reason,
    findings: problems.map((message) => ({ message })),
    evidence: [],
    remediation: "Follow the upgrade path `preflight path --platform paloalto_panos --from <running> --to <target>` prints, or fix upgrade_path in the inventory.",
  };
}
