// The regex parser on real captures: `show high-availability all` (ntc-templates, compared with the
// maintainers' expected values), `show clock more` and `show clock` (pan-os-upgrade-assurance XML,
// chained through the xml parser), plus its error cases and its options schema compiled with ajv.
import { Ajv } from "ajv";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { parserOptionProblems, parserOptionSchemas } from "../../src/parse/registry.js";
import { cutBlock, parseRegex, regexOptionsSchema } from "../../src/parse/regex.js";
import { ParseError } from "../../src/parse/types.js";
import { parsePanosXmlResponse as parseXml } from "../../src/platforms/paloalto_panos/parsers/xml-response.js";
import { fixture } from "../platforms/paloalto_panos/parsers/system-state-format.js";

const HA = "paloalto_panos/show_high-availability_all/ntc-templates__tests__paloalto_panos__show_high-availability_all__paloalto_panos_show_high-availability_all";
const haRaw = fixture(`${HA}.raw`);
const haExpected = (parseYaml(fixture(`${HA}.yml`)) as { parsed_sample: Record<string, string>[] }).parsed_sample[0] as Record<string, string>;

const CLOCK_MORE = "paloalto_panos/show_clock_more/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_dp_clock_alt_format_all_in_sync__L1554-1569.xml";
const CLOCK = "paloalto_panos/show_clock/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_mp_clock__L1524-1528.xml";

function errorOf(run: () => unknown): ParseError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return e as ParseError;
  }
  throw new Error("expected a ParseError");
}

describe("regex: single match", () => {
  it("reads the local HA state, typed, inside the Local Information block, as ntc-templates does", () => {
    const local = parseRegex(haRaw, {
      block: { start: "^  Local Information:", end: "^  Peer Information:" },
      pattern: String.raw`State: (?<state>\S+)[\s\S]*?Link State: (?<ha1_link_state>\w+); Setting: (?<ha1_link_setting>\S+)[\s\S]*?Priority: (?<priority>\d+)\s+Preemptive: (?<preemptive>\w+)`,
      types: { priority: "int", preemptive: "bool" },
      required: ["state"],
    });
    expect(local).toEqual({
      state: haExpected.state,
      ha1_link_state: haExpected.ha1_link_state,
      ha1_link_setting: haExpected.ha1_link_setting,
      priority: Number(haExpected.priority),
      preemptive: haExpected.preemptive === "yes",
    });
    expect(local).toMatchObject({ state: "active", priority: 50, preemptive: true });
  });

  it("the block decides which section answers: the same pattern reads the peer's priority", () => {
    const pattern = String.raw`Priority: (?<priority>\d+)`;
    expect(parseRegex(haRaw, { pattern, types: { priority: "int" } })).toEqual({ priority: 50 });
    expect(parseRegex(haRaw, { pattern, types: { priority: "int" }, block: { start: "^  Peer Information:" } })).toEqual({ priority: 100 });
    // The local block ends before the peer's lines, so the peer's "Connection status" is not in it.
    expect(() => parseRegex(haRaw, { pattern: "Connection status: (?<s>\\w+)", block: { start: "^  Local Information:", end: "^  Peer Information:" } })).toThrow(
      "pattern /Connection status: (?<s>\\w+)/ matched nothing in the block starting at /^  Local Information:/",
    );
  });

  it("cutBlock keeps the start line and stops before the end line", () => {
    const block = cutBlock(haRaw, "^  Local Information:", "^  Peer Information:").split("\n");
    expect(block[0]).toBe("  Local Information:");
    expect(block.at(-1)).toBe("    State Synchronization: Complete; type: ethernet");
    expect(block).toHaveLength(52); // file lines 3-54
  });

  it("trims captures, ignores unnamed groups, and makes an unmatched optional group null", () => {
    const out = parseRegex(haRaw, { pattern: String.raw`(Group) (?<group>\d+):(?<note> \(.*\))?\s+Mode: (?<mode>.+)` });
    expect(out).toEqual({ group: "1", note: null, mode: "Active-Passive" });
  });

  it("reads show clock through the xml parser, with flags", () => {
    const text = parseXml(fixture(CLOCK)) as string;
    expect(parseRegex(text, { pattern: String.raw`^(?<weekday>[a-z]{3}) (?<month>[a-z]{3}) +(?<day>\d+) (?<time>[\d:]+) (?<zone>\w+) (?<year>\d{4})$`, flags: "im", types: { day: "int", year: "int" } })).toEqual({
      weekday: "Wed",
      month: "May",
      day: 31,
      time: "11:50:21",
      zone: "PDT",
      year: 2023,
    });
  });
});

