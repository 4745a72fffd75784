// The plan: for each selected device, the checks that apply to its platform and the union of the commands
// they need (device facts first), each command once, in a stable order.
import type { LoadedCheck } from "../checks/types.js";
import type { Device } from "../inventory/types.js";
import { platformProfile } from "../platforms/registry.js";
import type { PlatformProfile } from "../platforms/types.js";
import type { UpgradeRules } from "../paths/rules.js";

export interface DevicePlan {
  device: Device;
  profile: PlatformProfile;
  checks: LoadedCheck[];
  commands: string[];
  targetVersion?: string;
  /** An explicit path (--path or inventory upgrade_path); otherwise one is planned from the running version. */
  explicitPath?: string[];
  /** Upgrade-path rules for the platform, when preflight knows them. */
  pathRules?: UpgradeRules;
}

export interface PlanOverrides {
  targetVersion?: string;
  path?: string[];
  pathRules?: UpgradeRules;
}

export function planDevice(device: Device, checks: readonly LoadedCheck[], overrides: PlanOverrides | string = {}): DevicePlan {
  const o: PlanOverrides = typeof overrides === "string" ? { targetVersion: overrides } : overrides;
  const profile = platformProfile(device.platform);
  if (!profile) throw new Error(`no platform profile for "${device.platform}"`); // inventory validation prevents this
  const mine = checks.filter((c) => c.definition.platforms.includes(device.platform));
  const commands = [profile.facts.command];
  for (const check of mine) {
    for (const spec of Object.values(check.definition.gather)) {
      if (!commands.includes(spec.command)) commands.push(spec.command);
    }
  }
  const explicit = o.path ?? device.upgradePath;
  const targetVersion = o.targetVersion ?? (o.path ? o.path[o.path.length - 1] : undefined) ?? device.targetVersion;
  return {
    device,
    profile,
    checks: mine,
    commands,
    ...(targetVersion ? { targetVersion } : {}),
    ...(explicit?.length ? { explicitPath: explicit } : {}),
    ...(o.pathRules && device.platform === "paloalto_panos" ? { pathRules: o.pathRules } : {}),
  };
}
