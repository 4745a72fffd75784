// Cisco IOS and IOS XE devices over SSH (netmiko: cisco_ios): `host>`/`host#` prompts, `terminal length 0` so
// nothing pages, the `% Invalid input` family of errors, and a read-only policy of `show` commands only. Facts
// come from `show version` through the ntc-templates TextFSM template cisco_ios_show_version.
import type { DeviceFacts } from "../../model/result.js";
import { bundledLibrary } from "../../textfsm/library.js";
import { parseText } from "../../textfsm/parse.js";
import type { PlatformProfile, ReadOnlyVerdict } from "../types.js";

export function ciscoIosIsReadOnly(command: string): ReadOnlyVerdict {
  if (/[\r\n]/.test(command)) return { ok: false, reason: "commands must be a single line" };
  if (/[^\x20-\x7e]/.test(command)) return { ok: false, reason: "commands may contain printable ASCII characters only" };
  const cmd = command.trim().replace(/ +/g, " ");
  if (cmd === "") return { ok: false, reason: "the command is empty" };
  // `| redirect`, `| tee` and `| append` write files; other output modifiers only filter, but none is needed here.
  if (cmd.includes("|")) return { ok: false, reason: "output modifiers (| ...) are not allowed: `| redirect`, `| tee` and `| append` write to the device's file systems" };
  if (/^sh(o(w)?)? \S/.test(cmd)) return { ok: true };
  return { ok: false, reason: `only show commands are run on Cisco IOS, not "${cmd.split(" ")[0]}"` };
}

/** `show version` through cisco_ios_show_version: hostname, software version, model and serial. */
export function ciscoIosVersionFacts(output: string): DeviceFacts {
  const record = parseText([bundledLibrary().template("cisco_ios_show_version")], output, { clitable: true })[0];
  if (!record || !record.version) throw new Error(`not the output of show version: "${output.trim().slice(0, 80)}"`);
  const first = (v: unknown) => (Array.isArray(v) ? (v[0] as string | undefined) : typeof v === "string" && v ? v : undefined);
  return {
    ...(first(record.hostname) ? { hostname: first(record.hostname) } : {}),
    softwareVersion: record.version as string,
    ...(first(record.hardware) ? { model: first(record.hardware) } : {}),
    ...(first(record.serial) ? { serial: first(record.serial) } : {}),
  };
}

export const ciscoIosProfile: PlatformProfile = {
  name: "cisco_ios",
  label: "Cisco IOS",
  promptPattern: /(?:^|\n)[\w.:/-]+[>#] ?$/,
  sessionSetup: ["terminal length 0", "terminal width 511"],
  errorPatterns: [/^% Invalid input detected/m, /^% Incomplete command/m, /^% Ambiguous command/m, /^% Unknown command/m],
  pagerPattern: /(?:^|\n) ?--More-- ?$/,
  bannerPattern: /(?!)/,
  bannerAnswer: "",
  isReadOnly: ciscoIosIsReadOnly,
  isSessionSetting: (command) => /^term(inal)? (len(gth)?|wid(th)?) /.test(command.trim()),
  // `show running-config` prints passwords, secrets, keys and SNMP communities: keep the keyword, drop the value.
  redactSecrets: (output) => output.replace(/^(\s*(?:enable (?:password|secret)|username \S+(?: privilege \d+)? (?:password|secret)|password|secret|key-string|pre-shared-key|snmp-server community|tacacs-server key|radius-server key)(?: \d)? )\S+/gm, "$1<redacted>"),
  outputModes: {},
  facts: [{ command: "show version", parse: ciscoIosVersionFacts }],
};
