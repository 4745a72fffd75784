// The Cisco IOS plugin (netmiko: cisco_ios): session profile and show-only policy, `show version` facts read with
// the ntc-templates TextFSM template, the IOS version ordering, and a simulated device.
import type { PlatformPlugin } from "../types.js";
import { ciscoIosProfile } from "./profile.js";
import { ciscoIosFeatureRelease, compareCiscoIosVersions, parseCiscoIosVersion } from "./version.js";

export const ciscoIos: PlatformPlugin = {
  ...ciscoIosProfile,
  versions: { parse: parseCiscoIosVersion, compare: compareCiscoIosVersions, featureRelease: ciscoIosFeatureRelease },
  simulator: async () => {
    const cli = await import("./simulator/cli.js");
    return { runShell: cli.runCiscoIosShell, runExec: cli.runCiscoIosExec };
  },
};
