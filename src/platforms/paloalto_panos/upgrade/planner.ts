// The PAN-OS upgrade-path planner as the plugin contract offers it: the rules loaded and checked once, then
// planning, checking a user's path and printing, all pure functions of those rules.
import type { PathPlanner, UpgradePaths } from "../../types.js";
import { formatPath } from "./format.js";
import { explicitPath, planPanosPath } from "./plan.js";
import { loadUpgradeRules, type UpgradeRules } from "./rules.js";

export function panosPathPlanner(rules: UpgradeRules): PathPlanner {
  return {
    plan: (from, to, options = {}) => planPanosPath(from, to, rules, { maintenance: options.maintenance ?? "latest-known", ...(options.ha ? { ha: true } : {}) }),
    check: (from, path, to, options = {}) => explicitPath(from, path, to, rules, options.ha ? { ha: true } : {}),
    format: (path) => formatPath(path, rules),
    remediation: "Follow the upgrade path `preflight path --platform paloalto_panos --from <running> --to <target>` prints, or fix upgrade_path in the inventory.",
  };
}

export const panosUpgradePaths: UpgradePaths = {
  load: async (file) => panosPathPlanner(await loadUpgradeRules(file)),
};
