// Linux hosts over SSH (netmiko: linux): a POSIX shell prompt, no session set-up, the shell's error lines, and
// a read-only policy that accepts a short list of commands that only read (no pipes, redirections or chaining).
import type { DeviceFacts } from "../../model/result.js";
import type { PlatformProfile, ReadOnlyVerdict } from "../types.js";

const READ_ONLY: RegExp[] = [
  /^uname( -[asnrvmpio]+)?$/,
  /^cat \/etc\/os-release$/,
  /^hostname$/,
  /^uptime$/,
  /^df( -[PhTkil]+)*( \/[\w/.-]*)*$/,
];

export function linuxIsReadOnly(command: string): ReadOnlyVerdict {
  if (/[\r\n]/.test(command)) return { ok: false, reason: "commands must be a single line" };
  if (/[^\x20-\x7e]/.test(command)) return { ok: false, reason: "commands may contain printable ASCII characters only" };
  const cmd = command.trim().replace(/ +/g, " ");
  if (cmd === "") return { ok: false, reason: "the command is empty" };
  // Anything the shell would interpret (pipes, redirections, chaining, substitution, globs) could write or run more.
  if (/[|&;<>`$(){}*?\\!~'"]/.test(cmd)) return { ok: false, reason: "shell operators (pipes, redirections, chaining, substitution, quotes) are not allowed" };
  if (READ_ONLY.some((re) => re.test(cmd))) return { ok: true };
  return { ok: false, reason: `"${cmd.split(" ")[0]}" is not one of the read-only commands preflight runs on Linux (uname, cat /etc/os-release, hostname, uptime, df)` };
}

/** `uname -a`: `Linux <hostname> <kernel release> <version...> <machine> ... GNU/Linux`. */
export function linuxUnameFacts(output: string): DeviceFacts {
  const fields = output.trim().split(/\s+/);
  if (fields[0] !== "Linux" || fields.length < 3) throw new Error(`not the output of uname -a: "${output.trim().slice(0, 80)}"`);
  return { hostname: fields[1], softwareVersion: fields[2], kernel: fields[2] };
}

/** `/etc/os-release`: the distribution, as the model a report shows. */
export function linuxOsReleaseFacts(output: string): DeviceFacts {
  const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(output)?.[1];
  return pretty ? { model: pretty, os: pretty } : {};
}

export const linuxProfile: PlatformProfile = {
  name: "linux",
  label: "Linux",
  // user@host:~$ (or # for root), as bash and dash print it by default.
  promptPattern: /(?:^|\n)[\w.-]+@[\w.-]+:[^\n]*[$#] ?$/,
  sessionSetup: [],
  errorPatterns: [/: command not found\s*$/m, /: No such file or directory\s*$/m, /: (invalid|unrecognized) option/m],
  pagerPattern: /(?:^|\n)--More--\s*$/,
  // No banner is acknowledged inside a Linux shell.
  bannerPattern: /(?!)/,
  bannerAnswer: "",
  isReadOnly: linuxIsReadOnly,
  isSessionSetting: () => false,
  // The read-only commands allowed print no secrets.
  redactSecrets: (output) => output,
  outputModes: {},
  facts: [
    { command: "uname -a", parse: linuxUnameFacts },
    { command: "cat /etc/os-release", parse: linuxOsReleaseFacts },
  ],
};
