// The FortiOS plugin (netmiko: fortinet): session profile, read-only policy, secrets, facts from
// `get system status` and `get system performance status`, version ordering, the parsers for FortiOS's text
// outputs (HA status, performance, BGP summary, transceivers) and the simulated FortiGate, as one PlatformPlugin.
import type { PlatformPlugin } from "../types.js";
import { parseFortiosBgpSummary } from "./parsers/bgp-summary.js";
import { parseFortiosHaStatus } from "./parsers/ha-status.js";
import { parseFortiosPerformance } from "./parsers/performance.js";
import { parseFortiosTransceivers } from "./parsers/transceivers.js";
import { fortinetProfile } from "./profile.js";
import { compareFortiosVersions, fortiosFeatureRelease, parseFortiosVersion } from "./version.js";

const NO_OPTIONS = { type: "object", additionalProperties: false } as const;

export const fortinet: PlatformPlugin = {
  ...fortinetProfile,
  versions: { parse: parseFortiosVersion, compare: compareFortiosVersions, featureRelease: fortiosFeatureRelease },
  parsers: {
    "fortios-ha-status": { parse: parseFortiosHaStatus, optionsSchema: NO_OPTIONS },
    "fortios-performance": { parse: parseFortiosPerformance, optionsSchema: NO_OPTIONS },
    "fortios-bgp-summary": { parse: parseFortiosBgpSummary, optionsSchema: NO_OPTIONS },
    "fortios-transceivers": { parse: parseFortiosTransceivers, optionsSchema: NO_OPTIONS },
  },
  simulator: async () => ({ runShell: (await import("./simulator/cli.js")).runFortiosShell }),
};
