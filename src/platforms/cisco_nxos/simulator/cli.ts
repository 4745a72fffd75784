// The NX-OS CLI as a simulated switch runs it on an SSH shell channel: the NX-OS login banner, the `host#` prompt,
// pty-style echo, `terminal length 0` and `terminal width N` (silent, as NX-OS is; netmiko waits for the prompt),
// the ` --More-- ` pager until paging is off, the output filters (`| json`, `| no-more`, `| include/exclude/begin`),
// NX-OS's caret line and `% Invalid command at '^' marker.`, and the injected faults. It reproduces what a client
// must cope with on a real switch, not NX-OS's command tree. Modelled from netmiko's and scrapli's NX-OS drivers.
import type { ServerChannel } from "ssh2";
import { applyFilter, toLines } from "../../../simulator/cli-text.js";
import { morePager, pageable, PagedCli, type Answer } from "../../../simulator/paged-cli.js";
import type { CliConnection, SimDeviceSpec } from "../../../simulator/types.js";

/** The pty is 24 rows: NX-OS pages 23 lines and the pager prompt. */
const DEFAULT_PAGE_LINES = 23;
// First words NX-OS knows: the caret points after one of these, at the first word otherwise.
const KNOWN_VERBS = new Set(["clear", "configure", "copy", "delete", "dir", "exit", "install", "ping", "reload", "run", "show", "terminal", "traceroute", "write"]);

/** NX-OS's answer to a command it does not know: a caret under the first unknown word, then the message. */
export function nxosInvalidCommand(command: string, promptLength: number): string {
  const words = command.split(" ");
  const at = KNOWN_VERBS.has(words[0] ?? "") ? (words[0]?.length ?? 0) + 1 : 0;
  return `${" ".repeat(promptLength + at)}^\n% Invalid command at '^' marker.\n`;
}

class NxosCli extends PagedCli {
  constructor(channel: ServerChannel, spec: SimDeviceSpec, connection: CliConnection) {
    super(channel, spec, connection, {
      prompt: `${spec.hostname}#`,
      greeting: "Cisco Nexus Operating System (NX-OS) Software\r\nTAC support: http://www.cisco.com/tac\r\n" + "Copyright (C) 2002-2024, Cisco and/or its affiliates.\r\nAll rights reserved.\r\n",
      afterOutput: "",
      exitCommands: ["exit", "logout", "quit"],
      pageLines: DEFAULT_PAGE_LINES,
      pager: morePager(" --More-- "),
    });
  }

  protected invalid(command: string): Answer {
    return pageable(nxosInvalidCommand(command, this.style.prompt.length));
  }

  /** The lines a command prints, and whether the pager may stop them (`| no-more` and `| json` are not paged). */
  protected answer(command: string): Answer {
    const length = /^terminal length (\d+)$/.exec(command);
    if (length) {
      this.pageLines = Number(length[1]) === 0 ? Infinity : Number(length[1]);
      return { lines: [], paged: false };
    }
    if (/^terminal width \d+$/.test(command)) return { lines: [], paged: false };
    const exact = this.spec.outputs[command];
    if (exact !== undefined) return { lines: toLines(exact), paged: !command.endsWith("| json") };
    // Filters the table lacks as a whole command: the base command's output, filtered.
    const [base, ...pipes] = command.split("|").map((s) => s.trim());
    const text = this.spec.outputs[base ?? ""];
    if (text === undefined || pipes.length === 0) return this.invalid(command);
    let lines = toLines(text);
    let paged = true;
    for (const pipe of pipes) {
      // A command without a JSON form: NX-OS rejects the filter.
      if (pipe === "json") return { lines: this.invalid(command).lines, paged: false };
      if (pipe === "no-more") {
        paged = false;
        continue;
      }
      const filtered = applyFilter(lines, pipe);
      if (filtered === undefined) return this.invalid(command);
      lines = filtered;
    }
    return { lines, paged };
  }
}

/** Runs the NX-OS CLI on an accepted shell channel until the client leaves or the connection drops. */
export function runNxosShell(channel: ServerChannel, spec: SimDeviceSpec, connection: CliConnection): void {
  new NxosCli(channel, spec, connection).start();
}