describe("regex: multiple", () => {
  it("lists the eight monitored HA links", () => {
    const links = parseRegex(haRaw, {
      pattern: String.raw`^ +Interface (?<interface>\S+): (?<state>\w+)`,
      flags: "m",
      multiple: true,
      min: 8,
    }) as Record<string, string>[];
    expect(links).toHaveLength(8);
    expect(links[0]).toEqual({ interface: "ethernet1/1", state: "up" });
    expect(links.map((l) => l.interface)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `ethernet1/${n}`));
  });

  it("lists each dataplane's clock in the multi-DP show clock more", () => {
    const { member } = parseXml(fixture(CLOCK_MORE)) as { member: string[] };
    const clocks = parseRegex(member[0] as string, { pattern: String.raw`DP (?<dp>\S+):\s+dataplane time: (?<time>.+)`, multiple: true });
    expect(clocks).toEqual([
      { dp: "s3dp0", time: "Sun Mar 22 19:19:10 PDT 2026" },
      { dp: "s3dp1", time: "Sun Mar 22 19:19:10 PDT 2026" },
    ]);
  });

  it("fails with fewer records than min, and with none by default; min: 0 allows an empty list", () => {
    const pattern = String.raw`Interface (?<interface>\S+): down`;
    expect(() => parseRegex(haRaw, { pattern, multiple: true })).toThrow(`pattern /${pattern}/ matched 0 times, expected at least 1`);
    expect(parseRegex(haRaw, { pattern, multiple: true, min: 0 })).toEqual([]);
    expect(() => parseRegex(haRaw, { pattern: String.raw`Interface (?<i>\S+): up`, multiple: true, min: 9 })).toThrow(/matched 8 times, expected at least 9/);
  });

  it("skips zero-length matches instead of making empty records", () => {
    expect(parseRegex("a1 b22 c", { pattern: String.raw`(?<n>\d*)`, multiple: true })).toEqual([{ n: "1" }, { n: "22" }]);
  });

  it("handles CRLF output like LF", () => {
    expect(parseRegex("Priority: 50\r\nPreemptive: yes\r\n", { pattern: "^Preemptive: (?<p>.*)$", flags: "m", types: { p: "bool" } })).toEqual({ p: true });
  });
});

