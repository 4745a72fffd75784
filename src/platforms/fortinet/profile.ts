// FortiOS (netmiko: fortinet): prompt, session set-up, CLI errors, the read-only policy, secrets and facts.
//
// Learned from netmiko (netmiko/fortinet/fortinet_ssh.py: prompt terminator `#` or `$`; paging is turned off by
// reading `get system status` for VDOMs, entering `config global`, reading `get system console` and, when the
// console output is `more`, sending `config system console` / `set output standard` / `end` and restoring it on
// disconnect; a post-login disclaimer "(Press 'a' to accept)" is answered with `a`) and scrapli-community's
// fortinet_fortios definition (prompt `host #`, `host (vdom) #`, `host (global) #`).
//
// preflight sends NO session set-up: `set output standard` is a configuration change (it is written to the
// configuration, raises a config-change log and, if preflight were cut off before restoring it, stays), and
// `config global` enters a configuration context. The `--More--` pager is answered with a space by the session
// instead (pagerPattern). Reading `get system console` first, as netmiko does, would not help: it needs
// `config global` on a VDOM device, and what it says changes nothing, since preflight never writes it.
import type { DeviceFacts } from "../../model/result.js";
import type { PlatformProfile, ReadOnlyVerdict } from "../types.js";

// `diagnose` and `execute` forms that only display; everything else under those verbs is refused. Exact forms:
// FortiOS accepts abbreviations (`dia sys ha stat`), which are refused rather than expanded.
const READ_ONLY_DIAGNOSE: RegExp[] = [
  /^diagnose sys ha status$/,
  /^diagnose sys ha checksum (cluster|show( [\w-]{1,31})?)$/,
  /^diagnose sys flash list$/,
  /^diagnose sys session stat$/,
  /^diagnose hardware sysinfo (conserve|memory|shm)$/,
  /^diagnose autoupdate (versions|status)$/,
  /^diagnose debug crashlog read$/,
];
// `execute date` and `execute time` WITHOUT an argument print the clock; with one they set it.
// `execute disk list` lists the disks (`execute disk format|scan` act on them).
const READ_ONLY_EXECUTE: RegExp[] = [/^execute (date|time)$/, /^execute disk list$/];

// FortiOS's own output filter: `| grep [-i] [-v] [-c] [-f] [-A N] [-B N] [-C N] pattern` filters what was printed.
const READ_ONLY_PIPE = /^grep( -[ivcf]{1,4}| -[ABC] \d{1,3})* \S.*$/;

// Configuration verbs and the execute/diagnose forms a reader might take for harmless, with why each is refused.
const REFUSED_VERBS: Record<string, string> = {
  config: "enters a configuration context (even `config global` and `config vdom` are the path to `set`)",
  set: "changes a setting",
  unset: "resets a setting",
  edit: "creates or opens a configuration entry",
  delete: "deletes a configuration entry",
  purge: "deletes every entry of a table",
  append: "changes a list setting",
  select: "changes a list setting",
  unselect: "changes a list setting",
  clone: "copies a configuration entry",
  rename: "renames a configuration entry",
  move: "reorders configuration entries",
  end: "saves and leaves a configuration context",
  next: "saves a configuration entry",
  abort: "leaves a configuration context",
  sudo: "runs a command in another scope",
  exit: "ends the session",
};

const EXECUTE_WHY: [RegExp, string][] = [
  [/^execute (reboot|shutdown)\b/, "restarts or powers off the firewall"],
  [/^execute (restore|backup)\b/, "writes the configuration or an image (restore) or copies it off the device (backup)"],
  [/^execute factoryreset/, "erases the configuration"],
  [/^execute update-now\b/, "starts a FortiGuard update"],
  [/^execute (date|time) \S/, "sets the system clock (without an argument it only prints it)"],
  [/^execute disk (format|scan)/, "formats or scans a disk"],
  [/^execute ha\b/, "acts on the HA cluster (failover, manage, synchronize)"],
  [/^execute formatlogdisk/, "formats the log disk"],
];

const DIAGNOSE_WHY: [RegExp, string][] = [
  [/^diagnose sys kill\b/, "kills a process"],
  [/^diagnose debug\b/, "changes debug state (enable, application levels, filters, reset)"],
  [/^diagnose sys ha checksum recalculate/, "recalculates the HA checksums"],
  [/^diagnose sys session clear/, "clears sessions"],
];

