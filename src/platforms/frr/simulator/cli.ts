// vtysh as a simulated FRR router runs it on an SSH shell channel: the greeting FRR 8.4.4's vtysh prints on an
// interactive login, the `host# ` prompt, pty-style echo, `terminal length 0` (accepted silently, as vtysh does),
// `% Unknown command: <line>` for what the router does not answer, and the injected faults. vtysh pages only
// after `terminal paginate` (through an external pager), which preflight never sends, so this CLI does not page.
// Modelled on the real vtysh (seen on a pty), not on FRR's command tree. The text and fault helpers are the shared
// ones (src/simulator/cli-text.ts).
import { StringDecoder } from "node:string_decoder";
import type { ServerChannel } from "ssh2";
import { commandFault, crlf, garbage, toLines } from "../../../simulator/cli-text.js";
import type { CliConnection, SimDeviceSpec } from "../../../simulator/types.js";
import { frrGreeting } from "./router.js";

type Mode = "input" | "busy" | "hung";

export const frrUnknownCommand = (command: string): string => `% Unknown command: ${command}\n`;

class VtyshCli {
  private readonly decoder = new StringDecoder("utf8");
  private readonly prompt: string;
  private mode: Mode = "input";
  private line = "";
  private lastWasCR = false;
  private typeAhead: string[] = [];
  private closed = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly channel: ServerChannel,
    private readonly spec: SimDeviceSpec,
    private readonly connection: CliConnection,
  ) {
    this.prompt = `${spec.hostname}# `;
    channel.on("data", (data: Buffer) => this.onData(data));
    channel.on("close", () => this.stop());
  }

  start(): void {
    if (this.spec.faults?.some((fault) => fault.kind === "hang-after-login")) {
      this.mode = "hung";
      return;
    }
    const version = /^FRRouting (\S+)/.exec(this.spec.outputs["show version"] ?? "")?.[1] ?? "8.4.4";
    this.write(crlf(toLines(frrGreeting(version))) + this.prompt);
  }

  private stop(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  private write(data: string | Buffer): void {
    if (!this.closed) this.channel.write(data);
  }

  private onData(data: Buffer): void {
    for (const ch of this.decoder.write(data)) this.onKey(ch);
  }

  private onKey(ch: string): void {
    if (this.mode === "hung") return;
    if (this.mode === "busy") {
      this.typeAhead.push(ch);
      return;
    }
    const secondHalfOfCRLF = ch === "\n" && this.lastWasCR;
    this.lastWasCR = ch === "\r";
    if (secondHalfOfCRLF) return;
    if (ch === "\r" || ch === "\n") {
      const command = this.line.trim().replace(/\s+/g, " ");
      this.line = "";
      this.write("\r\n");
      this.run(command);
    } else if (ch === "\x7f" || ch === "\b") {
      if (this.line === "") return;
      this.line = this.line.slice(0, -1);
      this.write("\b \b");
    } else if (ch === "\x03") {
      this.line = "";
      this.write(`\r\n${this.prompt}`);
    } else if (ch >= " ") {
      this.line += ch;
      this.write(ch);
    }
  }

  private run(command: string): void {
    if (command === "") {
      this.write(this.prompt);
      return;
    }
    const fault = commandFault(this.spec.faults, command);
    if (fault?.kind === "hang-on-command") {
      this.mode = "hung";
      return;
    }
    if (command === "exit" || command === "quit") {
      this.stop();
      this.channel.exit(0);
      this.channel.end();
      return;
    }
    const lines = fault?.kind === "unknown-command" ? toLines(frrUnknownCommand(command)) : this.answer(command);
    if (fault?.kind === "garbage") this.write(Buffer.concat([garbage(), Buffer.from(`\r\n${this.prompt}`)]));
    else if (fault?.kind === "disconnect-mid-output") this.disconnectMidOutput(lines);
    else void this.respond(lines, fault?.kind === "slow-output" ? fault : undefined);
  }

  private answer(command: string): string[] {
    if (/^terminal length \d+$/.test(command)) return [];
    const exact = this.spec.outputs[command];
    return toLines(exact ?? frrUnknownCommand(command));
  }

  private disconnectMidOutput(lines: string[]): void {
    const wire = Buffer.from(crlf(lines));
    this.write(wire.subarray(0, Math.ceil(wire.length / 2)));
    this.mode = "hung";
    this.connection.drop();
  }

  private async respond(lines: string[], slow?: { chunkBytes: number; delayMs: number }): Promise<void> {
    this.mode = "busy";
    const text = crlf(lines);
    if (!slow) this.write(text);
    else {
      const bytes = Buffer.from(text);
      for (let at = 0; at < bytes.length && !this.closed; at += slow.chunkBytes) {
        await new Promise<void>((resolve) => (this.timer = setTimeout(resolve, slow.delayMs)));
        this.write(bytes.subarray(at, at + slow.chunkBytes));
      }
    }
    this.write(this.prompt);
    this.mode = "input";
    const keys = this.typeAhead;
    this.typeAhead = [];
    for (const [i, ch] of keys.entries()) {
      this.onKey(ch);
      if (this.mode !== "input") {
        this.typeAhead.push(...keys.slice(i + 1));
        return;
      }
    }
  }
}

/** Runs the simulated vtysh on an accepted shell channel until the client leaves or the connection drops. */
export function runFrrShell(channel: ServerChannel, spec: SimDeviceSpec, connection: CliConnection): void {
  new VtyshCli(channel, spec, connection).start();
}
