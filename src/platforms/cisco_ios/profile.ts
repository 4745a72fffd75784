// Cisco IOS and IOS XE devices over SSH (netmiko: cisco_ios): `host>`/`host#` prompts, `terminal length 0` so
// nothing pages, the `% Invalid input` family of errors, and a read-only policy of `show` commands only. Facts
// come from `show version` through the ntc-templates TextFSM template cisco_ios_show_version.
import type { DeviceFacts } from "../../model/result.js";
import { bundledLibrary } from "../../textfsm/library.js";
import { parseText } from "../../textfsm/parse.js";
import type { PlatformProfile, ReadOnlyVerdict } from "../types.js";

// Commands that only change this CLI session (netmiko's session_preparation and scrapli's on_open send these two).
const SESSION_SETTINGS = /^terminal (length 0|width \d{1,3})$/;

// Output modifiers that only filter what the command printed, in any abbreviation IOS accepts (`| i`, `| inc`,
// `| s`, `| b`, `| e`, `| c`). `| redirect`, `| tee` and `| append` write files and `| format` reads a spec file:
// none of their abbreviations starts like a filter, so a prefix of a filter is never one of them.
const FILTERS = ["include", "exclude", "begin", "section", "count"];

// `dir` with optional flags and one file system path: it lists, nothing else.
const DIR = /^dir( \/(all|recursive))*( [a-z][\w-]*:[\w./-]*)?$/;

// Verbs a reader might take for harmless, with why each is refused (the reason is what the user reads). IOS
// accepts any unique prefix, so a command's first word is matched as an abbreviation of these too.
const REFUSED_VERBS: Record<string, string> = {
  configure: "enters configuration mode",
  write: "saves, erases or prints the configuration to the network",
  copy: "writes a file or a configuration",
  reload: "restarts the device",
  delete: "deletes files",
  erase: "erases a file system",
  format: "formats a file system",
  squeeze: "reclaims flash space by erasing deleted files",
  request: "runs platform actions (IOS XE: request platform software ... install, reload, clean)",
  install: "installs, activates or removes software (IOS XE install mode)",
  archive: "writes configuration archives or installs images (archive download-sw / config)",
  send: "sends messages to other lines",
  clear: "clears counters, sessions or state",
  debug: "changes the device's debugging and can load the CPU",
  undebug: "changes the device's debugging",
  test: "runs hardware and platform tests",
  enable: "raises the session's privilege and asks for the enable secret, which preflight does not hold: give the audit account privilege 15 (it then logs in at #)",
  disable: "changes the session's privilege",
  terminal: "changes the session; preflight sets the length and the width itself",
  license: "changes the licences",
  crypto: "generates or deletes keys and certificates",
  tclsh: "starts a Tcl shell, where anything can run",
  event: "runs Embedded Event Manager policies",
  do: "runs an exec command from configuration mode",
  rename: "renames files",
  mkdir: "creates directories",
  rmdir: "removes directories",
  more: "reads files; preflight only sends show and dir",
  verify: "computes file hashes (slow on a busy device); preflight only sends show and dir",
  monitor: "starts a packet capture or a live display",
  upgrade: "upgrades software or ROMMON",
  hw_module: "power-cycles or resets modules",
  "hw-module": "power-cycles or resets modules",
  redundancy: "forces switchovers and reloads of the standby",
  ping: "sends traffic; preflight only sends show and dir",
  traceroute: "sends traffic; preflight only sends show and dir",
  telnet: "opens a session to another device",
  ssh: "opens a session to another device",
  connect: "opens a session to another device",
  setup: "starts the configuration dialogue",
};

const isAbbreviation = (word: string, full: string, min = 1): boolean => word.length >= min && full.startsWith(word);

export function ciscoIosIsSessionSetting(command: string): boolean {
  return SESSION_SETTINGS.test(command.trim().replace(/ +/g, " "));
}

/**
 * What may be sent to an IOS or IOS XE device: `show ...` (also as `sh`/`sho`) with at most one filtering output
 * modifier, `dir`, and the two session settings. Everything else is refused with the reason.
 */
