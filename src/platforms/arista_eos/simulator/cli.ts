// The EOS CLI as a simulated switch runs it on an SSH shell channel: the `Last login` line, the `host#` prompt,
// pty-style echo, `terminal length 0` ("Pagination disabled.") and `terminal width N` ("Width set to N
// columns.", the answers netmiko waits for), the ` --More-- ` pager until paging is off, the output filters
// (`| json`, `| no-more`, `| include/exclude/begin`), EOS's `% Invalid input (at token N: 'word')` and the
// injected faults. It reproduces what a client must cope with on a real switch, not EOS's command tree.
// Modelled from netmiko's and scrapli's EOS drivers and their recorded sessions, not from a capture of a pager.
import { StringDecoder } from "node:string_decoder";
import type { ServerChannel } from "ssh2";
import { applyFilter, commandFault, crlf, garbage, toLines } from "../../../simulator/cli-text.js";
import type { CliConnection, SimDeviceSpec } from "../../../simulator/types.js";

/** The pty is 24 rows: EOS pages 23 lines and the pager prompt. */
const DEFAULT_PAGE_LINES = 23;
const MORE = " --More-- ";
// The pager prompt is erased by returning to the start of the line and overwriting it.
const ERASE_MORE = `\r${" ".repeat(MORE.length)}\r`;
// First words EOS knows: an unknown argument after one of these fails at token 1, any other first word at token 0.
const KNOWN_VERBS = new Set(["bash", "clear", "configure", "copy", "delete", "dir", "disable", "enable", "exit", "install", "logout", "ping", "reload", "show", "terminal", "traceroute", "write"]);
/** What `| json` prints for a command that has no JSON form (modelled on EOS's error object). */
export const UNCONVERTED = '{\n    "errors": [\n        "This is an unconverted command"\n    ]\n}\n';

type Mode = "input" | "busy" | "pager" | "hung";

export function eosInvalidInput(command: string): string {
  const words = command.split(" ");
  const at = KNOWN_VERBS.has(words[0] ?? "") ? 1 : 0;
  return `% Invalid input (at token ${at}: '${words[at] ?? ""}')\n`;
}

class EosCli {
  private pageLines = DEFAULT_PAGE_LINES;
  private readonly decoder = new StringDecoder("utf8");
  private readonly prompt: string;
  private mode: Mode = "input";
  private line = "";
  private lastWasCR = false;
  private typeAhead: string[] = [];
  private pendingLines: string[] = [];
  private closed = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly channel: ServerChannel,
    private readonly spec: SimDeviceSpec,
    private readonly connection: CliConnection,
  ) {
    this.prompt = `${spec.hostname}#`;
    channel.on("data", (data: Buffer) => this.onData(data));
    channel.on("close", () => this.stop());
  }

  start(): void {
    if (this.spec.faults?.some((fault) => fault.kind === "hang-after-login")) {
      this.mode = "hung";
      return;
    }
    this.write(`Last login: Mon Jan 13 09:12:44 2025 from 10.10.1.5\r\n${this.prompt}`);
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
    if (this.mode === "pager") this.onPagerKey(ch);
    else this.onLineKey(ch);
  }

  private onLineKey(ch: string): void {
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
      this.write(`^C\r\n${this.prompt}`);
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
    if (command === "exit" || command === "logout" || command === "quit") {
      this.stop();
      this.channel.exit(0);
      this.channel.end();
      return;
    }
    const { lines, paged } = fault?.kind === "unknown-command" ? { lines: toLines(eosInvalidInput(command)), paged: true } : this.answer(command);
    if (fault?.kind === "garbage") this.write(Buffer.concat([garbage(), Buffer.from(`\r\n${this.prompt}`)]));
    else if (fault?.kind === "disconnect-mid-output") this.disconnectMidOutput(lines);
    else if (fault?.kind === "slow-output") void this.respond(lines, paged, fault);
    else void this.respond(lines, paged);
  }

  /** The lines a command prints, and whether the pager may stop them (`| no-more` and `| json` are not paged). */
  private answer(command: string): { lines: string[]; paged: boolean } {
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
    if (text === undefined || pipes.length === 0) return { lines: toLines(eosInvalidInput(command)), paged: true };
    let lines = toLines(text);
    let paged = true;
    for (const pipe of pipes) {
      if (pipe === "json") return { lines: toLines(UNCONVERTED), paged: false };
      if (pipe === "no-more") {
        paged = false;
        continue;
      }
      const filtered = applyFilter(lines, pipe);
      if (filtered === undefined) return { lines: toLines(eosInvalidInput(command)), paged: true };
      lines = filtered;
    }
    return { lines, paged };
  }

  private disconnectMidOutput(lines: string[]): void {
    const wire = Buffer.from(crlf(lines));
    this.write(wire.subarray(0, Math.ceil(wire.length / 2)));
    this.mode = "hung";
    this.connection.drop();
  }

  private async respond(lines: string[], paged: boolean, slow?: { chunkBytes: number; delayMs: number }): Promise<void> {
    this.mode = "busy";
    const page = paged && lines.length > this.pageLines;
    await this.send(crlf(page ? lines.slice(0, this.pageLines) : lines), slow);
    if (page) {
      this.pendingLines = lines.slice(this.pageLines);
      this.write(MORE);
      this.enter("pager");
    } else {
      this.finish();
    }
  }

  private onPagerKey(ch: string): void {
    if (ch === "q" || ch === "\x03") {
      this.pendingLines = [];
      this.write(ERASE_MORE);
      this.finish();
    } else if (ch === " " || ch === "\r" || ch === "\n") {
      const count = ch === " " ? this.pageLines : 1;
      const next = this.pendingLines.slice(0, count);
      this.pendingLines = this.pendingLines.slice(count);
      this.write(ERASE_MORE + crlf(next));
      if (this.pendingLines.length > 0) this.write(MORE);
      else this.finish();
    }
  }

  private finish(): void {
    this.write(this.prompt);
    this.enter("input");
  }

  private enter(mode: Mode): void {
    this.mode = mode;
    const keys = this.typeAhead;
    this.typeAhead = [];
    for (const [i, ch] of keys.entries()) {
      this.onKey(ch);
      if (this.mode === "busy" || this.mode === "hung") {
        this.typeAhead.push(...keys.slice(i + 1));
        return;
      }
    }
  }

  private async send(text: string, slow?: { chunkBytes: number; delayMs: number }): Promise<void> {
    if (!slow) {
      this.write(text);
      return;
    }
    const bytes = Buffer.from(text);
    for (let at = 0; at < bytes.length && !this.closed; at += slow.chunkBytes) {
      await new Promise<void>((resolve) => (this.timer = setTimeout(resolve, slow.delayMs)));
      this.write(bytes.subarray(at, at + slow.chunkBytes));
    }
  }
}

/** Runs the EOS CLI on an accepted shell channel until the client leaves or the connection drops. */
export function runEosShell(channel: ServerChannel, spec: SimDeviceSpec, connection: CliConnection): void {
  new EosCli(channel, spec, connection).start();
}
