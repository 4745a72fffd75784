// Text and fault helpers every simulated vendor CLI shares: a device's output as lines, the wire's CRLF, the fault
// that applies to a command, line noise for the `garbage` fault, and the `| include/exclude/begin` filters that
// EOS and NX-OS apply to printed lines. The CLIs differ in prompts, pagers and errors, not in these.
// PagedShell (below) is the echo, type-ahead, pager and fault handling of such a CLI, driven by a ShellDialect.
import { randomBytes } from "node:crypto";
import type { Fault } from "./types.js";
import { StringDecoder } from "node:string_decoder";
import type { ServerChannel } from "ssh2";
import type { CliConnection, SimDeviceSpec } from "./types.js";

/** The fault injected on this command, if any (faults that act before the shell are not command faults). */
export function commandFault(faults: Fault[] | undefined, command: string): Fault | undefined {
  return faults?.find((f) => f.kind !== "refuse" && f.kind !== "auth-reject" && f.kind !== "hang-after-login" && (f.command === undefined || f.command === command));
}

/** Random bytes with control characters and invalid UTF-8 guaranteed in them. */
export function garbage(): Buffer {
  return Buffer.concat([randomBytes(96), Buffer.from([0x00, 0x07, 0x1b, 0x08, 0xff, 0xfe, 0xc3, 0x28, 0x80]), randomBytes(96)]);
}

/** The device's text (\n endings) as lines; a trailing newline does not make an extra line. */
export function toLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Lines as the pty puts them on the wire. */
export const crlf = (lines: string[]): string => lines.map((line) => `${line}\r\n`).join("");

/** `| include`, `| exclude` and `| begin` on the printed lines (the argument is a regular expression). */
export function applyFilter(lines: string[], filter: string): string[] | undefined {
  const m = /^(include|exclude|begin) (.+)$/.exec(filter);
  if (!m) return undefined;
  let re: RegExp;
  try {
    re = new RegExp(m[2] as string);
  } catch {
    return undefined;
  }
  if (m[1] === "include") return lines.filter((l) => re.test(l));
  if (m[1] === "exclude") return lines.filter((l) => !re.test(l));
  const at = lines.findIndex((l) => re.test(l));
  return at === -1 ? [] : lines.slice(at);
}

/** What a simulated CLI prints for one command line. */
export interface ShellAnswer {
  lines: string[];
  /** Whether the pager may stop the output (`| no-more` and structured outputs are never paged on some CLIs). */
  paged: boolean;
  /** The screen length from now on (a `terminal length`/`set cli screen-length` command); 0 is no paging. */
  pageLines?: number;
}

/** The vendor side of a paged, echoing CLI: its prompt, greeting, pager text and answers. */
export interface ShellDialect {
  /** Printed after login, before the first prompt (`\r\n` line endings). */
  greeting: string;
  /** Printed after every command and after login; it may start with lines of its own (Junos's `{master:0}`). */
  prompt: string;
  /** The pager's prompt, given how many of the output's lines are already shown. */
  more(shown: number, total: number): string;
  /** The lines a command prints. */
  answer(command: string): ShellAnswer;
  /** What the CLI prints for a command it does not know (the `unknown-command` fault). */
  unknown(command: string): string[];
}

type ShellMode = "input" | "busy" | "pager" | "hung";

/**
 * A CLI on an SSH shell channel, as network devices run one: pty-style echo with backspace and ^C, type-ahead
 * kept while a command runs, a pager (space: a page, Enter: a line, q or ^C: stop) until the screen length is 0,
 * `exit`/`logout`/`quit`, and the injected faults. The dialect gives everything that differs between vendors.
 */
export class PagedShell {
  private pageLines: number;
  private readonly decoder = new StringDecoder("utf8");
  private mode: ShellMode = "input";
  private line = "";
  private lastWasCR = false;
  private typeAhead: string[] = [];
  private pendingLines: string[] = [];
  private shownLines = 0;
  private totalLines = 0;
  private moreText = "";
  private closed = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly channel: ServerChannel,
    private readonly spec: SimDeviceSpec,
    private readonly connection: CliConnection,
    private readonly dialect: ShellDialect,
    pageLines = 23,
  ) {
    this.pageLines = pageLines;
    channel.on("data", (data: Buffer) => this.onData(data));
    channel.on("close", () => this.stop());
  }

  start(): void {
    if (this.spec.faults?.some((fault) => fault.kind === "hang-after-login")) {
      this.mode = "hung";
      return;
    }
    this.write(this.dialect.greeting + this.dialect.prompt);
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
      this.write(`^C\r\n${this.dialect.prompt}`);
    } else if (ch >= " ") {
      this.line += ch;
      this.write(ch);
    }
  }

  private run(command: string): void {
    if (command === "") {
      this.write(this.dialect.prompt);
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
    const answer = fault?.kind === "unknown-command" ? { lines: this.dialect.unknown(command), paged: true } : this.dialect.answer(command);
    if (answer.pageLines !== undefined) this.pageLines = answer.pageLines === 0 ? Infinity : answer.pageLines;
    if (fault?.kind === "garbage") this.write(Buffer.concat([garbage(), Buffer.from(`\r\n${this.dialect.prompt}`)]));
    else if (fault?.kind === "disconnect-mid-output") this.disconnectMidOutput(answer.lines);
    else if (fault?.kind === "slow-output") void this.respond(answer.lines, answer.paged, fault);
    else void this.respond(answer.lines, answer.paged);
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
      this.totalLines = lines.length;
      this.shownLines = this.pageLines;
      this.showMore();
      this.enter("pager");
    } else {
      this.finish();
    }
  }

  private showMore(): void {
    this.moreText = this.dialect.more(this.shownLines, this.totalLines);
    this.write(this.moreText);
  }

  private onPagerKey(ch: string): void {
    // The pager prompt is erased by returning to the start of the line and overwriting it.
    const erase = `\r${" ".repeat(this.moreText.length)}\r`;
    if (ch === "q" || ch === "\x03") {
      this.pendingLines = [];
      this.write(erase);
      this.finish();
    } else if (ch === " " || ch === "\r" || ch === "\n") {
      const count = ch === " " ? this.pageLines : 1;
      const next = this.pendingLines.slice(0, count);
      this.pendingLines = this.pendingLines.slice(count);
      this.shownLines += next.length;
      this.write(erase + crlf(next));
      if (this.pendingLines.length > 0) this.showMore();
      else this.finish();
    }
  }

  private finish(): void {
    this.write(this.dialect.prompt);
    this.enter("input");
  }

  private enter(mode: ShellMode): void {
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
