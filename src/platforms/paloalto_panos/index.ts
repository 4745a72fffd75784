// The PAN-OS plugin (netmiko: paloalto_panos): session profile, read-only policy, secrets, facts, version
// ordering, the system-state parsers, the upgrade-path planner and the simulated firewall, as one PlatformPlugin.
import type { PlatformPlugin } from "../types.js";
import { parsePanosPhy } from "./parsers/phy.js";
import { parsePanosSystemState } from "./parsers/system-state.js";
import { parsePanosXmlResponse } from "./parsers/xml-response.js";
import { panos } from "./profile.js";
import { panosUpgradePaths } from "./upgrade/planner.js";
import { comparePanosVersions, featureRelease, parsePanosVersion } from "./version.js";

export const paloaltoPanos: PlatformPlugin = {
  ...panos,
  versions: { parse: parsePanosVersion, compare: comparePanosVersions, featureRelease },
  parsers: {
    "panos-phy": { parse: parsePanosPhy, optionsSchema: { type: "object", additionalProperties: false } },
    "panos-xml": { parse: parsePanosXmlResponse, optionsSchema: { type: "object", additionalProperties: false } },
    "panos-system-state": {
      parse: parsePanosSystemState,
      optionsSchema: { type: "object", additionalProperties: false, properties: { convertNumbers: { type: "boolean" } } },
    },
  },
  upgradePaths: panosUpgradePaths,
  simulator: async () => ({ runShell: (await import("./simulator/cli.js")).runPanosShell }),
  demoFleet: async () => {
    const fleet = await import("./simulator/demo-fleet.js");
    return {
      describe: (count) => `${count} simulated PAN-OS firewalls`,
      specs: fleet.demoFleetSpecs,
      expected: fleet.expectedDemoOutcome,
      targetVersion: "10.2.4-h4",
      // The incident's audit: unsupported optics on every release of the path. The rest of the PAN-OS suite runs
      // in the known-problems fleet test (test/scenarios), whose devices answer every suite command.
      checks: ["panos-transceivers-supported"],
    };
  },
};
