// The Cisco IOS XE plugin (netmiko: cisco_xe). IOS XE's CLI is IOS's (netmiko's CiscoXeSSH is its CiscoIosBase;
// scrapli drives both with one driver): the same prompts, session settings, errors, read-only policy and
// ntc-templates templates (ntc-templates files IOS XE captures under cisco_ios), so the session profile is
// cisco_ios's with its own name. What differs: the version ordering (16.12.4, 17.9.4a) and the boot mode, install
// (packages.conf) or bundle (a .bin), which the facts carry as bootMode.
import type { DeviceFacts } from "../../model/result.js";
import { ciscoIosProfile, ciscoIosVersionFacts } from "../cisco_ios/profile.js";
import type { PlatformPlugin } from "../types.js";
import { ciscoXeFeatureRelease, compareCiscoXeVersions, parseCiscoXeVersion } from "./version.js";

/** `show version` facts, with IOS XE's boot mode: install when the running image is a packages.conf. */
export function ciscoXeVersionFacts(output: string): DeviceFacts {
  const facts = ciscoIosVersionFacts(output);
  const image = facts.runningImage;
  if (image !== undefined) facts.bootMode = /(^|[/:])packages\.conf$/.test(image) ? "install" : /\.bin$/.test(image) ? "bundle" : undefined;
  return facts;
}

export const ciscoXe: PlatformPlugin = {
  ...ciscoIosProfile,
  name: "cisco_xe",
  label: "Cisco IOS XE",
  facts: [{ command: "show version", parse: ciscoXeVersionFacts }],
  versions: { parse: parseCiscoXeVersion, compare: compareCiscoXeVersions, featureRelease: ciscoXeFeatureRelease },
  simulator: async () => {
    const cli = await import("../cisco_ios/simulator/cli.js");
    return { runShell: cli.runCiscoIosShell, runExec: cli.runCiscoIosExec };
  },
};