export function ciscoIosIsReadOnly(command: string): ReadOnlyVerdict {
  if (/[\r\n]/.test(command)) return { ok: false, reason: "commands must be a single line" };
  // Typed into an interactive CLI: a control character, a tab (completion) or `?` (help) could edit the line.
  if (/[^\x20-\x7e]/.test(command)) return { ok: false, reason: "commands may contain printable ASCII characters only (no control characters, tabs or non-ASCII)" };
  if (command.includes("?")) return { ok: false, reason: "a ? asks the CLI for help and leaves the line half typed" };
  const cmd = command.trim().replace(/ +/g, " ");
  if (cmd === "") return { ok: false, reason: "the command is empty" };
  if (SESSION_SETTINGS.test(cmd)) return { ok: true };
  const [base = "", ...pipes] = cmd.split("|").map((s) => s.trim());
  if (pipes.length > 1) return { ok: false, reason: "only one output modifier (| ...) is allowed" };
  for (const pipe of pipes) {
    const word = (pipe.split(" ")[0] ?? "").toLowerCase();
    if (!FILTERS.some((f) => isAbbreviation(word, f)) || pipe === word) {
      return { ok: false, reason: `"| ${pipe}" is not a read-only output filter (allowed: ${FILTERS.join(", ")} with a pattern); | redirect, | tee and | append write files` };
    }
  }
  const verb = (base.split(" ")[0] ?? "").toLowerCase();
  if (isAbbreviation(verb, "show", 2)) {
    if (base.split(" ").length < 2) return { ok: false, reason: "show what? the command is incomplete" };
    return { ok: true };
  }
  if (verb === "dir") return DIR.test(base) ? { ok: true } : { ok: false, reason: `"${base}" is not a plain directory listing (dir [/all] [/recursive] [<filesystem>:<path>])` };
  const refused = Object.keys(REFUSED_VERBS).find((v) => isAbbreviation(verb, v, Math.min(2, v.length)));
  if (refused) return { ok: false, reason: `"${verb}" (${refused}) ${REFUSED_VERBS[refused]}; only "show" and "dir" commands are sent to an IOS device` };
  return { ok: false, reason: `"${verb}" is not a read-only IOS command; only "show" and "dir" commands are sent` };
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
    ...(typeof record.uptime === "string" && record.uptime ? { uptime: record.uptime } : {}),
    ...(typeof record.running_image === "string" && record.running_image ? { runningImage: record.running_image } : {}),
    ...(typeof record.config_register === "string" && record.config_register ? { configRegister: record.config_register } : {}),
  };
}

export const ciscoIosProfile: PlatformProfile = {
  name: "cisco_ios",
  label: "Cisco IOS",
  // host> (user exec) and host# (privileged exec), as netmiko's cisco_ios driver and scrapli's
  // scrapli/driver/core/cisco_iosxe (privilege levels exec, privilege_exec) recognise them. Configuration mode
  // (host(config)#, host(config-if)#) is deliberately not a prompt: preflight never works in it, so a session
  // that lands there (an EEM applet, a misconfigured autocommand) ends at the command timeout instead of being
  // driven.
  promptPattern: /(?:^|\n)[\w.:/-]{1,63}[>#] ?$/,
  sessionSetup: ["terminal length 0", "terminal width 511"],
  // scrapli's failed_when_contains for IOS XE (% Ambiguous command, % Incomplete command, % Invalid input
  // detected, % Unknown command) and what IOS prints for a command an account may not run.
  errorPatterns: [/^\s*% (?:Invalid input detected|Incomplete command|Ambiguous command|Unknown command|Unrecognized command|Authorization failed|Permission denied|Command authorization failed)/m],
  pagerPattern: /(?:^|\n) ?--More-- ?$/,
  bannerPattern: /(?!)/,
  bannerAnswer: "",
  isReadOnly: ciscoIosIsReadOnly,
  isSessionSetting: ciscoIosIsSessionSetting,
  // `show running-config` prints passwords, secrets, keys and SNMP communities: keep the keyword, drop the value.
  redactSecrets: (output) => output.replace(/^(\s*(?:enable (?:password|secret)|username \S+(?: privilege \d+)? (?:password|secret)|password|secret|key-string|pre-shared-key|snmp-server community|tacacs-server key|radius-server key)(?: \d)? )\S+/gm, "$1<redacted>"),
  outputModes: {},
  facts: [{ command: "show version", parse: ciscoIosVersionFacts }],
};
