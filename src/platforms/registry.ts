// The platforms preflight can drive, by netmiko name: one line per plugin. The only place the core learns
// which vendors exist; everything about a vendor lives in its folder (docs/architecture.md).
import { aristaEos } from "./arista_eos/index.js";
import { ciscoNxos } from "./cisco_nxos/index.js";
import { juniperJunos } from "./juniper_junos/index.js";
import { fortinet } from "./fortinet/index.js";
import { frr } from "./frr/index.js";
import { ciscoIos } from "./cisco_ios/index.js";
import { ciscoXe } from "./cisco_xe/index.js";
import { linux } from "./linux/index.js";
import { paloaltoPanos } from "./paloalto_panos/index.js";
import type { DemoFleet, ParserEntry, PlatformPlugin, VersionOrdering } from "./types.js";

const PLUGINS: readonly PlatformPlugin[] = [paloaltoPanos, linux, aristaEos, ciscoNxos, juniperJunos, fortinet, frr, ciscoIos, ciscoXe];

const BY_NAME: ReadonlyMap<string, PlatformPlugin> = new Map(PLUGINS.map((p) => [p.name, p]));

export function platformPlugin(name: string): PlatformPlugin | undefined {
  return BY_NAME.get(name);
}

/** The session side of a plugin (what the transport needs); the same object. */
export const platformProfile = platformPlugin;

export function knownPlatforms(): string[] {
  return [...BY_NAME.keys()];
}

export function versionOrdering(platform: string): VersionOrdering | undefined {
  return BY_NAME.get(platform)?.versions;
}

const PARSERS = collectParsers();

/** Every plugin's parsers, by name (built once: evaluation looks a parser up for every gathered output). */
export function platformParsers(): ReadonlyMap<string, ParserEntry & { platform: string }> {
  return PARSERS;
}

/** A name two plugins both claim is a programming error: it fails at load, so every test catches it. */
function collectParsers(): ReadonlyMap<string, ParserEntry & { platform: string }> {
  const out = new Map<string, ParserEntry & { platform: string }>();
  for (const plugin of PLUGINS) {
    for (const [name, entry] of Object.entries(plugin.parsers ?? {})) {
      if (out.has(name)) throw new Error(`parser "${name}" is claimed by ${out.get(name)!.platform} and ${plugin.name}`);
      out.set(name, { ...entry, platform: plugin.name });
    }
  }
  return out;
}

/** The platforms whose upgrade-path rules preflight knows. */
export function platformsWithUpgradePaths(): string[] {
  return PLUGINS.filter((p) => p.upgradePaths).map((p) => p.name);
}

/** The platforms that bring a demo fleet; the first is the built-in default of `npm run demo`. */
export function platformsWithDemoFleets(): string[] {
  return PLUGINS.filter((p) => p.demoFleet).map((p) => p.name);
}

/** The demo fleet of `platform` (default: the first plugin that has one); throws, listing the choices, when none. */
export async function demoFleet(platform?: string): Promise<DemoFleet> {
  const name = platform ?? platformsWithDemoFleets()[0];
  const plugin = name === undefined ? undefined : BY_NAME.get(name);
  if (!plugin?.demoFleet) {
    throw new Error(`no demo fleet for platform "${name ?? ""}"; platforms with one: ${platformsWithDemoFleets().join(", ")}`);
  }
  return plugin.demoFleet();
}