describe("regex: errors", () => {
  it("no match names the pattern", () => {
    expect(errorOf(() => parseRegex(haRaw, { pattern: "Priority: (?<p>x)" })).message).toBe("pattern /Priority: (?<p>x)/ matched nothing");
  });

  it("a block whose start is missing is an error, not an empty block", () => {
    expect(() => parseRegex(haRaw, { pattern: "(?<a>.)", block: { start: "^Group 2:" } })).toThrow("block start /^Group 2:/ matches no line of the output");
  });

  it("a value its type refuses is an error naming the field", () => {
    expect(() => parseRegex(haRaw, { pattern: String.raw`Preemptive: (?<preemptive>\w+)`, types: { preemptive: "int" } })).toThrow('field "preemptive": "yes" is not an int');
  });

  it("an empty required group is an error", () => {
    expect(() => parseRegex(haRaw, { pattern: "Management IPv6 Address:(?<v6>.*)", required: ["v6"] })).toThrow(/required group "v6" is empty/);
  });

  it.each([
    [{ pattern: "Priority: (\\d+)" }, /has no named group/],
    [{ pattern: "(?<a>[)" }, /is not a valid regular expression/],
    [{ pattern: "(?<a>\\w+)", flags: "g" }, /only m, i, s and u/],
    [{ pattern: "(?<a>\\w+)", types: { b: "int" } }, /types\.b: no such field/],
    [{ pattern: "(?<a>\\w+)", required: ["b"] }, /required: "b" is not a named group/],
    [{ pattern: "(?<a>(\\s+\\S+)+)$" }, /repeats a group that itself contains \* or \+/],
    [{ pattern: "(?<a>(?:x*y?)*)" }, /repeats a group/],
    [{ pattern: "(?<a>\\w+)", block: { start: "(?:a+){2,}" } }, /block\.start .* repeats a group/],
    [{}, /"pattern" .* is required/],
  ])("refuses bad options %j before reading the output", (options, message) => {
    expect(() => parseRegex(haRaw, options)).toThrow(message);
  });

  it("a catastrophic pattern is refused quickly rather than run", () => {
    const started = Date.now();
    expect(() => parseRegex(`${"a".repeat(40)}!`, { pattern: "^(?<x>(a+)+)$" })).toThrow(/repeats a group/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("escaped and bracketed parentheses are not mistaken for nesting", () => {
    expect(parseRegex("(x) +y", { pattern: String.raw`\((?<a>\w+)\)+ [(+]+(?<b>y)` })).toEqual({ a: "x", b: "y" });
    expect(parseRegex("key = v", { pattern: String.raw`(?<k>\w+)(?: = (?<v>\w+))?` })).toEqual({ k: "key", v: "v" });
  });
});

describe("regex options schema", () => {
  const ajv = new Ajv({ allErrors: true, strict: true });
  const validate = ajv.compile(regexOptionsSchema);

  it("is the one the registry publishes", () => {
    expect(parserOptionSchemas.regex).toBe(regexOptionsSchema);
  });

  it.each([
    { pattern: "(?<a>.)" },
    { pattern: "(?<a>.)", flags: "mi", multiple: true, min: 0, block: { start: "^Local", end: "^Peer" }, types: { a: "int" }, required: ["a"] },
    { pattern: "(?<$x1>.)", multiple: false },
  ])("accepts %j", (options) => {
    expect(validate(options), ajv.errorsText(validate.errors)).toBe(true);
  });

  it.each([
    [{}, "required"],
    [{ pattern: "(\\d+)" }, "pattern"],
    [{ pattern: "(?<=x)(\\d+)" }, "pattern"],
    [{ pattern: "(?<a>.)", flags: "g" }, "pattern"],
    [{ pattern: "(?<a>.)", flags: "mm" }, "pattern"],
    [{ pattern: "(?<a>.)", types: { a: "integer" } }, "enum"],
    [{ pattern: "(?<a>.)", min: 2 }, "false schema"],
    [{ pattern: "(?<a>.)", multiple: true, min: -1 }, "minimum"],
    [{ pattern: "(?<a>.)", multiple: true, min: 1.5 }, "type"],
    [{ pattern: "(?<a>.)", block: { end: "x" } }, "required"],
    [{ pattern: "(?<a>.)", block: { start: "x", stop: "y" } }, "additionalProperties"],
    [{ pattern: "(?<a>.)", multi: true }, "additionalProperties"],
    [{ pattern: "(?<a>.)", required: ["a", "a"] }, "uniqueItems"],
  ])("rejects %j (%s)", (options, keyword) => {
    expect(validate(options)).toBe(false);
    expect(validate.errors?.map((e) => e.keyword)).toContain(keyword);
  });

  it("parserOptionProblems says what a schema cannot", () => {
    expect(parserOptionProblems("regex", { pattern: "(?<a>(a+)+)" })).toEqual([
      "pattern /(?<a>(a+)+)/ repeats a group that itself contains * or +; such patterns can take exponential time, rewrite it without the nesting",
    ]);
    expect(parserOptionProblems("regex", { pattern: "(?<a>.)", types: { a: "int" } })).toEqual([]);
  });
});
