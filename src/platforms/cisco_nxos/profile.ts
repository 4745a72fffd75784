// Cisco NX-OS (netmiko: cisco_nxos): prompt, session set-up, CLI errors, the read-only policy, secrets and facts.
//
// Learned from netmiko (netmiko/cisco/cisco_nxos_ssh.py: prompt ending `#`, `terminal length 0` then
// `terminal width 511`, config mode `(config...)#`) and scrapli (scrapli/driver/core/cisco_nxos: privilege levels
// exec `host>`, privilege_exec `host#`, configuration `host(config...)#`, tclsh `host-tcl#`; failure indicators
// `% Ambiguous command`, `% Incomplete command`, `% Invalid input detected`, `% Invalid command at`,
// `% Invalid parameter detected`, `Syntax error while parsing`, `Invalid command`). Structured output is NX-OS's
// per-command `| json` (the NX-API JSON, tables as TABLE_x/ROW_x), read with the nxos-json parser.
import type { DeviceFacts } from "../../model/result.js";
import type { PlatformProfile, ReadOnlyVerdict } from "../types.js";

const SESSION_SETTINGS = /^terminal (length 0|width \d{1,3})$/;

// Filters that only read what the command printed. `| redirect`, `| tee`, `| append` write to bootflash:, `| email`
// sends mail, `| xml`/`| json-pretty` are read-only output formats; `| sed`/`| awk`-style filters are not listed.
const READ_ONLY_PIPES = /^(json|json-pretty|xml|no-more|count|last \d{1,4}|head( lines \d{1,4})?|(include|exclude|begin|section|grep|egrep)( -i)? [^|]+)$/;

// `dir` of one file system path: it lists, nothing else.
const DIR = /^dir( (bootflash|slot0|usb1|usb2|logflash|volatile|debug|bootflash:\/\/sup-(standby|active|remote|local)):[\w./-]*)?$/;

// `show` subcommands that do more than show. `show tech-support ... > file` is refused by the redirection rule.
const SHOW_THAT_WRITES: RegExp[] = [/^show (tech-support|tech) .*\b(redirect|tar|gzip|bootflash)/];

const REFUSED_VERBS: Record<string, string> = {
  configure: "enters configuration mode",
  config: "enters configuration mode",
  write: "saves or erases the configuration",
  copy: "writes a file or a configuration",
  reload: "restarts the switch or a module",
  install: "installs or activates software",
  delete: "deletes files",
  rmdir: "deletes a directory",
  mkdir: "creates a directory",
  move: "moves files",
  rename: "renames files",
  run: "starts a shell (`run bash`, `run guestshell`), where anything can run",
  bash: "starts a Linux shell, where anything can run",
  guestshell: "enters the guest shell, where anything can run",
  python: "starts a Python interpreter, where anything can run",
  tclsh: "starts a Tcl shell, where anything can run",
  source: "runs a script",
  clear: "clears counters, sessions or state",
  debug: "turns on debugging, which loads the CPU",
  undebug: "changes debugging",
  system: "changes system settings (switchover, mode maintenance)",
  "switchback": "moves the supervisor role",
  attach: "opens a console on a module",
  "routing-context": "changes the session's VRF",
  switchto: "moves the session to another VDC",
  vsh: "starts another CLI session",
  terminal: "changes the session; preflight sets the pager and the width itself",
  send: "sends messages to other sessions",
  ping: "sends traffic",
  traceroute: "sends traffic",
  gunzip: "writes a file",
  gzip: "writes a file",
  tar: "writes a file",
  echo: "writes to the terminal or a file",
};

export function ciscoNxosIsSessionSetting(command: string): boolean {
  return SESSION_SETTINGS.test(command.trim().replace(/ +/g, " "));
}

