// Juniper Junos (netmiko: juniper_junos): prompt, session set-up, CLI errors, the read-only policy, secrets and facts.
//
// Learned from netmiko (netmiko/juniper/juniper.py: prompt ends in `>` (operational) or `#` (configuration),
// `set cli screen-length 0` and `set cli screen-width 511` after login, `{master:0}` style lines before the prompt
// on multi-RE and Virtual Chassis systems) and scrapli (scrapli/driver/core/juniper_junos: exec `user@host>`,
// configuration `user@host#` with an `[edit ...]` line before it; `set cli screen-length 0`,
// `set cli screen-width 511`, `set cli complete-on-space off`; failure indicators `is ambiguous`, `No valid
// completions`, `unknown command`, `syntax error`). Structured output is Junos's per-command `| display xml`
// (the same XML as the NETCONF RPC reply), read with the generic xml parser.
import type { DeviceFacts } from "../../model/result.js";
import type { PlatformProfile, ReadOnlyVerdict } from "../types.js";

// Commands that only change this CLI session (what netmiko and scrapli send).
const SESSION_SETTINGS = /^set cli (screen-length 0|screen-width \d{1,4}|complete-on-space off)$/;

// Output filters that only read what the command printed. `save` and `tee` write files, `display set`-style
// forms are fine, `compare` reads the rollback files; everything else after a pipe is refused.
const READ_ONLY_PIPES = /^(display (xml|json|set|inheritance|detail)|no-more|count|last( \d+)?|(match|except|find) [^|]+|compare rollback \d{1,2})$/;

// `file list` with an optional `detail` and one path; nothing else under `file` (copy, delete, rename, archive write).
const FILE_LIST = /^file list( detail)?( [\w./:-]+)?$/;

// Verbs a reader might take for harmless, with why each is refused (the reason is what the user reads).
const REFUSED_VERBS: Record<string, string> = {
  request: "acts on the device (software add, reboot, system snapshot, ...)",
  configure: "enters configuration mode",
  edit: "enters configuration mode",
  commit: "commits configuration",
  rollback: "loads an earlier configuration",
  set: "changes the session or configuration; preflight sets the screen length and width itself",
  delete: "deletes configuration",
  file: "writes, copies or deletes files (only `file list` is read-only)",
  start: "starts a Unix shell, where anything can run",
  restart: "restarts a Junos process",
  clear: "clears counters, sessions or state",
  test: "runs tests that can change state",
  op: "runs an op script, which can do anything",
  load: "loads configuration",
  save: "writes a file",
  monitor: "streams output without end",
  ping: "sends traffic and runs without end on some releases",
  traceroute: "sends traffic",
  telnet: "opens a session to another device",
  ssh: "opens a session to another device",
};

export function juniperJunosIsSessionSetting(command: string): boolean {
  return SESSION_SETTINGS.test(command.trim().replace(/ +/g, " "));
}

