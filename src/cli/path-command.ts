// `preflight path`: the releases a device boots between two versions, each with the rule (and its source) that
// makes it necessary, and the images to download, from the platform plugin's upgrade-path planner. Exit 0 printed,
// 3 bad input (unknown platform, bad rules data, a path that cannot be planned or breaks the rules).
import { EXIT } from "../model/status.js";
import { platformPlugin, platformsWithUpgradePaths } from "../platforms/registry.js";
import { PathError, type PathPlanner } from "../platforms/types.js";
import { formatDiagnostic, InputError } from "../util/diagnostics.js";
import type { CliIo } from "./io.js";

export interface PathCommandArgs {
  /** Default: the one platform whose upgrade paths preflight knows, when there is exactly one. */
  platform?: string;
  from: string;
  to: string;
  /** An explicit path to validate instead of planning one, ending at `to`. */
  path?: string[];
  maintenance?: "latest-known" | "none";
  ha?: boolean;
  /** Another upgrade-path data file than the shipped one. */
  rulesFile?: string;
}

export async function pathCommand(args: PathCommandArgs, io: Pick<CliIo, "stdout" | "stderr">): Promise<number> {
  const known = platformsWithUpgradePaths();
  const platform = args.platform ?? (known.length === 1 ? known[0] : undefined);
  const paths = platform ? platformPlugin(platform)?.upgradePaths : undefined;
  if (!platform || !paths) {
    io.stderr.write(`preflight path: upgrade paths are known for ${known.join(", ")} only${platform ? `, not "${platform}"` : "; give --platform"}\n`);
    return EXIT.badInput;
  }
  let planner: PathPlanner;
  try {
    planner = await paths.load(args.rulesFile);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    for (const d of err.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
    io.stderr.write(`preflight path: the upgrade-path data has ${err.diagnostics.length} problem(s)\n`);
    return EXIT.badInput;
  }
  try {
    const ha = args.ha ?? false;
    const path = args.path ? planner.check(args.from, args.path, args.to, { ha }) : planner.plan(args.from, args.to, { ha, maintenance: args.maintenance ?? "latest-known" });
    io.stdout.write(planner.format(path));
    return EXIT.ready;
  } catch (err) {
    if (!(err instanceof PathError)) throw err;
    for (const problem of err.problems) io.stderr.write(`preflight path: ${problem}\n`);
    return EXIT.badInput;
  }
}
