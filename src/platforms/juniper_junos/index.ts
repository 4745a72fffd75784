// The Juniper Junos plugin (netmiko: juniper_junos): session profile, read-only policy, secrets, facts from
// `show version` and `show chassis hardware`, version ordering, the `show chassis hardware` parser and the
// `| display xml` parsers (BGP summary, routing engines, system storage), the simulated router/firewall and its
// demo fleet, as one PlatformPlugin.
import type { PlatformPlugin } from "../types.js";
import { parseJunosChassisHardware } from "./parsers/chassis-hardware.js";
import { parseJunosBgpSummary, parseJunosRouteEngines, parseJunosSystemStorage } from "./parsers/xml-reply.js";
import { juniperJunosProfile } from "./profile.js";
import { compareJunosVersions, junosFeatureRelease, parseJunosVersion } from "./version.js";

const NO_OPTIONS = { type: "object", additionalProperties: false } as const;

export const juniperJunos: PlatformPlugin = {
  ...juniperJunosProfile,
  versions: { parse: parseJunosVersion, compare: compareJunosVersions, featureRelease: junosFeatureRelease },
  parsers: {
    "junos-chassis-hardware": { parse: parseJunosChassisHardware, optionsSchema: NO_OPTIONS },
    "junos-bgp-summary": { parse: parseJunosBgpSummary, optionsSchema: NO_OPTIONS },
    "junos-route-engines": { parse: parseJunosRouteEngines, optionsSchema: NO_OPTIONS },
    "junos-system-storage": { parse: parseJunosSystemStorage, optionsSchema: NO_OPTIONS },
  },
  simulator: async () => ({ runShell: (await import("./simulator/cli.js")).runJunosShell }),
  demoFleet: async () => {
    const fleet = await import("./simulator/demo-fleet.js");
    return {
      describe: (count) => `${count} simulated Juniper Junos routers and firewalls`,
      specs: fleet.junosDemoFleetSpecs,
      expected: fleet.expectedJunosDemoOutcome,
      targetVersion: fleet.JUNOS_DEMO_TARGET,
      checks: ["junos-*"],
    };
  },
};
