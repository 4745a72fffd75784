// vtysh as a simulated FRR router runs it on an SSH shell channel: the greeting FRR 8.4.4's vtysh prints on an
// interactive login, the `host# ` prompt, `terminal length 0` (accepted silently, as vtysh does), and
// `% Unknown command: <line>` for what the router does not answer. vtysh pages only after `terminal paginate`
// (through an external pager), which preflight never sends, so this CLI does not page. Modelled on the real vtysh
// (seen on a pty), not on FRR's command tree. Echo, line editing, type-ahead and the injected faults are the shared
// session's (src/simulator/paged-cli.ts).
import type { ServerChannel } from "ssh2";
import { crlf, toLines } from "../../../simulator/cli-text.js";
import { morePager, PagedCli, type Answer } from "../../../simulator/paged-cli.js";
import type { CliConnection, SimDeviceSpec } from "../../../simulator/types.js";
import { frrGreeting } from "./router.js";

export const frrUnknownCommand = (command: string): string => `% Unknown command: ${command}\n`;

class VtyshCli extends PagedCli {
  constructor(channel: ServerChannel, spec: SimDeviceSpec, connection: CliConnection) {
    const version = /^FRRouting (\S+)/.exec(spec.outputs["show version"] ?? "")?.[1] ?? "8.4.4";
    super(channel, spec, connection, {
      prompt: `${spec.hostname}# `,
      greeting: crlf(toLines(frrGreeting(version))),
      afterOutput: "",
      exitCommands: ["exit", "quit"],
      // No pager: every output is printed whole.
      pageLines: Infinity,
      pager: morePager("--More--"),
    });
  }

  protected invalid(command: string): Answer {
    return { lines: toLines(frrUnknownCommand(command)), paged: false };
  }

  protected answer(command: string): Answer {
    if (/^terminal length \d+$/.test(command)) return { lines: [], paged: false };
    const exact = this.spec.outputs[command];
    return exact === undefined ? this.invalid(command) : { lines: toLines(exact), paged: false };
  }
}

/** Runs the simulated vtysh on an accepted shell channel until the client leaves or the connection drops. */
export function runFrrShell(channel: ServerChannel, spec: SimDeviceSpec, connection: CliConnection): void {
  new VtyshCli(channel, spec, connection).start();
}
