// The Junos CLI as a simulated router or firewall runs it on an SSH shell channel: the `--- JUNOS ...` login line,
// the `user@host> ` prompt with the blank line and the `{master:0}` (dual RE) or `{primary:node0}` (chassis
// cluster) line Junos prints before it, pty-style echo, `set cli screen-length 0` / `screen-width N` ("Screen
// length set to 0", the answers netmiko waits for), the `---(more NN%)---` pager until the screen length is 0, the
// output pipes (`| display xml`, `| no-more`, `| match`, `| except`, `| find`, `| count`, `| last N`), Junos's
// caret line and `syntax error`, and the injected faults. Echo, type-ahead, pager and faults are the shared
// PagedCli's; this file is what Junos says. It reproduces what a client must cope with on a real Junos device, not
// Junos's command tree. Modelled from netmiko's and scrapli's Junos drivers and Juniper's CLI documentation, not
// from a recorded session.
import type { ServerChannel } from "ssh2";
import { applyFilter, toLines } from "../../../simulator/cli-text.js";
import { pageable, PagedCli, type Answer } from "../../../simulator/paged-cli.js";
import type { CliConnection, SimDeviceSpec } from "../../../simulator/types.js";
import { JUNOS_COMMANDS } from "./router.js";

/** The pty is 24 rows: Junos pages 23 lines and the pager's line. */
const DEFAULT_PAGE_LINES = 23;
// First words Junos knows: the caret points after one of these, at the first word otherwise.
const KNOWN_VERBS = new Set(["clear", "configure", "file", "help", "monitor", "op", "ping", "quit", "request", "restart", "set", "show", "ssh", "start", "telnet", "test", "traceroute"]);
// Wide enough for the longest status line, `---(more 100%)---`.
const ERASE = `\r${" ".repeat(17)}\r`;
const FILTERS = { match: "include", except: "exclude", find: "begin" } as const;

/** Junos's answer to a command it does not know: a caret under the first unknown word, then the message. */
export function junosSyntaxError(command: string, promptLength: number): string[] {
  const words = command.split(" ");
  const known = KNOWN_VERBS.has(words[0] ?? "");
  const at = known ? (words[0]?.length ?? 0) + 1 : 0;
  return [`${" ".repeat(promptLength + at)}^`, known ? "syntax error, expecting <command>." : "unknown command."];
}

/** `{master:0}` on a dual-RE router, `{primary:node0}` on a cluster member: read from what the device prints. */
function bannerOf(spec: SimDeviceSpec): string {
  if (spec.outputs[JUNOS_COMMANDS.cluster] !== undefined) return "{primary:node0}";
  return (spec.outputs[JUNOS_COMMANDS.routingEngine]?.match(/<route-engine>/g)?.length ?? 0) > 1 ? "{master:0}" : "";
}

class JunosCli extends PagedCli {
  private readonly promptText: string;
  private readonly output: { lines: number };

  constructor(channel: ServerChannel, spec: SimDeviceSpec, connection: CliConnection) {
    const promptText = `${spec.username}@${spec.hostname}> `;
    const banner = bannerOf(spec);
    const version = /^Junos: (\S+)/m.exec(spec.outputs[JUNOS_COMMANDS.version] ?? "")?.[1] ?? "21.4R3-S5.4";
    // The pager shows how much of the output is on screen; the answer being paged sets the total.
    const output = { lines: 1 };
    super(channel, spec, connection, {
      prompt: `${banner === "" ? "" : `${banner}\r\n`}${promptText}`,
      greeting: `--- JUNOS ${version} built 2023-09-15 11:23:24 UTC\r\n\r\n`,
      // Junos leaves a blank line after each output, before the banner line and the prompt.
      afterOutput: "\r\n",
      exitCommands: ["exit", "quit"],
      pageLines: DEFAULT_PAGE_LINES,
      pager: { status: (_from, to) => `---(more ${Math.floor((100 * to) / output.lines)}%)---`, erase: ERASE, quitKeys: "q\x03", pageKeys: " ", lineKeys: "\r\n" },
    });
    this.promptText = promptText;
    this.output = output;
  }

  protected invalid(command: string): Answer {
    return this.counted({ lines: junosSyntaxError(command, this.promptText.length), paged: true });
  }

  protected answer(command: string): Answer {
    return this.counted(this.lines(command));
  }

  private counted(answer: Answer): Answer {
    this.output.lines = Math.max(answer.lines.length, 1);
    return answer;
  }

  private lines(command: string): Answer {
    const length = /^set cli screen-length (\d+)$/.exec(command);
    if (length) {
      this.pageLines = Number(length[1]) === 0 ? Infinity : Number(length[1]);
      return { lines: [`Screen length set to ${length[1]}`], paged: false };
    }
    const width = /^set cli screen-width (\d+)$/.exec(command);
    if (width) return { lines: [`Screen width set to ${width[1]}`], paged: false };
    if (command === "set cli complete-on-space off") return { lines: ["Disabling complete-on-space"], paged: false };
    const exact = this.spec.outputs[command];
    if (exact !== undefined) return pageable(exact);
    // Pipes the table lacks as a whole command: the base command's output (or its XML form), filtered.
    const [base, ...pipes] = command.split("|").map((s) => s.trim());
    const text = this.spec.outputs[pipes.includes("display xml") ? `${base ?? ""} | display xml` : (base ?? "")];
    if (text === undefined || pipes.length === 0) return this.invalid(command);
    let lines = toLines(text);
    let paged = true;
    for (const pipe of pipes) {
      if (pipe === "display xml") continue;
      if (pipe === "no-more") {
        paged = false;
        continue;
      }
      if (pipe === "count") {
        lines = [`Count: ${lines.length} lines`];
        continue;
      }
      const last = /^last(?: (\d+))?$/.exec(pipe);
      if (last) {
        lines = lines.slice(-Number(last[1] ?? 10));
        continue;
      }
      // Junos's match/except/find are include/exclude/begin with a regular expression.
      const filter = /^(match|except|find) (.+)$/.exec(pipe);
      const filtered = filter ? applyFilter(lines, `${FILTERS[filter[1] as keyof typeof FILTERS]} ${filter[2]}`) : undefined;
      if (filtered === undefined) return this.invalid(command);
      lines = filtered;
    }
    return { lines, paged };
  }
}

/** Runs the Junos CLI on an accepted shell channel until the client leaves or the connection drops. */
export function runJunosShell(channel: ServerChannel, spec: SimDeviceSpec, connection: CliConnection): void {
  new JunosCli(channel, spec, connection).start();
}
