// Arista EOS (netmiko: arista_eos): prompt, session set-up, CLI errors, the read-only policy, secrets and facts.
//
// Learned from netmiko (netmiko/arista/arista.py: prompt `[$>#]`, `terminal width 511` answered "Width set to",
// `terminal length 0` answered "Pagination disabled", config-session prompts such as `host(s1)(config)#`) and
// scrapli (scrapli/definitions/arista_eos.yaml: exec `host>`, privileged `host#`, configuration
// `host(config-...)#`, bash `[user@host ~]$`; `term width 32767`, `term len 0`; failure indicators
// `% Invalid input`, `% Incomplete command`, `% Ambiguous command`, `% Error`, `% Unavailable command`, ...).
// Structured output is EOS's per-command `| json` (the same JSON as eAPI), read with the generic json parser.
import type { DeviceFacts } from "../../model/result.js";
import type { PlatformProfile, ReadOnlyVerdict } from "../types.js";

// Commands that only change this CLI session (scrapli and netmiko send the same two).
const SESSION_SETTINGS = /^terminal (length 0|width \d{1,5})$/;

// Output filters that only read what the command printed. Everything else after a pipe is refused: `tee`,
// `redirect` and `append` write files, and EOS passes other words to Linux tools (`| grep`, `| awk`, ...).
// `no-more` only switches the pager off for the command.
const READ_ONLY_PIPES = /^(json|no-more|(include|exclude|begin|section) [^|]+)$/;

// `dir` with optional flags and one file system path: it lists, nothing else.
const DIR = /^dir( \/(recursive|all))*( [a-z][\w-]*:[\w./-]*)?$/;

// `show` subcommands that act rather than show. EOS has none that write; the list is the place to add one.
const SHOW_THAT_WRITES: RegExp[] = [];

// Verbs a reader might take for harmless, with why each is refused (the reason is what the user reads).
const REFUSED_VERBS: Record<string, string> = {
  enable: "raises the session's privilege and asks for the enable secret, which preflight does not hold: give the audit account the privilege it needs (it then logs in at `#`)",
  configure: "enters configuration mode",
  write: "saves the running configuration",
  copy: "writes a file or a configuration",
  reload: "restarts the switch",
  bash: "starts a Linux shell, where anything can run",
  "python-shell": "starts a Python interpreter, where anything can run",
  run: "runs commands",
  delete: "deletes files",
  install: "installs software",
  boot: "changes the boot configuration",
  clear: "clears counters, sessions or state",
  session: "runs a command on another supervisor or in a configuration session",
  terminal: "changes the session; preflight sets the pager and the width itself",
  send: "sends messages to other sessions",
};

export function aristaEosIsSessionSetting(command: string): boolean {
  return SESSION_SETTINGS.test(command.trim().replace(/ +/g, " "));
}

