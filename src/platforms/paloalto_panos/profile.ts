// PAN-OS (netmiko: paloalto_panos): prompt, session set-up, CLI errors, banner and the read-only policy.
import type { DeviceFacts } from "../../model/result.js";
import { parseKeyValue } from "../../parse/key-value.js";
import type { PlatformProfile, ReadOnlyVerdict } from "../types.js";

// Operational commands that start with a verb other than `show` but only read. Everything else that is not
// `show ...` is refused: `request`, `debug`, `test`, `clear`, `set`, `delete`, `configure`, `commit`, ...
const READ_ONLY_EXCEPTIONS = [
  /^request license info$/,
  /^check pending-changes$/,
  /^request system software info$/,
  /^request content upgrade info$/,
  /^request anti-virus upgrade info$/,
  /^request wildfire upgrade info$/,
];

// `show` subcommands that act rather than show. None exists in PAN-OS today; the list is the place to add one.
const SHOW_THAT_WRITES: RegExp[] = [];

// `set cli ...` settings that change only this CLI session (pager, scripting mode, width, XML output), never the
// device's configuration or state.
const SESSION_SETTINGS = /^set cli (pager (on|off)|scripting-mode (on|off)|terminal (width|height) \d+|op-command-xml-output (on|off))$/;

export function panosIsSessionSetting(command: string): boolean {
  return SESSION_SETTINGS.test(command.trim().replace(/\s+/g, " "));
}

export function panosIsReadOnly(command: string): ReadOnlyVerdict {
  const cmd = command.trim().replace(/ +/g, " ");
  if (/[\r\n]/.test(command)) return { ok: false, reason: "commands must be a single line" };
  // The command is typed into an interactive CLI: a control character (backspace, Ctrl-U, an escape sequence)
  // or a tab (completion) could edit the line after this check, so only printable ASCII is sent.
  if (/[^\x20-\x7e]/.test(command)) return { ok: false, reason: "commands may contain printable ASCII characters only (no control characters, tabs or non-ASCII)" };
  if (cmd === "") return { ok: false, reason: "the command is empty" };
  if (SESSION_SETTINGS.test(cmd)) return { ok: true };
  // Output filters (| match, | except) only read; anything else after a pipe is refused.
  const [base, ...pipes] = cmd.split("|").map((s) => s.trim());
  for (const pipe of pipes) {
    if (!/^(match|except) \S/.test(pipe)) return { ok: false, reason: `"| ${pipe}" is not a read-only output filter` };
  }
  const head = base ?? "";
  if (/^show( |$)/.test(head)) {
    if (SHOW_THAT_WRITES.some((re) => re.test(head))) return { ok: false, reason: `"${head}" changes the device` };
    return { ok: true };
  }
  if (READ_ONLY_EXCEPTIONS.some((re) => re.test(head))) return { ok: true };
  const verb = head.split(" ")[0];
  if (/^show$/i.test(verb ?? "")) return { ok: false, reason: "PAN-OS commands are lower case" };
  return { ok: false, reason: `"${verb}" commands can change a PAN-OS device; only "show" and known read-only commands are allowed` };
}

function panosFacts(output: string): DeviceFacts {
  const kv = parseKeyValue(output) as Record<string, string>;
  const facts: DeviceFacts = {
    hostname: kv["hostname"],
    model: kv["model"],
    serial: kv["serial"],
    softwareVersion: kv["sw-version"],
  };
  for (const [from, to] of [["uptime", "uptime"], ["family", "family"], ["app-version", "appVersion"], ["threat-version", "threatVersion"], ["ip-address", "managementIp"]] as const) {
    if (kv[from] !== undefined && kv[from] !== "") facts[to] = kv[from];
  }
  return facts;
}

export const REDACTED = "[redacted by preflight]";

// Configuration values that are secrets (even encrypted ones): private keys, password hashes, pre-shared and
// shared keys, LDAP bind passwords, RADIUS/TACACS secrets, NTP authentication keys, SNMP credentials, API keys.
// `show config running` prints them in XML, JSON, brace (the default) or set format; nothing preflight keeps
// (evidence, captures, reports) may contain them. `public-key` is not a secret (certificates are checked).
const SECRET_NAMES = "private-key|phash|password|[\\w-]*-password|passphrase|secret|[\\w-]*-secret|key|auth-key|authentication-key|pre-shared-key|api-key|authpwd|privpwd|community";
const SECRET_XML = new RegExp(`<(${SECRET_NAMES})((?:\\s[^>]*)?)>([^<]+)</\\1>`, "g");
const SECRET_JSON = new RegExp(`("(?:${SECRET_NAMES})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, "g");
// Brace format `phash $1$...;` and set format `... phash $1$...`: the name as a word, then its value.
const SECRET_WORD = new RegExp(`((?:^|\\s)(?:${SECRET_NAMES}) )("[^"]*"|[^\\s;]+)`, "gm");
const PEM_PRIVATE_KEY = /-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/g;

export function panosRedactSecrets(output: string): string {
  return output
    .replace(PEM_PRIVATE_KEY, REDACTED)
    .replace(SECRET_XML, `<$1$2>${REDACTED}</$1>`)
    .replace(SECRET_JSON, `$1"${REDACTED}"`)
    .replace(SECRET_WORD, `$1${REDACTED}`);
}

/**
 * HA role from `show high-availability state`: the local State line (active, passive, active-primary, ...), or
 * "standalone" when HA is not enabled. Anything else leaves the fact unknown rather than guessed.
 */
export function panosHaRole(output: string): DeviceFacts {
  if (/HA not enabled|^\s*Enabled:\s*no\b/im.test(output)) return { haRole: "standalone" };
  const local = /Local Information:[\s\S]*?^\s*State:\s*([\w-]+)/m.exec(output);
  return local?.[1] ? { haRole: local[1] } : {};
}

export const panos: PlatformProfile = {
  name: "paloalto_panos",
  label: "Palo Alto Networks PAN-OS",
  // user@host> (operational) or user@host# (configure); the hostname may carry an HA state suffix: admin@fw1(active)>
  promptPattern: /(?:^|\n)[\w.-]+@[\w.-]+(?:\([\w-]+\))?[>#] ?$/,
  sessionSetup: ["set cli pager off", "set cli scripting-mode on", "set cli terminal width 500"],
  errorPatterns: [/^\s*Invalid syntax\./m, /^\s*Unknown command:/m, /^\s*Server error ?:/m],
  // Only the last line can be the pager (less's prompt); a "--More--" inside logged text is data.
  pagerPattern: /(?:^|\n)[ \t]*(?:--more--|lines \d+-\d+(?: \(END\))?) ?$/i,
  bannerPattern: /\(yes\/no\)\s*:?\s*$/i,
  bannerAnswer: "yes",
  isReadOnly: panosIsReadOnly,
  isSessionSetting: panosIsSessionSetting,
  redactSecrets: panosRedactSecrets,
  outputModes: { xml: { enter: "set cli op-command-xml-output on", exit: "set cli op-command-xml-output off" } },
  facts: [
    { command: "show system info", parse: panosFacts },
    { command: "show high-availability state", parse: panosHaRole },
  ],
};
