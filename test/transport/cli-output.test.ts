// Cleaning interactive CLI output: escape sequences, backspaces, carriage returns, echo and prompt.
import { describe, expect, it } from "vitest";
import { commandOutput, matchingLine, stripAnsi, toPlainText } from "../../src/transport/cli-output.js";

const PROMPT = "admin@fw1> ";

describe("toPlainText", () => {
  it("removes CSI, OSC and charset escapes and invisible controls", () => {
    expect(stripAnsi("\x1b[1;32mgreen\x1b[0m \x1b]0;title\x07ok\x1b(B\x00\x07")).toBe("green ok");
  });

  it("resolves backspaces, bare carriage returns and CRLF", () => {
    expect(toPlainText("abc\b\bX\r\nline2\r\r\nlines 1-20 \r\x1b[Kline21\r\n")).toBe("aX\nline2\nline21\n");
  });
});

describe("commandOutput", () => {
  it("drops the echo, the trailing prompt and blank edges", () => {
    const raw = "show clock\r\n\r\nMon Jan 13 09:12:44 UTC 2025\r\n\r\nadmin@fw1> ";
    expect(commandOutput(raw, "show clock", PROMPT)).toBe("Mon Jan 13 09:12:44 UTC 2025");
  });

  it("drops a late prompt before the echo and keeps output of a CLI that does not echo", () => {
    expect(commandOutput("admin@fw1> show clock\r\nnow\r\nadmin@fw1> ", "show clock", PROMPT)).toBe("now");
    expect(commandOutput("now\r\nadmin@fw1> ", "show clock", PROMPT)).toBe("now");
  });

  it("keeps indentation and inner blank lines", () => {
    expect(commandOutput("show x\r\n  a: 1\r\n\r\n  b: 2\r\nadmin@fw1> ", "show x", PROMPT)).toBe("  a: 1\n\n  b: 2");
  });
});

describe("matchingLine", () => {
  it("returns the line an error pattern matched, even when the match starts on a blank line", () => {
    expect(matchingLine("\n\nInvalid syntax.\nmore", [/^\s*Invalid syntax\./m])).toBe("Invalid syntax.");
    expect(matchingLine("ok", [/^\s*Invalid syntax\./m])).toBeUndefined();
  });
});

describe("toPlainText's fast path", () => {
  // The resolution every chunk got before the fast path (strip, CR LF -> LF, per line: last CR, backspaces).
  const resolved = (raw: string): string =>
    stripAnsi(raw)
      .replace(/\r+\n/g, "\n")
      .split("\n")
      .map((line) => {
        const at = line.lastIndexOf("\r");
        const visible = at === -1 ? line : line.slice(at + 1);
        const out: string[] = [];
        for (const ch of visible) {
          if (ch === "\b") out.pop();
          else out.push(ch);
        }
        return out.join("");
      })
      .join("\n");

  it("gives what full resolution gives, with and without control characters", () => {
    const pieces = ["a", "show x", " ", "\t", "\r\n", "\n", "\r", "\r\r\n", "\b", "\x1b[K", "\x1b[1m", "\x07", "> ", "lines 1-20 ", "é"];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 2000; n++) {
      const raw = Array.from({ length: 1 + (next() % 12) }, () => pieces[next() % pieces.length]).join("");
      expect(toPlainText(raw)).toBe(resolved(raw));
    }
  });
});
