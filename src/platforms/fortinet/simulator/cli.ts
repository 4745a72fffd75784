// The FortiOS CLI as a simulated FortiGate runs it on an SSH shell channel: the `host # ` prompt, pty-style echo,
// the `--More-- ` pager (FortiOS's default console output mode, `more`: preflight never switches it off, so every
// long output is paged and the session answers with a space), `| grep [-v] [-i] pattern`, FortiOS's errors
// (`Unknown action 0` / `command parse error before '...'` followed by `Command fail. Return code -61`), and the injected
// faults (the post-login disclaimer is not simulated). It reproduces what a client must
// cope with on a real FortiGate, not FortiOS's command tree. Modelled from netmiko's and scrapli's FortiOS drivers
// and Fortinet's documentation, not from a recorded session.
import type { ServerChannel } from "ssh2";
import { toLines } from "../../../simulator/cli-text.js";
import { morePager, pageable, PagedCli, type Answer } from "../../../simulator/paged-cli.js";
import type { CliConnection, SimDeviceSpec } from "../../../simulator/types.js";

/** The pty is 24 rows: FortiOS pages 23 lines and the pager prompt. */
const PAGE_LINES = 23;
// First words FortiOS knows: an unknown argument after one of these is a parse error, any other word an unknown action.
const KNOWN_VERBS = new Set(["config", "get", "show", "diagnose", "execute", "exit", "end"]);

export function fortiosCommandFail(command: string): string {
  const words = command.split(" ");
  if (!KNOWN_VERBS.has(words[0] ?? "")) return "Unknown action 0\nCommand fail. Return code -1\n";
  return `command parse error before '${words[words.length - 1] ?? ""}'\nCommand fail. Return code -61\n`;
}

/** `| grep [-v] [-i] pattern` on the printed lines (FortiOS reads the pattern as a regular expression). */
function applyGrep(lines: string[], filter: string): string[] | undefined {
  const m = /^grep((?: -[vi]+)*) (.+)$/.exec(filter);
  if (!m) return undefined;
  const flags = m[1] ?? "";
  let re: RegExp;
  try {
    re = new RegExp(m[2] as string, flags.includes("i") ? "i" : "");
  } catch {
    return undefined;
  }
  return lines.filter((l) => re.test(l) !== flags.includes("v"));
}

class FortiosCli extends PagedCli {
  constructor(channel: ServerChannel, spec: SimDeviceSpec, connection: CliConnection) {
    super(channel, spec, connection, {
      prompt: `${spec.hostname} # `,
      greeting: "",
      afterOutput: "",
      exitCommands: ["exit"],
      pageLines: PAGE_LINES,
      pager: morePager("--More-- "),
    });
  }

  protected invalid(command: string): Answer {
    return pageable(fortiosCommandFail(command));
  }

  /** The lines a command prints; FortiOS's pager may stop any of them. */
  protected answer(command: string): Answer {
    const exact = this.spec.outputs[command];
    if (exact !== undefined) return pageable(exact);
    // `| grep` on an output the table has as a whole command: the base command's output, filtered.
    const [base, ...pipes] = command.split("|").map((s) => s.trim());
    const text = this.spec.outputs[base ?? ""];
    if (text === undefined || pipes.length === 0) return this.invalid(command);
    let lines = toLines(text);
    for (const pipe of pipes) {
      const filtered = applyGrep(lines, pipe);
      if (filtered === undefined) return this.invalid(command);
      lines = filtered;
    }
    return { lines, paged: true };
  }
}

/** Runs the FortiOS CLI on an accepted shell channel until the client leaves or the connection drops. */
export function runFortiosShell(channel: ServerChannel, spec: SimDeviceSpec, connection: CliConnection): void {
  new FortiosCli(channel, spec, connection).start();
}