export function juniperJunosIsReadOnly(command: string): ReadOnlyVerdict {
  if (/[\r\n]/.test(command)) return { ok: false, reason: "commands must be a single line" };
  // Typed into an interactive CLI: a control character or a tab (completion) could edit the line after this check.
  if (/[^\x20-\x7e]/.test(command)) return { ok: false, reason: "commands may contain printable ASCII characters only (no control characters, tabs or non-ASCII)" };
  const cmd = command.trim().replace(/ +/g, " ");
  if (cmd === "") return { ok: false, reason: "the command is empty" };
  if (SESSION_SETTINGS.test(cmd)) return { ok: true };
  if (/[<>;`]|\$\(/.test(cmd)) return { ok: false, reason: "redirections (>, >>, <) and shell characters (; ` $() are not allowed" };
  const [base, ...pipes] = cmd.split("|").map((s) => s.trim());
  for (const pipe of pipes) {
    const word = pipe.split(" ")[0] ?? "";
    if (word === "save" || word === "tee") return { ok: false, reason: `"| ${pipe}" writes the output to a file` };
    if (!READ_ONLY_PIPES.test(pipe)) {
      return { ok: false, reason: `"| ${pipe}" is not a read-only output filter (allowed: display xml/json/set, no-more, count, last, match, except, find, compare rollback N)` };
    }
  }
  const head = base ?? "";
  const verb = head.split(" ")[0] ?? "";
  if (verb === "show") {
    if (head === "show") return { ok: false, reason: "show what? the command is incomplete" };
    return { ok: true };
  }
  if (verb === "file") {
    return FILE_LIST.test(head) ? { ok: true } : { ok: false, reason: `"${head}" is not a plain file listing (file list [detail] [path]); copy, delete and rename write` };
  }
  // Junos completes unique prefixes (`sh` for show, `req` for request): only spelled-out lower-case verbs are
  // recognised, so an abbreviation is refused rather than guessed.
  if (/^show$/i.test(verb) || (verb.length >= 2 && "show".startsWith(verb.toLowerCase()))) {
    return { ok: false, reason: `write "show" in full and in lower case (found "${verb}")` };
  }
  const why = REFUSED_VERBS[verb.toLowerCase()];
  if (why !== undefined) return { ok: false, reason: `"${verb}" ${why}; only "show" and "file list" commands are sent to a Junos device` };
  return { ok: false, reason: `"${verb}" is not a read-only Junos command; only "show" and "file list" commands are sent` };
}

export const REDACTED = "[redacted by preflight]";

// Configuration secrets as `show configuration` prints them: `encrypted-password "$6$..."`,
// `secret "$9$..."`, `authentication-key "$9$..."`, `pre-shared-key ascii-text "$9$..."`, `community NAME`,
// in the curly form (`key "value";`) and the `| display set` form (`set ... key "value"`). Junos `$9$` is
// reversible, so every such value goes.
const SECRET_CONFIG = /((?<![\w.-])(?:encrypted-password|secret|authentication-key|simple-password|pre-shared-key(?:[ \t]+(?:ascii-text|hexadecimal))?|key|community|password)[ \t]+)("[^"\n]*"|[^\s;{}]+)/g;
const PEM_PRIVATE_KEY = /-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/g;

export function juniperJunosRedactSecrets(output: string): string {
  return output.replace(PEM_PRIVATE_KEY, REDACTED).replace(SECRET_CONFIG, `$1${REDACTED}`);
}

/**
 * `show version` as text: `Hostname:`, `Model:` and `Junos:` lines (releases before 15.1 print only the package
 * lines, `JUNOS Base OS boot [12.3R6.6]` or `JUNOS EX  Software Suite [13.2X51-D35.3]`). A Virtual Chassis or
 * multi-RE system prints one block per member (`fpc0:`, `node0:`); the first member's facts are the device's.
 */
export function juniperJunosVersionFacts(output: string): DeviceFacts {
  const line = (label: string): string | undefined => new RegExp(`^${label}:[ \\t]*(\\S[^\\r\\n]*?)[ \\t]*$`, "m").exec(output)?.[1];
  const version = line("Junos") ?? /^JUNOS (?:Base OS boot|Software Release|EX +Software Suite|OS Kernel[^[\n]*)[ \t]*\[([^\]\n]+)\]/m.exec(output)?.[1]?.trim();
  if (version === undefined || !/^\d+\.\d+[A-Z]\d/.test(version)) {
    throw new Error(`"show version" has no Junos release ("Junos: ..." line): "${output.trim().slice(0, 80)}"`);
  }
  const facts: DeviceFacts = { softwareVersion: version };
  const hostname = line("Hostname");
  if (hostname !== undefined) facts.hostname = hostname;
  const model = line("Model");
  if (model !== undefined) facts.model = model;
  return facts;
}

/**
 * `show chassis hardware`: the serial number on the `Chassis` line (`Chassis                                JN1234AB  MX240`).
 * A cluster prints one block per node; the first chassis is the device's.
 */
export function juniperJunosChassisFacts(output: string): DeviceFacts {
  const m = /^Chassis[ \t]+(\S+)[ \t]+(\S[^\r\n]*?)[ \t]*$/m.exec(output);
  if (!m) throw new Error(`"show chassis hardware" has no Chassis line: "${output.trim().slice(0, 80)}"`);
  return { serial: m[1] as string };
}

export const juniperJunosProfile: PlatformProfile = {
  name: "juniper_junos",
  label: "Juniper Junos",
  // user@host> (operational) and user@host# (configuration). Multi-RE, Virtual Chassis and cluster systems
  // print `{master:0}`, `{backup}`, `{primary:node0}` on the line before the prompt; it needs no match of its own.
  promptPattern: /(?:^|\n)[\w.@-]{1,64}@[\w.-]{1,63}[>#] ?$/,
  sessionSetup: ["set cli screen-length 0", "set cli screen-width 511"],
  // At the start of a line, as Junos prints them (the caret line comes first for a syntax error); the
  // `| display xml` form of an error is an <xnm:error> element.
  errorPatterns: [
    /^(?:[ \t]*\^\s*\n)?(?:syntax error|unknown command|error:|.* is ambiguous\.|No valid completions|missing argument)/m,
    /<xnm:error\b/,
  ],
  // Junos's pager: `---(more)---` or `---(more 42%)---` on the last line.
  pagerPattern: /(?:^|\n)[ \t]*---\(more(?: \d{1,3}%)?\)---[ \t]*$/,
  // Junos shows `system login message` before the prompt and asks nothing.
  bannerPattern: /(?!)/,
  bannerAnswer: "",
  isReadOnly: juniperJunosIsReadOnly,
  isSessionSetting: juniperJunosIsSessionSetting,
  redactSecrets: juniperJunosRedactSecrets,
  // Structured output is per command (`show ... | display xml`), not a session mode.
  outputModes: {},
  facts: [
    { command: "show version", parse: juniperJunosVersionFacts },
    { command: "show chassis hardware", parse: juniperJunosChassisFacts },
  ],
};
