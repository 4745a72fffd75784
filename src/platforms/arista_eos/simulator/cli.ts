// The EOS CLI as a simulated switch runs it on an SSH shell channel: the `Last login` line, the `host#` prompt,
// pty-style echo, `terminal length 0` ("Pagination disabled.") and `terminal width N` ("Width set to N
// columns.", the answers netmiko waits for), the ` --More-- ` pager until paging is off, the output filters
// (`| json`, `| no-more`, `| include/exclude/begin`), EOS's `% Invalid input (at token N: 'word')` and the
// injected faults. It reproduces what a client must cope with on a real switch, not EOS's command tree.
// Modelled from netmiko's and scrapli's EOS drivers and their recorded sessions, not from a capture of a pager.
import type { ServerChannel } from "ssh2";
import { applyFilter, toLines } from "../../../simulator/cli-text.js";
import { morePager, pageable, PagedCli, type Answer } from "../../../simulator/paged-cli.js";
import type { CliConnection, SimDeviceSpec } from "../../../simulator/types.js";

/** The pty is 24 rows: EOS pages 23 lines and the pager prompt. */
const DEFAULT_PAGE_LINES = 23;
// First words EOS knows: an unknown argument after one of these fails at token 1, any other first word at token 0.
const KNOWN_VERBS = new Set(["bash", "clear", "configure", "copy", "delete", "dir", "disable", "enable", "exit", "install", "logout", "ping", "reload", "show", "terminal", "traceroute", "write"]);
/** What `| json` prints for a command that has no JSON form (modelled on EOS's error object). */
export const UNCONVERTED = '{\n    "errors": [\n        "This is an unconverted command"\n    ]\n}\n';

export function eosInvalidInput(command: string): string {
  const words = command.split(" ");
  const at = KNOWN_VERBS.has(words[0] ?? "") ? 1 : 0;
  return `% Invalid input (at token ${at}: '${words[at] ?? ""}')\n`;
}

class EosCli extends PagedCli {
  constructor(channel: ServerChannel, spec: SimDeviceSpec, connection: CliConnection) {
    super(channel, spec, connection, {
      prompt: `${spec.hostname}#`,
      greeting: "Last login: Mon Jan 13 09:12:44 2025 from 10.10.1.5\r\n",
      afterOutput: "",
      exitCommands: ["exit", "logout", "quit"],
      pageLines: DEFAULT_PAGE_LINES,
      pager: morePager(" --More-- "),
    });
  }

  protected invalid(command: string): Answer {
    return pageable(eosInvalidInput(command));
  }

  /** The lines a command prints, and whether the pager may stop them (`| no-more` and `| json` are not paged). */
  protected answer(command: string): Answer {
    const length = /^terminal length (\d+)$/.exec(command);
    if (length) {
      this.pageLines = Number(length[1]) === 0 ? Infinity : Number(length[1]);
      return { lines: Number(length[1]) === 0 ? ["Pagination disabled."] : [], paged: false };
    }
    const width = /^terminal width (\d+)$/.exec(command);
    if (width) return { lines: [`Width set to ${width[1]} columns.`], paged: false };
    if (command === "enable") return { lines: [], paged: false };
    const exact = this.spec.outputs[command];
    if (exact !== undefined) return { lines: toLines(exact), paged: !command.endsWith("| json") };
    // Filters the table lacks as a whole command: the base command's output, filtered.
    const [base, ...pipes] = command.split("|").map((s) => s.trim());
    const text = this.spec.outputs[base ?? ""];
    if (text === undefined || pipes.length === 0) return this.invalid(command);
    let lines = toLines(text);
    let paged = true;
    for (const pipe of pipes) {
      if (pipe === "json") return { lines: toLines(UNCONVERTED), paged: false };
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

/** Runs the EOS CLI on an accepted shell channel until the client leaves or the connection drops. */
export function runEosShell(channel: ServerChannel, spec: SimDeviceSpec, connection: CliConnection): void {
  new EosCli(channel, spec, connection).start();
}