export function ciscoNxosIsReadOnly(command: string): ReadOnlyVerdict {
  if (/[\r\n]/.test(command)) return { ok: false, reason: "commands must be a single line" };
  if (/[^\x20-\x7e]/.test(command)) return { ok: false, reason: "commands may contain printable ASCII characters only (no control characters, tabs or non-ASCII)" };
  const cmd = command.trim().replace(/ +/g, " ");
  if (cmd === "") return { ok: false, reason: "the command is empty" };
  if (SESSION_SETTINGS.test(cmd)) return { ok: true };
  // NX-OS writes output to a file with `>` and `>>` (`show run > bootflash:x`); `;` chains commands on one line.
  if (/[<>;`]|\$\(/.test(cmd)) return { ok: false, reason: "redirections (>, >>, <) and command separators (; ` $() are not allowed" };
  const [base, ...pipes] = cmd.split("|").map((s) => s.trim());
  for (const pipe of pipes) {
    if (!READ_ONLY_PIPES.test(pipe)) {
      return { ok: false, reason: `"| ${pipe}" is not a read-only output filter (allowed: json, json-pretty, xml, no-more, count, last, head, include, exclude, begin, section, grep, egrep)` };
    }
  }
  const head = base ?? "";
  const verb = head.split(" ")[0] ?? "";
  if (verb === "show") {
    if (head === "show") return { ok: false, reason: "show what? the command is incomplete" };
    if (SHOW_THAT_WRITES.some((re) => re.test(head))) return { ok: false, reason: `"${head}" writes files` };
    return { ok: true };
  }
  if (verb === "dir") {
    return DIR.test(head) ? { ok: true } : { ok: false, reason: `"${head}" is not a plain directory listing (dir [<filesystem>:<path>])` };
  }
  // NX-OS accepts unique prefixes (`sh`, `conf t`, `wr`) and any case: only spelled-out lower-case verbs are read.
  if (/^show$/i.test(verb) || (verb.length >= 2 && "show".startsWith(verb.toLowerCase()))) {
    return { ok: false, reason: `write "show" in full and in lower case (found "${verb}")` };
  }
  const why = REFUSED_VERBS[verb.toLowerCase()];
  if (why !== undefined) return { ok: false, reason: `"${verb}" ${why}; only "show" and "dir" commands are sent to an NX-OS device` };
  return { ok: false, reason: `"${verb}" is not a read-only NX-OS command; only "show" and "dir" commands are sent` };
}

export const REDACTED = "[redacted by preflight]";

// `show running-config` secrets: `username u password 5 $5$...`, `snmp-server user u network-admin auth md5 0x... priv
// 0x... localizedkey`, `tacacs-server key 7 "..."`, `radius-server key 7 ...`, `feature ... key-chain` `key-string 7
// ...`, `neighbor x password 3 ...`, `ip ospf authentication-key 3 ...`, `snmp-server community NAME group ...`.
const SNMP_USER = /(snmp-server user [ \t]*\S+[^\n]*?\b(?:auth (?:md5|sha\S*)|priv(?: aes-128)?)[ \t]+)(\S+)/g;
const SNMP_PRIV = /(\bpriv(?: aes-128)?[ \t]+)(0x[0-9a-fA-F]+|\S+)(?=[^\n]*localizedkey)/g;
const SECRET_CONFIG = /((?<![\w.-])(?:secret|password|key|key-string|authentication-key|community|passphrase)[ \t]+)(?!\()((?:\d{1,2})[ \t]+)?("[^"\n]*"|\S+)/g;
const PEM_PRIVATE_KEY = /-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/g;

export function ciscoNxosRedactSecrets(output: string): string {
  return output
    .replace(PEM_PRIVATE_KEY, REDACTED)
    .replace(SNMP_USER, `$1${REDACTED}`)
    .replace(SNMP_PRIV, `$1${REDACTED}`)
    .replace(SECRET_CONFIG, (all, keyword: string, type: string | undefined, value: string) =>
      value === REDACTED || value.startsWith("[redacted") ? all : `${keyword}${type ?? ""}${REDACTED}`,
    );
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
const count = (v: unknown): number | undefined => {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

/** "7.3(1)D1(1) [build 7.3(1)D1(0.10)]" -> "7.3(1)D1(1)"; "10.4(5) [Maintenance Release]" keeps the note out too. */
function releaseOf(s: string): string {
  return s.replace(/\s*\[[^\]]*\]\s*$/, "").trim();
}

/**
 * `show version | json`: software version (`nxos_ver_str` on 9.x and later, `sys_ver_str`/`kickstart_ver_str` on
 * older releases), model (`chassis_id`), serial (`proc_board_id`), hostname (`host_name`) and the kernel uptime.
 */
export function ciscoNxosVersionFacts(output: string): DeviceFacts {
  const v = jsonObject(output, "show version | json");
  const raw = text(v.nxos_ver_str) ?? text(v.sys_ver_str) ?? text(v.kickstart_ver_str);
  if (raw === undefined) throw new Error('"show version | json" has no "nxos_ver_str", "sys_ver_str" or "kickstart_ver_str"');
  const facts: DeviceFacts = { softwareVersion: releaseOf(raw) };
  const host = text(v.host_name);
  if (host !== undefined) facts.hostname = host;
  const model = text(v.chassis_id);
  if (model !== undefined) facts.model = model.replace(/\s+Chassis$/, "").trim() || model;
  const serial = text(v.proc_board_id);
  if (serial !== undefined) facts.serial = serial;
  const [d, h, m, s] = [v.kern_uptm_days, v.kern_uptm_hrs, v.kern_uptm_mins, v.kern_uptm_secs].map(count);
  if (d !== undefined && h !== undefined && m !== undefined && s !== undefined) {
    facts.uptime = `${d > 0 ? `${d} day${d === 1 ? "" : "s"}, ` : ""}${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
  }
  return facts;
}

/** `show hostname | json`: `{"hostname": "n9k.example.com"}`; NX-OS prints the FQDN when a domain is set. */
export function ciscoNxosHostnameFacts(output: string): DeviceFacts {
  const h = jsonObject(output, "show hostname | json");
  const name = text(h.hostname);
  if (name === undefined) throw new Error('"show hostname | json" has no "hostname"');
  const facts: DeviceFacts = { hostname: name.split(".")[0] ?? name };
  if (name.includes(".")) facts.fqdn = name;
  return facts;
}

/**
 * `show system redundancy status | json`: this supervisor's redundancy state (`rdn_mode_admin`, `this_sup`:
 * "Active"/"HA standby"/...). A fixed-chassis switch prints "Not present" for the other supervisor.
 */
export function ciscoNxosRedundancyFacts(output: string): DeviceFacts {
  const r = jsonObject(output, "show system redundancy status | json");
  const role = text(r.this_sup) ?? text(r.myself_state);
  if (role === undefined) throw new Error('"show system redundancy status | json" has no "this_sup"');
  const facts: DeviceFacts = { haRole: role };
  const other = text(r.other_sup);
  if (other !== undefined) facts.haPeerState = other;
  return facts;
}

export const ciscoNxosProfile: PlatformProfile = {
  name: "cisco_nxos",
  label: "Cisco NX-OS",
  // host# (exec as network-admin), host> (rare: a network-operator on some releases), host(config)# and
  // host(config-if)# (configuration), and the VDC form `host-vdc2#` (a VDC is a hostname). `host-tcl#` is tclsh.
  promptPattern: /(?:^|\n)[\w.:/-]{1,63}(?:\([\w.@/:+-]{1,63}\))?[>#] ?$/,
  sessionSetup: ["terminal length 0", "terminal width 511"],
  errorPatterns: [
    /^\s*% (?:Invalid command|Invalid input|Invalid parameter|Incomplete command|Ambiguous command|Permission denied|Invalid number|Invalid range|Invalid interface)/m,
    /^\s*Syntax error while parsing/m,
    /^\s*Invalid command \(not a valid .*\)/m,
    /^\s*(?:ERROR|Error): (?:Command|Invalid|Unknown)/m,
  ],
  // NX-OS's pager prints " --More-- " (reverse video) on the last line.
  // eslint-disable-next-line no-control-regex -- the escape sequences of the reverse video around --More--
  pagerPattern: /(?:^|\n)[ \t]*(?:\x1b\[7m)?[ \t]*--More--[ \t]*(?:\x1b\[(?:0|27)?m)?[ \t]*$/,
  // NX-OS's `banner motd` is printed before the first prompt and needs no answer.
  bannerPattern: /(?!)/,
  bannerAnswer: "",
  isReadOnly: ciscoNxosIsReadOnly,
  isSessionSetting: ciscoNxosIsSessionSetting,
  redactSecrets: ciscoNxosRedactSecrets,
  outputModes: {},
  facts: [
    { command: "show version | json", parse: ciscoNxosVersionFacts },
    { command: "show hostname | json", parse: ciscoNxosHostnameFacts },
    { command: "show system redundancy status | json", parse: ciscoNxosRedundancyFacts },
  ],
};
