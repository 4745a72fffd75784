// The TextFSM language as google/textfsm's parser.py runs it: Value options, actions, states, EOF, and the
// template errors (with file:line:col). Expected records follow the reference's rules, noted where subtle.
import { describe, expect, it } from "vitest";
import { runTemplate, splitLines, TextFSMError } from "../../src/textfsm/fsm.js";
import { parseText, TextFSMTimeoutError } from "../../src/textfsm/parse.js";
import { parseTemplate, TextFSMTemplateError } from "../../src/textfsm/template.js";

const t = (...lines: string[]) => parseTemplate(`${lines.join("\n")}\n`, "t.textfsm");
const rows = (template: ReturnType<typeof t>, text: string) => runTemplate(template, text).rows;

describe("records", () => {
  it("records at Record and once more at the end of input (the implicit EOF record)", () => {
    const tpl = t("Value A (\\S+)", "Value B (\\d+)", "", "Start", "  ^a ${A} -> Record", "  ^b ${B}");
    expect(rows(tpl, "a x\na y\nb 1\n")).toEqual([["x", ""], ["y", ""], ["", "1"]]);
  });

  it("an explicit EOF state suppresses the implicit record; End stops reading", () => {
    expect(rows(t("Value A (\\S+)", "", "Start", "  ^a ${A}", "", "EOF"), "a x\n")).toEqual([]);
    expect(rows(t("Value A (\\S+)", "", "Start", "  ^a ${A} -> Record", "  ^stop -> End"), "a x\nstop\na y\n")).toEqual([["x"]]);
    // Going to EOF (not declared) stops reading but still records at the end.
    expect(rows(t("Value A (\\S+)", "", "Start", "  ^a ${A}", "  ^stop -> EOF"), "a x\nstop\na y\n")).toEqual([["x"]]);
  });

  it("skips a record whose values are all empty, and one that lacks a Required value", () => {
    const tpl = t("Value Required A (\\S+)", "Value B (\\S+)", "", "Start", "  ^a ${A}", "  ^b ${B}", "  ^r -> Record");
    expect(rows(tpl, "r\nb 1\nr\na 2\nr\n")).toEqual([["2", ""]]);
  });

  it("Filldown keeps a value across records until Clearall; Clear keeps it too", () => {
    const tpl = t("Value Filldown H (\\S+)", "Value I (\\S+)", "", "Start", "  ^host ${H}", "  ^if ${I} -> Record", "  ^clear -> Clear", "  ^reset -> Clearall");
    expect(rows(tpl, "host r1\nif e1\nif e2\nclear\nif e3\nreset\nif e4\n")).toEqual([["r1", "e1"], ["r1", "e2"], ["r1", "e3"], ["", "e4"]]);
  });

  it("a Filldown value alone still makes the implicit EOF record non-empty, as in the reference", () => {
    const tpl = t("Value Filldown H (\\S+)", "Value I (\\S+)", "", "Start", "  ^host ${H}", "  ^if ${I} -> Record");
    expect(rows(tpl, "host r1\nif e1\n")).toEqual([["r1", "e1"], ["r1", ""]]);
  });

  it("Fillup copies a value up into earlier records until one has it", () => {
    const tpl = t("Value I (\\S+)", "Value Fillup V (\\S+)", "", "Start", "  ^if ${I} -> Record", "  ^vlan ${V} -> Record");
    expect(rows(tpl, "if a\nif b\nvlan 10\nif c\n")).toEqual([["a", "10"], ["b", "10"], ["", "10"], ["c", ""]]);
  });

  it("List collects every match; nested named groups become objects", () => {
    const tpl = t("Value N (\\S+)", "Value List M (\\S+)", "Value List P ((?P<name>\\w+):(?P<port>\\d+))", "", "Start", "  ^n ${N}", "  ^m ${M}", "  ^p ${P}", "  ^end -> Record");
    expect(rows(tpl, "n x\nm 1\nm 2\np a:1\np b:2\nend\n")).toEqual([["x", ["1", "2"], [{ name: "a", port: "1" }, { name: "b", port: "2" }]]]);
  });

  it("Continue tries the next rules with the same line; Next.Record changes state", () => {
    const tpl = t("Value A (\\S+)", "Value B (\\S+)", "", "Start", "  ^${A} -> Continue", "  ^\\S+ ${B} -> Next.Record Body", "", "Body", "  ^x ${A} -> Record Start");
    expect(rows(tpl, "p q\nx y\nr s\n")).toEqual([["p", "q"], ["y", ""], ["r", "s"]]);
  });

  it("Error stops the parse with the template's message, the rule's line and the input line", () => {
    const tpl = t("Value A (\\S+)", "", "Start", "  ^ok ${A}", '  ^. -> Error "unexpected line"');
    expect(() => rows(tpl, "ok 1\nboom\n")).toThrow(TextFSMError);
    expect(() => rows(tpl, "ok 1\nboom\n")).toThrow('t.textfsm:5: Error "unexpected line" on input line 2: "boom"');
  });

  it("splits lines as Python's str.splitlines() does", () => {
    expect(splitLines("a\r\nb\rc\fd\x1ce\u2028f\n")).toEqual(["a", "b", "c", "d", "e", "f"]);
    expect(splitLines("")).toEqual([]);
    expect(splitLines("a\n\n")).toEqual(["a", ""]);
  });
});