export function fortinetIsSessionSetting(_command: string): boolean {
  return false;
}

export function fortinetIsReadOnly(command: string): ReadOnlyVerdict {
  if (/[\r\n]/.test(command)) return { ok: false, reason: "commands must be a single line" };
  if (/[^\x20-\x7e]/.test(command)) return { ok: false, reason: "commands may contain printable ASCII characters only (no control characters, tabs or non-ASCII)" };
  const cmd = command.trim().replace(/ +/g, " ");
  if (cmd === "") return { ok: false, reason: "the command is empty" };
  // FortiOS has no redirection, but `;`, backquotes, `<`, `>` and `$(` have no read-only use in a command either.
  if (/[<>;`]|\$\(/.test(cmd)) return { ok: false, reason: "redirections (>, <) and shell characters (; ` $() are not allowed" };
  const [base, ...pipes] = cmd.split("|").map((s) => s.trim());
  for (const pipe of pipes) {
    if (!READ_ONLY_PIPE.test(pipe)) return { ok: false, reason: `"| ${pipe}" is not a read-only output filter (allowed: | grep [-i] [-v] [-c] [-f] [-A|-B|-C N] <pattern>)` };
  }
  const head = base ?? "";
  const verb = head.split(" ")[0] ?? "";
  if (verb === "get" || verb === "show") {
    if (head === verb) return { ok: false, reason: `${verb} what? the command is incomplete` };
    return { ok: true };
  }
  if (verb === "diagnose") {
    if (READ_ONLY_DIAGNOSE.some((re) => re.test(head))) return { ok: true };
    const why = DIAGNOSE_WHY.find(([re]) => re.test(head))?.[1];
    return { ok: false, reason: `"${head}" ${why ?? "is not one of the diagnose forms known to only display"}; allowed: diagnose sys ha status, diagnose sys ha checksum cluster|show, diagnose sys flash list, diagnose sys session stat, diagnose hardware sysinfo conserve|memory|shm, diagnose autoupdate versions|status, diagnose debug crashlog read` };
  }
  if (verb === "execute") {
    if (READ_ONLY_EXECUTE.some((re) => re.test(head))) return { ok: true };
    const why = EXECUTE_WHY.find(([re]) => re.test(head))?.[1];
    return { ok: false, reason: `"${head}" ${why ?? "is not one of the execute forms known to only display"}; allowed: execute date, execute time, execute disk list` };
  }
  const lower = verb.toLowerCase();
  for (const full of ["get", "show", "diagnose", "execute"]) {
    if (lower === full || (lower.length >= 2 && full.startsWith(lower))) return { ok: false, reason: `write "${full}" in full and in lower case (found "${verb}")` };
  }
  const why = REFUSED_VERBS[lower];
  if (why !== undefined) return { ok: false, reason: `"${verb}" ${why}; only get, show and the display-only diagnose/execute forms are sent to a FortiGate` };
  return { ok: false, reason: `"${verb}" is not a read-only FortiOS command; only get, show and the display-only diagnose/execute forms are sent` };
}

export const REDACTED = "[redacted by preflight]";

// Configuration secrets as `show` prints them: `set password ENC <base64>`, `set passwd ENC ...`,
// `set psksecret ENC ...`, `set secret ENC ...`, `set key ENC ...`, `set auth-pwd ENC ...`,
// `set private-key "-----BEGIN ENCRYPTED PRIVATE KEY-----..."` (quoted, over several lines). The whole setting
// name must end in one of the secret words, so `set keylife 28800` and `set password-policy` stay.
const PEM_PRIVATE_KEY = /-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/g;
const SECRET_SETTING = /(\bset [\w-]*(?:password|passwd|psksecret|secret|key|pwd|passphrase)(?:-\d)?[ \t]+)(?:ENC[ \t]+)?("[^"\n]*"|\S+)/g;

export function fortinetRedactSecrets(output: string): string {
  return output.replace(PEM_PRIVATE_KEY, REDACTED).replace(SECRET_SETTING, (_all, setting: string) => `${setting}${REDACTED}`);
}

/** `Key: value` lines of FortiOS's status outputs; the first value of a key wins. */
export function fortiosKeyValues(output: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of output.replace(/\r\n/g, "\n").split("\n")) {
    const m = /^([A-Za-z][\w .()/+-]{0,60}?)\s*:\s(.*)$/.exec(line);
    if (m && !out.has(m[1] as string)) out.set(m[1] as string, (m[2] as string).trim());
  }
  return out;
}

const VERSION_LINE = /^(Forti[\w-]+)\s+v(\d+\.\d+\.\d+)(?:,build(\d+))?(?:,(\d{6}))?(?:\s*\(([^()]*)\))?$/;

/**
 * `get system status`: hostname, model and version (from `Version: FortiGate-40F v7.0.15,build0632,240401 (GA.M)`),
 * serial, HA mode and role (`Current HA mode: a-p, primary` or `standalone`), cluster uptime when in HA.
 */
export function fortinetStatusFacts(output: string): DeviceFacts {
  const kv = fortiosKeyValues(output);
  const version = kv.get("Version");
  if (version === undefined) throw new Error('"get system status" has no "Version:" line');
  const m = VERSION_LINE.exec(version);
  if (!m) throw new Error(`"get system status" Version "${version.slice(0, 80)}" is not "<model> v<MAJOR.MINOR.PATCH>,build<N>"`);
  const facts: DeviceFacts = { model: m[1] as string, softwareVersion: m[2] as string };
  if (m[3] !== undefined) facts.build = m[3];
  if (m[5] !== undefined) facts.releaseLabel = m[5];
  const hostname = kv.get("Hostname");
  if (hostname !== undefined && hostname !== "") facts.hostname = hostname;
  const serial = kv.get("Serial-Number");
  if (serial !== undefined && serial !== "") facts.serial = serial;
  const ha = kv.get("Current HA mode");
  if (ha !== undefined && ha !== "") {
    const [mode, role] = ha.split(",").map((s) => s.trim());
    facts.haMode = mode;
    if (role !== undefined && role !== "") facts.haRole = role;
  }
  const uptime = kv.get("Cluster uptime");
  if (uptime !== undefined && uptime !== "") facts.clusterUptime = uptime;
  const vdoms = kv.get("Virtual domain configuration");
  if (vdoms !== undefined && vdoms !== "") facts.vdomMode = vdoms;
  return facts;
}

/** `get system performance status`: the `Uptime:` line. */
export function fortinetPerformanceFacts(output: string): DeviceFacts {
  const uptime = fortiosKeyValues(output).get("Uptime");
  if (uptime === undefined || uptime === "") throw new Error('"get system performance status" has no "Uptime:" line');
  return { uptime: uptime.replace(/\s+/g, " ") };
}

export const fortinetProfile: PlatformProfile = {
  name: "fortinet",
  label: "FortiOS",
  // `host # ` (super_admin), `host $ ` (a restricted profile), `host (root) # ` / `host (global) # ` with VDOMs,
  // and the same with a configuration context (`host (console) # `, `host (port1) # `). FortiOS hostnames are up to
  // 35 characters. An HA cluster's members keep their own hostnames; FortiOS adds no HA suffix to the prompt.
  promptPattern: /(?:^|\n)[\w.-]{1,35}(?: \([\w.:-]{1,63}\))? [#$] ?$/,
  sessionSetup: [],
  // At the start of a line, as FortiOS prints them; the specific line first (it precedes `Command fail. Return code`).
  errorPatterns: [/^Unknown action -?\d+/m, /^command parse error before /m, /^Command fail\. Return code -?\d+/m, /^node_check_object fail!/m, /^Permission denied/m],
  // FortiOS's pager: `--More-- ` on the last line while `config system console / set output more` (the default).
  pagerPattern: /(?:^|\n)[ \t]*--More--[ \t]*$/,
  // The post-login disclaimer (`set post-login-banner enable`) waits for `a`.
  bannerPattern: /\(Press 'a' to accept\):?\s*$/,
  bannerAnswer: "a",
  isReadOnly: fortinetIsReadOnly,
  isSessionSetting: fortinetIsSessionSetting,
  redactSecrets: fortinetRedactSecrets,
  outputModes: {},
  facts: [
    { command: "get system status", parse: fortinetStatusFacts },
    { command: "get system performance status", parse: fortinetPerformanceFacts },
  ],
};
