// Platforms preflight can drive, by netmiko name.
import { panos } from "./paloalto_panos/profile.js";
import type { PlatformProfile } from "./types.js";

const PLATFORMS: ReadonlyMap<string, PlatformProfile> = new Map([[panos.name, panos]]);

export function platformProfile(name: string): PlatformProfile | undefined {
  return PLATFORMS.get(name);
}

export function knownPlatforms(): string[] {
  return [...PLATFORMS.keys()];
}
