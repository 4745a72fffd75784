// `preflight path`: prints the releases a PAN-OS firewall boots on its way to a target, why each one (rule text
// and source), and the images to download. formatPath is a pure function of the path and the rules; pathCommand
// is the command body the CLI wires in, returning the exit code (0 printed, 3 bad input).
import { EXIT } from "../../../model/status.js";
import { formatDiagnostic, InputError } from "../../../util/diagnostics.js";
import { explicitPath, PathError, planPanosPath, type MaintenanceMode, type UpgradePath } from "./plan.js";
import { loadUpgradeRules, ruleById, type UpgradeRules } from "./rules.js";

export const PATH_PLATFORM = "paloalto_panos";

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

export interface PathCommandArgs {
  platform: string;
  from: string;
  to: string;
  /** An explicit path to validate instead of planning one, ending at `to`. */
  path?: string[];
  maintenance?: MaintenanceMode;
  ha?: boolean;
  /** Another upgrade-path data file than the shipped one. */
  rulesFile?: string;
}

export interface PathCommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export async function pathCommand(args: PathCommandArgs, io: PathCommandIo): Promise<number> {
  if (args.platform !== PATH_PLATFORM) {
    io.stderr.write(`preflight path: upgrade paths are known for ${PATH_PLATFORM} only, not "${args.platform}"\n`);
    return EXIT.badInput;
  }
  let rules: UpgradeRules;
  try {
    rules = await loadUpgradeRules(args.rulesFile);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    for (const d of err.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
    io.stderr.write(`preflight path: the upgrade-path data has ${err.diagnostics.length} problem(s)\n`);
    return EXIT.badInput;
  }
  try {
    const ha = args.ha ?? false;
    const path = args.path
      ? explicitPath(args.from, args.path, args.to, rules, { ha })
      : planPanosPath(args.from, args.to, rules, { ha, maintenance: args.maintenance ?? "latest-known" });
    io.stdout.write(formatPath(path, rules));
    return EXIT.ready;
  } catch (err) {
    if (!(err instanceof PathError)) throw err;
    for (const problem of err.problems) io.stderr.write(`preflight path: ${problem}\n`);
    return EXIT.badInput;
  }
}
