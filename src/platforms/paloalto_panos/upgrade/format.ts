// How `preflight path` prints a PAN-OS upgrade path: the releases a firewall boots on its way to a target, why
// each one (rule text and source), and the images to download. A pure function of the path and the rules.
import type { UpgradePath } from "./plan.js";
import { ruleById, type UpgradeRules } from "./rules.js";

export function formatPath(path: UpgradePath, rules: UpgradeRules): string {
  if (path.hops.length === 0) return `PAN-OS ${path.from} -> ${path.to}: the device already runs the target; nothing to install.\n`;
  const lines = [`PAN-OS upgrade path ${path.from} -> ${path.to}: ${path.hops.length} reboot(s)`, ""];
  const cited = new Set<string>();
  path.hops.forEach((hop, i) => {
    const rule = ruleById(rules, hop.rule);
    lines.push(`${String(i + 1).padStart(2)}. boot ${hop.version}  (feature release ${hop.featureRelease})${i === path.hops.length - 1 ? "  <- target" : ""}`);
    lines.push(`    why: ${hop.reason}`);
    if (rule) {
      lines.push(`    rule ${rule.id}: ${rule.text}`);
      for (const id of rule.sources) cited.add(id);
    }
  });
  lines.push("", "downloads, in order:");
  for (const version of path.downloads) {
    const base = rules.releases.find((r) => r.base === version);
    const booted = path.hops.some((h) => h.version === version);
    const notes = [base && !booted ? "base image, download only" : "", base?.baseConfidence === "unverified" ? "base image not verified: see the data file" : ""].filter(Boolean);
    lines.push(`  ${version}${notes.length ? `  (${notes.join("; ")})` : ""}`);
  }
  lines.push("", "sources:");
  for (const id of cited) {
    const source = rules.sources.get(id);
    if (source) lines.push(`  [${id}] ${source.title}, ${source.url} (retrieved ${source.retrieved})`);
  }
  lines.push(`rules from ${rules.file}`);
  return `${lines.join("\n")}\n`;
}
