// The plan: for each selected device, the checks that apply to its platform and the union of the commands
// they need (device facts first), each command once, in a stable order.
import type { LoadedCheck } from "../checks/types.js";
import type { Device } from "../inventory/types.js";
import { platformProfile } from "../platforms/registry.js";
import type { PathPlanner, PlatformProfile } from "../platforms/types.js";

/** A command to gather and the output mode to run it in. */
export interface PlannedCommand {
  command: string;
  output: "text" | "xml";
}

export interface DevicePlan {
  device: Device;
  profile: PlatformProfile;
  checks: LoadedCheck[];
  /** Text commands first (device facts first of all), then those in XML mode: one mode switch at most. */
  commands: PlannedCommand[];
  targetVersion?: string;
  /** An explicit path (--path or inventory upgrade_path); otherwise one is planned from the running version. */
  explicitPath?: string[];
  /** The platform's upgrade-path planner, when preflight knows its rules. */
  pathPlanner?: PathPlanner;
  /** --strict-path: an explicit path that breaks the rules is refused; the device's checks are not evaluated. */
  strictPath?: boolean;
}

export interface PlanOverrides {
  targetVersion?: string;
  path?: string[];
  /** Upgrade-path planners by platform, loaded before planning. */
  pathPlanners?: ReadonlyMap<string, PathPlanner>;
  strictPath?: boolean;
}

export function planDevice(device: Device, checks: readonly LoadedCheck[], overrides: PlanOverrides | string = {}): DevicePlan {
  const o: PlanOverrides = typeof overrides === "string" ? { targetVersion: overrides } : overrides;
  const profile = platformProfile(device.platform);
  if (!profile) throw new Error(`no platform profile for "${device.platform}"`); // inventory validation prevents this
  const mine = checks.filter((c) => c.definition.platforms.includes(device.platform));
  const commands: PlannedCommand[] = profile.facts.map((f) => ({ command: f.command, output: "text" as const }));
  for (const check of mine) {
    for (const spec of Object.values(check.definition.gather)) {
      const output = spec.output ?? "text";
      if (!commands.some((c) => c.command === spec.command && c.output === output)) commands.push({ command: spec.command, output });
    }
  }
  commands.sort((a, b) => (a.output === b.output ? 0 : a.output === "text" ? -1 : 1));
  // --path wins; the inventory's path only while it leads to the target in force (a --target-version given on
  // the command line for another release replaces it with a planned path).
  const inventoryPath = device.upgradePath?.length && (!o.targetVersion || device.upgradePath[device.upgradePath.length - 1] === o.targetVersion) ? device.upgradePath : undefined;
  const explicit = o.path ?? inventoryPath;
  const targetVersion = o.targetVersion ?? (o.path ? o.path[o.path.length - 1] : undefined) ?? device.targetVersion;
  return {
    device,
    profile,
    checks: mine,
    commands,
    ...(targetVersion ? { targetVersion } : {}),
    ...(explicit?.length ? { explicitPath: explicit } : {}),
    ...(o.pathPlanners?.has(device.platform) ? { pathPlanner: o.pathPlanners.get(device.platform)! } : {}),
    ...(o.strictPath ? { strictPath: true } : {}),
  };
}
