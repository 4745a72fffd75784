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
