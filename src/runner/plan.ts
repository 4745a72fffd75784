// The plan: for each selected device, the checks that apply to its platform and the union of the commands
// they need (device facts first), each command once, in a stable order.
import type { LoadedCheck } from "../checks/types.js";
import type { Device } from "../inventory/types.js";
import { platformProfile } from "../platforms/registry.js";
import type { PlatformProfile } from "../platforms/types.js";

export interface DevicePlan {
  device: Device;
  profile: PlatformProfile;
  checks: LoadedCheck[];
  commands: string[];
  targetVersion?: string;
}

export function planDevice(device: Device, checks: readonly LoadedCheck[], targetOverride?: string): DevicePlan {
  const profile = platformProfile(device.platform);
  if (!profile) throw new Error(`no platform profile for "${device.platform}"`); // inventory validation prevents this
  const mine = checks.filter((c) => c.definition.platforms.includes(device.platform));
  const commands = [profile.facts.command];
  for (const check of mine) {
    for (const spec of Object.values(check.definition.gather)) {
      if (!commands.includes(spec.command)) commands.push(spec.command);
    }
  }
  return { device, profile, checks: mine, commands, targetVersion: targetOverride ?? device.targetVersion };
}
