// FRRouting through vtysh (netmiko: frr): prompt, session set-up, CLI errors, the read-only policy, secrets, facts.
//
// Learned from netmiko (netmiko/cisco/cisco_ios.py, which its `frr` device type reuses through vtysh's IOS-like
// CLI: prompt `[>#]`, `terminal length 0`) and FRR's own vtysh (vtysh/vtysh.c: `% Unknown command`,
// `% Command incomplete`, `% Ambiguous command`; `terminal length 0` only changes this vtysh). Structured output
// is FRR's `json` keyword at the end of a show command (`show bgp summary json`), read with the generic json parser.
// vtysh has no output pipes of its own: `| include` and friends are not FRR commands, so every pipe is refused.
import type { DeviceFacts } from "../../model/result.js";
import type { PlatformProfile, ReadOnlyVerdict } from "../types.js";

const SESSION_SETTINGS = /^terminal length 0$/;

// Verbs a reader might take for harmless, with why each is refused (the reason is what the user reads).
const REFUSED_VERBS: Record<string, string> = {
  configure: "enters configuration mode",
  write: "saves the running configuration (write memory / write file / write terminal is also refused)",
  copy: "writes a configuration file",
  clear: "clears BGP sessions, routes or counters (clear bgp * resets every session)",
  debug: "turns on debugging, which changes the daemons' logging and can load the router",
  undebug: "changes the daemons' debugging",
  no: "negates a setting",
  terminal: "changes the session; preflight sets the pager itself",
  start: "starts a shell",
  "start-shell": "starts a shell, where anything can run",
  enable: "enters privileged mode (vtysh logs in privileged already)",
  disable: "leaves privileged mode",
  exit: "ends the session",
  quit: "ends the session",
  end: "leaves a mode",
  mtrace: "sends multicast trace packets",
  ping: "sends packets",
  traceroute: "sends packets",
  watchfrr: "controls the daemons' supervisor",
  log: "changes logging",
  service: "changes a global setting",
  password: "changes a password",
  hostname: "changes the hostname",
};

// `show` subcommands that act: none known in FRR 8/9/10; the list is the place to add one.
const SHOW_THAT_WRITES: RegExp[] = [];

export function frrIsSessionSetting(command: string): boolean {
  return SESSION_SETTINGS.test(command.trim().replace(/ +/g, " "));
}

export function frrIsReadOnly(command: string): ReadOnlyVerdict {
  if (/[\r\n]/.test(command)) return { ok: false, reason: "commands must be a single line" };
  // Typed into an interactive vtysh: a control character, a `?` (help) or a tab (completion) edits the line.
  if (/[^\x20-\x7e]/.test(command)) return { ok: false, reason: "commands may contain printable ASCII characters only (no control characters, tabs or non-ASCII)" };
  const cmd = command.trim().replace(/ +/g, " ");
  if (cmd === "") return { ok: false, reason: "the command is empty" };
  if (SESSION_SETTINGS.test(cmd)) return { ok: true };
  if (cmd.includes("|")) return { ok: false, reason: 'vtysh has no output pipes ("|"): ask for the whole output and let the check select from it' };
  if (/[<>;`&]|\$\(/.test(cmd)) return { ok: false, reason: "redirections (>, >>, <) and shell characters (; ` & $() are not allowed" };
  if (cmd.includes("?")) return { ok: false, reason: '"?" asks vtysh for help instead of running the command' };
  const verb = cmd.split(" ")[0] ?? "";
  if (verb === "show") {
    if (cmd === "show") return { ok: false, reason: "show what? the command is incomplete" };
    if (SHOW_THAT_WRITES.some((re) => re.test(cmd))) return { ok: false, reason: `"${cmd}" changes the router` };
    return { ok: true };
  }
  // vtysh accepts unique prefixes (`sh`, `wr`, `conf t`): only the spelled-out lower-case `show` is recognised.
  if (/^show$/i.test(verb) || (verb.length >= 2 && "show".startsWith(verb.toLowerCase()))) {
    return { ok: false, reason: `write "show" in full and in lower case (found "${verb}")` };
  }
  const why = REFUSED_VERBS[verb.toLowerCase()];
  if (why !== undefined) return { ok: false, reason: `"${verb}" ${why}; only "show" commands are sent to FRR` };
  return { ok: false, reason: `"${verb}" is not a read-only FRR command; only "show" commands are sent` };
}

export const REDACTED = "[redacted by preflight]";

// Secrets as `show running-config` prints them: `password zebra`, `enable password 8 ...`,
// `neighbor X password S`, `ip ospf authentication-key K`, `ip ospf message-digest-key 1 md5 K`,
// `key-string K` (key chains), `isis password md5 K`. The value goes; the keyword stays.
const KEY_WITH_ID = /(message-digest-key[ \t]+\d+[ \t]+md5[ \t]+)(\S+)/g;
const SECRET = /((?<![\w.-])(?:password|authentication-key|key-string|secret)[ \t]+)(?:(md5|clear|\d{1,2})[ \t]+)?(\S+)/g;

export function frrRedactSecrets(output: string): string {
  return output
    .replace(KEY_WITH_ID, `$1${REDACTED}`)
    .replace(SECRET, (_all, keyword: string, type: string | undefined) => `${keyword}${type === undefined ? "" : `${type} `}${REDACTED}`);
}

// "FRRouting 8.4.4 (r1) on Linux(6.1.0-18-amd64)." — the first line of `show version` since FRR 2.0.
const VERSION_LINE = /^FRRouting (\S+) \(([^()\s]*)\) on (\S+?)\.?$/m;

/**
 * `show version` (text; FRR has no `show version json`): software version, hostname and the kernel it runs on.
 * FRR is software on a host: it has no model and no serial, so those stay unknown.
 */
export function frrVersionFacts(output: string): DeviceFacts {
  const m = VERSION_LINE.exec(output);
  if (!m) throw new Error(`not the output of FRR's show version: "${output.trim().slice(0, 80)}"`);
  const facts: DeviceFacts = { softwareVersion: m[1], os: m[3] };
  if (m[2] !== "") facts.hostname = m[2];
  return facts;
}


export const frrProfile: PlatformProfile = {
  name: "frr",
  label: "FRRouting",
  // host# (vtysh logs in privileged), host> (view-only), host(config)# and host(config-router)# in config modes.
  promptPattern: /(?:^|\n)[\w.-]{1,63}(?:\([\w.@/:+-]{1,63}\))?[>#] ?$/,
  sessionSetup: ["terminal length 0"],
  errorPatterns: [/^% (?:Unknown command|Command incomplete|Ambiguous command|Can't find|Invalid|Error|No such)/m, /^(?:Unknown command|Command incomplete)[:.]/m],
  // vtysh pipes long output through its pager (VTYSH_PAGER, default more) when terminal length is not 0.
  pagerPattern: /(?:^|\n)[ \t]*--More--[ \t]*$/,
  bannerPattern: /(?!)/,
  bannerAnswer: "",
  isReadOnly: frrIsReadOnly,
  isSessionSetting: frrIsSessionSetting,
  redactSecrets: frrRedactSecrets,
  outputModes: {},
  facts: [{ command: "show version", parse: frrVersionFacts }],
};
