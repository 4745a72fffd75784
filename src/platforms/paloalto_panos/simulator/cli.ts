// The PAN-OS operational CLI as a simulated firewall runs it on an SSH shell channel: login line, prompt,
// pty-style echo, the `set cli` session settings, the `lines 1-20 ` pager and the injected command faults.
// It reproduces what clients must cope with on a real device, not PAN-OS's command tree.
import type { ServerChannel } from "ssh2";
import { toLines } from "../../../simulator/cli-text.js";
import { PagedCli, type Answer } from "../../../simulator/paged-cli.js";
import type { CliConnection, SimDeviceSpec } from "../../../simulator/types.js";

const PAGE_LINES = 20;
// `less`, which PAN-OS pages with, clears its status line with carriage return + erase-to-end-of-line.
const CLEAR_STATUS_LINE = "\r\x1b[K";
// Top-level operational verbs: an unknown argument after one of these is "Invalid syntax.", any other first
// word is "Unknown command: <word>".
const KNOWN_VERBS = new Set([
  "clear", "configure", "debug", "delete", "exit", "find", "ftp", "grep", "less", "ls", "netstat", "ping", "quit",
  "request", "save", "scp", "set", "show", "ssh", "ssh-key", "tail", "target", "tcpdump", "test", "tftp",
  "traceroute", "view-pcap",
]);
// Accepted silently, as PAN-OS does, and remembered where they change what the simulator prints.
const SETTINGS: { pattern: RegExp; apply?: (cli: CliSettings, match: RegExpExecArray) => void }[] = [
  { pattern: /^set cli pager (on|off)$/, apply: (cli, m) => (cli.pager = m[1] === "on") },
  { pattern: /^set cli scripting-mode (on|off)$/ },
  { pattern: /^set cli terminal (width|height) \d+$/ },
  { pattern: /^set cli op-command-xml-output (on|off)$/, apply: (cli, m) => (cli.xml = m[1] === "on") },
];

interface CliSettings {
  pager: boolean;
  /** `set cli op-command-xml-output on`: operational commands print the XML API's response. */
  xml: boolean;
}

export function cliError(command: string): string {
  const verb = command.split(" ")[0] ?? "";
  return KNOWN_VERBS.has(verb) ? "Invalid syntax.\n" : `Unknown command: ${verb}\n`;
}

/** What PAN-OS prints in XML output mode for a command it cannot run. */
function xmlError(command: string): string {
  return `<response status="error"><msg><line>${cliError(command).trim()}</line></msg></response>\n`;
}

class PanosCli extends PagedCli {
  private readonly settings: CliSettings = { pager: true, xml: false };

  constructor(channel: ServerChannel, spec: SimDeviceSpec, connection: CliConnection) {
    super(channel, spec, connection, {
      prompt: `${spec.username}@${spec.hostname}> `,
      greeting: "Last login: Mon Jan 13 09:12:44 2025 from 10.10.1.5\r\n\r\n",
      afterOutput: "\r\n",
      exitCommands: ["exit", "quit"],
      pageLines: PAGE_LINES,
      pager: { status: (from, to) => `lines ${from}-${to} `, erase: CLEAR_STATUS_LINE, quitKeys: "q", pageKeys: " ", lineKeys: "" },
    });
  }

  protected invalid(command: string): Answer {
    return this.text(cliError(command));
  }

  protected answer(command: string): Answer {
    for (const setting of SETTINGS) {
      const match = setting.pattern.exec(command);
      if (match) {
        setting.apply?.(this.settings, match);
        return this.text("");
      }
    }
    if (this.settings.xml) return this.text(this.spec.xmlOutputs?.[command] ?? xmlError(command));
    return this.text(this.spec.outputs[command] ?? cliError(command));
  }

  /** Every output is paged while `set cli pager` is on. */
  private text(text: string): Answer {
    return { lines: toLines(text), paged: this.settings.pager };
  }
}

/** Runs the PAN-OS CLI on an accepted shell channel until the client leaves or the connection drops. */
export function runPanosShell(channel: ServerChannel, spec: SimDeviceSpec, connection: CliConnection): void {
  new PanosCli(channel, spec, connection).start();
}
