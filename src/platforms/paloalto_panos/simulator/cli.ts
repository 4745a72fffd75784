// The PAN-OS operational CLI as a simulated firewall runs it on an SSH shell channel: login line, prompt,
// pty-style echo, the `set cli` session settings, the `lines 1-20 ` pager and the injected command faults.
// It reproduces what clients must cope with on a real device, not PAN-OS's command tree.
import { StringDecoder } from "node:string_decoder";
import type { ServerChannel } from "ssh2";
import { commandFault, crlf, garbage, toLines } from "../../../simulator/cli-text.js";
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


type Mode = "input" | "busy" | "pager" | "hung";

export function cliError(command: string): string {
  const verb = command.split(" ")[0] ?? "";
  return KNOWN_VERBS.has(verb) ? "Invalid syntax.\n" : `Unknown command: ${verb}\n`;
}

/** What PAN-OS prints in XML output mode for a command it cannot run. */
function xmlError(command: string): string {
  return `<response status="error"><msg><line>${cliError(command).trim()}</line></msg></response>\n`;
}

class PanosCli {
  private readonly settings: CliSettings = { pager: true, xml: false };
  private readonly decoder = new StringDecoder("utf8");
  private readonly prompt: string;
  private mode: Mode = "input";
  private line = "";
  private lastWasCR = false;
  /** Keys typed while a command runs: a pty buffers them and the CLI reads them once it is back at the prompt. */
  private typeAhead: string[] = [];
  private pendingLines: string[] = [];
  private shownLines = 0;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly channel: ServerChannel,
    private readonly spec: SimDeviceSpec,
    private readonly connection: CliConnection,
  ) {
    this.prompt = `${spec.username}@${spec.hostname}> `;
    channel.on("data", (data: Buffer) => this.onData(data));
    channel.on("close", () => this.stop());
  }

  start(): void {
    if (this.spec.faults?.some((fault) => fault.kind === "hang-after-login")) {
      this.mode = "hung";
      return;
    }
    this.write(`Last login: Mon Jan 13 09:12:44 2025 from 10.10.1.5\r\n\r\n${this.prompt}`);
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
    if (command === "exit" || command === "quit") {
      this.stop();
      this.channel.exit(0);
      this.channel.end();
      return;
    }
    const text = fault?.kind === "unknown-command" ? cliError(command) : this.answer(command);
    if (fault?.kind === "garbage") this.write(Buffer.concat([garbage(), Buffer.from(`\r\n\r\n${this.prompt}`)]));
    else if (fault?.kind === "disconnect-mid-output") this.disconnectMidOutput(text);
    else if (fault?.kind === "slow-output") void this.respond(toLines(text), fault);
    else void this.respond(toLines(text));
  }

  private answer(command: string): string {
    for (const setting of SETTINGS) {
      const match = setting.pattern.exec(command);
      if (match) {
        setting.apply?.(this.settings, match);
        return "";
      }
    }
    if (this.settings.xml) return this.spec.xmlOutputs?.[command] ?? xmlError(command);
    return this.spec.outputs[command] ?? cliError(command);
  }

  private disconnectMidOutput(text: string): void {
    const wire = Buffer.from(crlf(toLines(text)));
    this.write(wire.subarray(0, Math.ceil(wire.length / 2)));
    this.mode = "hung";
    this.connection.drop();
  }

  /** Prints the answer, a page at a time while the pager is on, then the blank line and the prompt. */
  private async respond(lines: string[], slow?: { chunkBytes: number; delayMs: number }): Promise<void> {
    this.mode = "busy";
    const paged = this.settings.pager && lines.length > PAGE_LINES;
    const first = paged ? lines.slice(0, PAGE_LINES) : lines;
    await this.send(crlf(first), slow);
    if (paged) {
      this.pendingLines = lines.slice(PAGE_LINES);
      this.shownLines = PAGE_LINES;
      this.write(`lines 1-${PAGE_LINES} `);
      this.enter("pager");
    } else {
      this.finish();
    }
  }

  private onPagerKey(ch: string): void {
    if (ch === "q") {
      this.pendingLines = [];
      this.write(CLEAR_STATUS_LINE);
      this.finish();
    } else if (ch === " ") {
      this.nextPage();
    }
  }

  private nextPage(): void {
    const page = this.pendingLines.slice(0, PAGE_LINES);
    this.pendingLines = this.pendingLines.slice(PAGE_LINES);
    this.write(CLEAR_STATUS_LINE + crlf(page));
    const from = this.shownLines + 1;
    this.shownLines += page.length;
    if (this.pendingLines.length > 0) this.write(`lines ${from}-${this.shownLines} `);
    else this.finish();
  }

  private finish(): void {
    this.write(`\r\n${this.prompt}`);
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

/** Runs the PAN-OS CLI on an accepted shell channel until the client leaves or the connection drops. */
export function runPanosShell(channel: ServerChannel, spec: SimDeviceSpec, connection: CliConnection): void {
  new PanosCli(channel, spec, connection).start();
}