describe("clitable output", () => {
  it("lower-cases the keys and, with clitable, prints List items as Python's str() does", () => {
    const tpl = t("Value NAME (\\S+)", "Value List X ((?P<k>\\w+)=(?P<v>\\w+)?)", "Value List Y (\\d+)", "", "Start", "  ^n ${NAME}", "  ^x ${X}", "  ^y (${Y})?-", "  ^end -> Record");
    const text = "n a\nx k=v\nx j=\ny -\ny 1-\nend\n";
    expect(parseText([tpl], text)).toEqual([{ name: "a", x: [{ k: "k", v: "v" }, { k: "j", v: null }], y: [null, "1"] }]);
    expect(parseText([tpl], text, { clitable: true })).toEqual([{ name: "a", x: ["{'k': 'k', 'v': 'v'}", "{'k': 'j', 'v': None}"], y: ["None", "1"] }]);
  });

  it("merges several templates on the first template's Key values, as clitable does", () => {
    const a = t("Value Key PORT (\\S+)", "Value STATUS (\\S+)", "", "Start", "  ^status ${PORT} ${STATUS} -> Record");
    const b = t("Value Key PORT (\\S+)", "Value SPEED (\\S+)", "", "Start", "  ^speed ${PORT} ${SPEED} -> Record");
    const text = "status e1 up\nstatus e2 down\nspeed e2 10G\nspeed e3 1G\n";
    expect(parseText([a, b], text)).toEqual([
      { port: "e1", status: "up", speed: "" },
      { port: "e2", status: "down", speed: "10G" },
    ]);
  });

  it("stops a catastrophically backtracking regex at the time limit with an error naming the template", () => {
    const tpl = t("Value A ((a+)+)", "", "Start", "  ^${A}b -> Record");
    const started = Date.now();
    expect(() => parseText([tpl], `${"a".repeat(40)}c\n`, { timeLimitMs: 200 })).toThrow(TextFSMTimeoutError);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(() => parseText([tpl], `${"a".repeat(40)}c\n`, { timeLimitMs: 200 })).toThrow(/t\.textfsm: parsing took longer than 200 ms/);
  });
});

describe("template errors", () => {
  const error = (text: string): string => {
    try {
      parseTemplate(text, "bad.textfsm");
    } catch (err) {
      expect(err).toBeInstanceOf(TextFSMTemplateError);
      return (err as Error).message;
    }
    throw new Error("the template was accepted");
  };

  it.each([
    ["Value A (\\S+)\nStart\n  ^x\n", "bad.textfsm:2:1: expected a blank line after the last Value entry"],
    ["Start\n  ^x\n", "bad.textfsm:1:1: no Value definitions found"],
    ["Value Bogus A (\\S+)\n\nStart\n  ^x\n", 'bad.textfsm:1:7: unknown option "Bogus"'],
    ["Value Required,Required A (\\S+)\n\nStart\n", 'bad.textfsm:1:16: duplicate option "Required"'],
    // As in the reference, a third token not starting with "(" makes the second the options.
    ["Value A \\S+\n\nStart\n", 'bad.textfsm:1:7: unknown option "A"'],
    ["Value A (\\S+\n\nStart\n", "bad.textfsm:1:9: Value 'A': the regex '(\\S+' must be contained within a '()' pair"],
    ["Value A (\\S+[)\n\nStart\n", "bad.textfsm:1:13: Value 'A': invalid regex: unterminated character set"],
    ["Value A (\\S+)\nValue A (\\d+)\n\nStart\n", "bad.textfsm:2:1: duplicate declarations for Value 'A'"],
    ["Value A (\\S+)\n\nBegin\n  ^x\n", "bad.textfsm:4:1: missing state 'Start'"],
    ["Value A (\\S+)\n\nStart\n  ^x -> Nowhere\n", "bad.textfsm:4:1: state 'Nowhere' not found, referenced in state 'Start'"],
    ["Value A (\\S+)\n\nStart\n^x\n", "bad.textfsm:4:1: a rule starts with one or two spaces"],
    ["Value A (\\S+)\n\nStart\n   ^x\n", "bad.textfsm:4:1: a rule starts with one or two spaces"],
    ["Value A (\\S+)\n\nStart\n  ^x ${B}\n", "bad.textfsm:4:6: unknown Value 'B' in '${B}'"],
    ["Value A (\\S+)\n\nStart\n  ^x $\n", "bad.textfsm:4:6: invalid '$' in a rule"],
    ["Value A (\\S+)\n\nStart\n  ^x [a\n", "bad.textfsm:4:6: invalid regex: unterminated character set"],
    ["Value A (\\S+)\n\nStart\n  ^x ${A}+*\n", "bad.textfsm:4:11: invalid regex: multiple repeat"],
    ["Value A (\\S+)\n\nStart\n  ^x -> Continue Other\n\nOther\n", "bad.textfsm:4:6: action 'Continue' with new state Other"],
    ["Value A (\\S+)\n\nStart\n  ^x -> Next.Bogus\n", "bad.textfsm:4:6: badly formatted rule action"],
    ["Value A (\\S+)\n\nStart\n  ^x\n\nEOF\n  ^y\n", "bad.textfsm:7:1: the 'EOF' state must be empty"],
    ["Value A (\\S+)\n\nStart\n  ^x\n\nStart\n", "bad.textfsm:6:1: duplicate state name 'Start'"],
    ["Value A (\\S+)\n\nStart\n  ^x\n\nRecord\n", "bad.textfsm:6:1: invalid state name 'Record'"],
  ])("%j", (text, message) => {
    expect(error(text)).toContain(message);
  });

  it("reads $$ as a literal $ and ${NAME} / $NAME as the Value's named group", () => {
    const tpl = t("Value A (\\S+)", "Value B (\\d+)", "", "Start", "  ^$A=$B$$ -> Record");
    expect(rows(tpl, "x=1\nx=1 \n")).toEqual([["x", "1"]]);
  });
});
