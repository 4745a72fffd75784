// The session every simulated vendor CLI runs on an SSH shell channel: pty-style echo and line editing, a \r\n
// read as one line end, keys typed while a command runs kept and replayed at the prompt (a pty buffers them), a
// pager that stops long outputs until the client answers, and the injected command faults (hang, garbage,
// disconnect mid-output, slow output, unknown command). A vendor's CLI says only what differs: its prompt and
// greeting, its pager's status line and keys, its exit words, its error text and what each command prints.
import { StringDecoder } from "node:string_decoder";
import type { ServerChannel } from "ssh2";
import { commandFault, crlf, garbage, toLines } from "./cli-text.js";
import type { CliConnection, SimDeviceSpec } from "./types.js";

/** What a command prints, and whether the pager may stop it (EOS's `| no-more` and `| json` are never paged). */
export interface Answer {
  lines: string[];
  paged: boolean;
}

export interface PagerStyle {
  /** The status line shown after lines `from`..`to` while more remain (` --More-- `, PAN-OS's `lines 1-20 `). */
  status(from: number, to: number): string;
  /** What removes the status line before the next page or the prompt. */
  erase: string;
  /** Keys that drop the rest of the output, show the next page, show one more line. */
  quitKeys: string;
  pageKeys: string;
  lineKeys: string;
}

export interface CliStyle {
  prompt: string;
  /** Written once the shell opens, before the first prompt (a last-login line, a banner). */
  greeting: string;
  /** Written between a command's output and the next prompt (PAN-OS leaves a blank line). */
  afterOutput: string;
  exitCommands: readonly string[];
  /** Lines per page until the session turns paging off (the pty's 24 rows less the pager's line). */
  pageLines: number;
  pager: PagerStyle;
}

type Mode = "input" | "busy" | "pager" | "hung";

export abstract class PagedCli {
  /** Infinity once the client turns paging off. */
  protected pageLines: number;
  private readonly decoder = new StringDecoder("utf8");
  private mode: Mode = "input";
  private line = "";
  private lastWasCR = false;
  private typeAhead: string[] = [];
  private pendingLines: string[] = [];
  private shownLines = 0;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;

  protected constructor(
    private readonly channel: ServerChannel,
    protected readonly spec: SimDeviceSpec,
    private readonly connection: CliConnection,
    protected readonly style: CliStyle,
  ) {
    this.pageLines = style.pageLines;
    channel.on("data", (data: Buffer) => this.onData(data));
    channel.on("close", () => this.stop());
  }

  /** What the command prints on this device. */
  protected abstract answer(command: string): Answer;
  /** The CLI's error for a command it does not know (the `unknown-command` fault). */
  protected abstract invalid(command: string): Answer;

  start(): void {
    if (this.spec.faults?.some((fault) => fault.kind === "hang-after-login")) {
      this.mode = "hung";
      return;
    }
    this.write(this.style.greeting + this.style.prompt);
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
    // A line may end in \r, \n or \r\n: the \n of a \r\n pair is not a second (empty) line.
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
      this.write(`^C\r\n${this.style.prompt}`);
    } else if (ch >= " ") {
      this.line += ch;
      this.write(ch);
    }
  }

  private run(command: string): void {
    if (command === "") {
      this.write(this.style.prompt);
      return;
    }
    const fault = commandFault(this.spec.faults, command);
    if (fault?.kind === "hang-on-command") {
      this.mode = "hung";
      return;
    }
    if (this.style.exitCommands.includes(command)) {
      this.stop();
      this.channel.exit(0);
      this.channel.end();
      return;
    }
    const { lines, paged } = fault?.kind === "unknown-command" ? this.invalid(command) : this.answer(command);
    if (fault?.kind === "garbage") this.write(Buffer.concat([garbage(), Buffer.from(`\r\n${this.style.afterOutput}${this.style.prompt}`)]));
    else if (fault?.kind === "disconnect-mid-output") this.disconnectMidOutput(lines);
    else if (fault?.kind === "slow-output") void this.respond(lines, paged, fault);
    else void this.respond(lines, paged);
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
      this.shownLines = this.pageLines;
      this.write(this.style.pager.status(1, this.shownLines));
      this.enter("pager");
    } else {
      this.finish();
    }
  }

  private onPagerKey(ch: string): void {
    const pager = this.style.pager;
    if (pager.quitKeys.includes(ch)) {
      this.pendingLines = [];
      this.write(pager.erase);
      this.finish();
    } else if (pager.pageKeys.includes(ch) || pager.lineKeys.includes(ch)) {
      const count = pager.pageKeys.includes(ch) ? this.pageLines : 1;
      const next = this.pendingLines.slice(0, count);
      this.pendingLines = this.pendingLines.slice(count);
      this.write(pager.erase + crlf(next));
      const from = this.shownLines + 1;
      this.shownLines += next.length;
      if (this.pendingLines.length > 0) this.write(pager.status(from, this.shownLines));
      else this.finish();
    }
  }

  private finish(): void {
    this.write(this.style.afterOutput + this.style.prompt);
    this.enter("input");
  }

  /** Switches mode and replays the keys typed meanwhile, which may start the next command. */
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

/** A `--More--`-style pager: the same prompt after every page, erased by overwriting it with spaces. */
export function morePager(more: string): PagerStyle {
  return { status: () => more, erase: `\r${" ".repeat(more.length)}\r`, quitKeys: "q\x03", pageKeys: " ", lineKeys: "\r\n" };
}

/** The lines of a device's text, pageable. */
export const pageable = (text: string): Answer => ({ lines: toLines(text), paged: true });