export function aristaEosIsReadOnly(command: string): ReadOnlyVerdict {
  if (/[\r\n]/.test(command)) return { ok: false, reason: "commands must be a single line" };
  // Typed into an interactive CLI: a control character or a tab (completion) could edit the line after this check.
  if (/[^\x20-\x7e]/.test(command)) return { ok: false, reason: "commands may contain printable ASCII characters only (no control characters, tabs or non-ASCII)" };
  const cmd = command.trim().replace(/ +/g, " ");
  if (cmd === "") return { ok: false, reason: "the command is empty" };
  if (SESSION_SETTINGS.test(cmd)) return { ok: true };
  // EOS redirects output to a file with `>` and `>>` (`show running-config > flash:x`); `;`, backquotes and `$(`
  // have no read-only use in a show command.
  if (/[<>;`]|\$\(/.test(cmd)) return { ok: false, reason: "redirections (>, >>, <) and shell characters (; ` $() are not allowed" };
  const [base, ...pipes] = cmd.split("|").map((s) => s.trim());
  for (const pipe of pipes) {
    if (!READ_ONLY_PIPES.test(pipe)) return { ok: false, reason: `"| ${pipe}" is not a read-only output filter (allowed: json, no-more, include, exclude, begin, section)` };
  }
  const head = base ?? "";
  const verb = head.split(" ")[0] ?? "";
  if (verb === "show") {
    if (head === "show") return { ok: false, reason: "show what? the command is incomplete" };
    if (SHOW_THAT_WRITES.some((re) => re.test(head))) return { ok: false, reason: `"${head}" changes the device` };
    return { ok: true };
  }
  if (verb === "dir") {
    return DIR.test(head) ? { ok: true } : { ok: false, reason: `"${head}" is not a plain directory listing (dir [/recursive] [/all] [<filesystem>:<path>])` };
  }
  // EOS accepts any unique prefix (`sh` for show, `wr` for write, `conf` for configure) and any case: only the
  // spelled-out lower-case verbs above are recognised, so an abbreviation is refused rather than guessed.
  if (/^show$/i.test(verb) || (verb.length >= 2 && "show".startsWith(verb.toLowerCase()))) {
    return { ok: false, reason: `write "show" in full and in lower case (found "${verb}")` };
  }
  const why = REFUSED_VERBS[verb.toLowerCase()];
  if (why !== undefined) return { ok: false, reason: `"${verb}" ${why}; only "show" and "dir" commands are sent to an EOS device` };
  return { ok: false, reason: `"${verb}" is not a read-only EOS command; only "show" and "dir" commands are sent` };
}

export const REDACTED = "[redacted by preflight]";

// Configuration secrets as `show running-config` (and its diffs) prints them: `enable password sha512 $6$...`,
// `username u ... secret sha512 $6$...`, `neighbor x password 7 ...`, `tacacs-server key 7 ...`,
// `ip ospf authentication-key 7 ...`, `ntp authentication-key 1 md5 7 ...`, `snmp-server community NAME ro`.
// The keyword, then an optional algorithm or encryption type, then the value; the value goes. `ssh-key` lines
// hold public keys and stay. A value in parentheses ("(not set)") is not a secret.
// Keys with an id and an algorithm (`ntp authentication-key 1 md5 7 ...`, `message-digest-key 1 md5 7 ...`) first;
// the general rule then leaves them alone.
// All on one line ([ \t], never \s): a file named `enable3px.key` at the end of a `dir` line must not take the
// next line for its value.
const KEY_WITH_ID = /((?:message-digest-key|authentication-key)[ \t]+\d+[ \t]+(?:md5|sha\d*)[ \t]+(?:\d[ \t]+)?)(\S+)/g;
const SECRET_CONFIG = /((?<![\w.-])(?:secret|password|key|authentication-key|community|passphrase)[ \t]+)(?!\d+[ \t]+(?:md5|sha\d*)[ \t])((?:sha512|sha256|sha1?|md5|\d{1,2}[a-z]?)[ \t]+)?(?!\()(\S+)/g;
// `show boot-config`: "Aboot password (encrypted): $1$...".
const ABOOT_PASSWORD = /(Aboot password \(encrypted\):[ \t]*)(?!\(not set\))(\S+)/g;
const PEM_PRIVATE_KEY = /-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/g;

export function aristaEosRedactSecrets(output: string): string {
  return output
    .replace(PEM_PRIVATE_KEY, REDACTED)
    .replace(ABOOT_PASSWORD, `$1${REDACTED}`)
    .replace(KEY_WITH_ID, `$1${REDACTED}`)
    .replace(SECRET_CONFIG, (_all, keyword: string, type: string | undefined) => `${keyword}${type ?? ""}${REDACTED}`);
}

function jsonObject(output: string, command: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(output);
  } catch {
    throw new Error(`"${command}" did not print JSON: "${output.trim().slice(0, 80)}"`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error(`"${command}" printed JSON that is not an object`);
  return value as Record<string, unknown>;
}

const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

/** Seconds as `show version` words it: "12 days, 3:04:05". */
export function formatUptime(seconds: number): string {
  const s = Math.floor(seconds);
  const days = Math.floor(s / 86400);
  const hms = [Math.floor((s % 86400) / 3600), Math.floor((s % 3600) / 60), s % 60].map((n, i) => (i === 0 ? String(n) : String(n).padStart(2, "0"))).join(":");
  return days > 0 ? `${days} day${days === 1 ? "" : "s"}, ${hms}` : hms;
}

/**
 * `show version | json`: model, serial, software version, uptime, MAC. vEOS and cEOS print an empty serial, which
 * stays unknown. `uptime` (seconds) exists on EOS 4.20 and later; older releases only give the boot timestamp.
 */
export function aristaEosVersionFacts(output: string): DeviceFacts {
  const v = jsonObject(output, "show version | json");
  const version = text(v.version);
  if (version === undefined) throw new Error('"show version | json" has no "version"');
  const facts: DeviceFacts = { softwareVersion: version };
  const model = text(v.modelName);
  if (model !== undefined) facts.model = model;
  const serial = text(v.serialNumber);
  if (serial !== undefined) facts.serial = serial;
  if (typeof v.uptime === "number" && Number.isFinite(v.uptime) && v.uptime >= 0) facts.uptime = formatUptime(v.uptime);
  const mac = text(v.systemMacAddress);
  if (mac !== undefined) facts.macAddress = mac;
  const arch = text(v.architecture);
  if (arch !== undefined) facts.architecture = arch;
  return facts;
}

/** `show hostname | json`: `{"hostname": ..., "fqdn": ...}`. */
export function aristaEosHostnameFacts(output: string): DeviceFacts {
  const h = jsonObject(output, "show hostname | json");
  const hostname = text(h.hostname);
  if (hostname === undefined) throw new Error('"show hostname | json" has no "hostname"');
  const facts: DeviceFacts = { hostname };
  const fqdn = text(h.fqdn);
  if (fqdn !== undefined) facts.fqdn = fqdn;
  return facts;
}

export const aristaEosProfile: PlatformProfile = {
  name: "arista_eos",
  label: "Arista EOS",
  // host> (exec), host# (privileged), host(config-if-Et1)# and host(s1)(config)# (configuration and config
  // sessions). A bash prompt ([admin@host ~]$) is not an EOS prompt: preflight never drives bash.
  promptPattern: /(?:^|\n)[\w.-]{1,63}(?:\([\w.@/:+-]{1,63}\))*[>#] ?$/,
  sessionSetup: ["terminal length 0", "terminal width 32767"],
  // At the start of a line, as EOS prints them; the `| json` form of an error is a JSON object with "errors".
  errorPatterns: [
    /^% (?:Invalid input|Incomplete command|Ambiguous command|Unavailable command|Error|Cannot commit|Authorization denied|This is an unconverted command|Unrecognized command)/m,
    /^\{\s*"errors"\s*:\s*\[/,
  ],
  // EOS's pager prints " --More-- " on the last line.
  pagerPattern: /(?:^|\n)[ \t]*--More--[ \t]*$/,
  // EOS acknowledges no banner inside the CLI (`banner login` is shown by SSH before authentication).
  bannerPattern: /(?!)/,
  bannerAnswer: "",
  isReadOnly: aristaEosIsReadOnly,
  isSessionSetting: aristaEosIsSessionSetting,
  redactSecrets: aristaEosRedactSecrets,
  // Structured output is per command (`show ... | json`), not a session mode.
  outputModes: {},
  facts: [
    { command: "show version | json", parse: aristaEosVersionFacts },
    { command: "show hostname | json", parse: aristaEosHostnameFacts },
  ],
};
