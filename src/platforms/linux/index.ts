// The Linux plugin (netmiko: linux): the smallest complete platform, proof that adding one is one folder plus a
// line in the registry: session profile and policy, facts, kernel version ordering, and a simulated host.
import type { PlatformPlugin } from "../types.js";
import { linuxProfile } from "./profile.js";
import { compareLinuxVersions, linuxFeatureRelease, parseLinuxVersion } from "./version.js";

export const linux: PlatformPlugin = {
  ...linuxProfile,
  versions: { parse: parseLinuxVersion, compare: compareLinuxVersions, featureRelease: linuxFeatureRelease },
  simulator: async () => {
    const cli = await import("./simulator/cli.js");
    return { runShell: cli.runLinuxShell, runExec: cli.runLinuxExec };
  },
};
