// The system-state parser on real captures, on pretty port dumps written by us, on malformed input,
// and as a round trip: any value printed in the format parses back to itself.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePanosSystemState, parseSystemStateText, type StateValue } from "../../../../src/platforms/paloalto_panos/parsers/system-state.js";
import { ParseError } from "../../../../src/parse/types.js";
import { parsePanosXmlResponse as parseXml } from "../../../../src/platforms/paloalto_panos/parsers/xml-response.js";
import { fixture, formatEntry } from "./system-state-format.js";

// Real XML API captures (pan-os-upgrade-assurance); the system-state text is the CDATA of <result>.
function cdataOf(path: string): string {
  const result = parseXml(fixture(path));
  if (typeof result !== "string") throw new Error(`${path}: <result> is not text`);
  return result;
}

const MTU_CAPTURE =
  "paloalto_panos/show_system_state_filter_sw.dev.interface.config/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_interfaces_mtu__L2966-2972.xml";
const MP_CAPTURE =
  "paloalto_panos/show_system_state_filter_sys.monitor.mp.exports/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_mp_cpu_utilization__L2691-2697.xml";

function parseError(raw: string): ParseError {
  try {
    parseSystemStateText(raw);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error(`expected a ParseError for: ${raw}`);
}

describe("panos-system-state on real captures", () => {
  it("reads sw.dev.interface.config: MAC addresses stay text, MTUs become numbers, empty maps stay maps", () => {
    const state = parseSystemStateText(cdataOf(MTU_CAPTURE));
    expect(Object.keys(state)).toEqual(["sw.dev.interface.config"]);
    expect(state["sw.dev.interface.config"]).toEqual({
      TCI: { hwaddr: "b4:0c:25:ea:00:0c", mtu: 1500 },
      "ethernet1/1": { hwaddr: "b4:0c:25:ea:00:40", mtu: 1500 },
      "ethernet1/1.100": {},
      "ethernet1/2": { hwaddr: "b4:0c:25:ea:00:41", mtu: 1200 },
      "ethernet1/3": { hwaddr: "b4:0c:25:ea:00:42", mtu: 1500 },
      "ha1-a": {},
      "ha1-b": {},
      hsci: {},
    });
  });

  it("reads sys.monitor.s0.mp.exports: lists of maps, None, paths with slashes, keys starting with digits", () => {
    const state = parseSystemStateText(cdataOf(MP_CAPTURE));
    const exports = state["sys.monitor.s0.mp.exports"] as Record<string, StateValue>;
    expect(exports.cpu).toEqual({ "1minavg": 3 });
    expect(exports.slot).toBe(0);
    const disks = exports.disks as Record<string, StateValue>[];
    expect(disks).toHaveLength(7);
    expect(disks[0]).toEqual({ Drive: "sda", Mount: null, "Rd ms": 58486, "Wr ms": 1528378 });
    expect(disks.map((d) => d.Mount)).toEqual([
      null,
      null,
      "/opt/plugins/etc/pki/tls/certs",
      "/opt/plugins/opt/pancfg/mgmt/factory",
      "/opt/panrepo",
      null,
      "/opt/panlogs",
    ]);
  });
});

describe("panos-system-state on pretty port dumps (written by us in the documented format)", () => {
  it("keeps every top-level entry, trims EEPROM padding, and keeps colon-separated OUIs as text", () => {
    const state = parseSystemStateText(fixture("paloalto_panos/show_system_state_filter-pretty_sys.s.p.phy/written-by-preflight__mixed-ports.txt"));
    expect(Object.keys(state)).toEqual(["sys.s1.p1.phy", "sys.s1.p2.phy", "sys.s1.p13.phy", "sys.s1.p14.phy", "sys.s1.p9.phy"]);
    expect(state["sys.s1.p1.phy"]).toEqual({ "link-partner": {}, media: "CAT5", type: "Ethernet" });
    expect(state["sys.s1.p2.phy"]).toEqual({ "link-partner": { duplex: "Full", speed: 1000 }, media: "CAT5", type: "Ethernet" });
    expect(state["sys.s1.p13.phy"]).toMatchObject({
      media: "SFP-Plus-Fiber",
      sfp: { "vendor-name": "OEM", "vendor-part-number": "PAN-SFP-PLUS-SR", "vendor-oui": "00:90:65", "vendor-part-rev": "B4" },
    });
  });

  it("converts whole numeric tokens only, and keeps leading-zero serials, hex and versions as text", () => {
    const state = parseSystemStateText(
      "x: { 'int': 42, 'neg': -7, 'float': 1.5, 'zero': 0, 'serial': 000123, 'hex': 0x1f, 'mac': 00:1b, 'ver': 10.2.4, 'big': 12345678901234567890, 'words': 12 apples, }",
    );
    expect(state.x).toEqual({ int: 42, neg: -7, float: 1.5, zero: 0, serial: "000123", hex: "0x1f", mac: "00:1b", ver: "10.2.4", big: "12345678901234567890", words: "12 apples" });
  });

  it("keeps all scalars as text with convertNumbers: false", () => {
    expect(parsePanosSystemState("x: { 'rev': 1.50, 'n': 7, 'none': None, }", { convertNumbers: false })).toEqual({ x: { rev: "1.50", n: "7", none: null } });
  });

  it("accepts bare top-level scalars, quoted values, CRLF line ends and a missing last comma", () => {
    const state = parseSystemStateText("cfg.a: 17\r\ncfg.b: None\r\ncfg.c: some text / with: colons\r\ncfg.d: { 'q': 'quoted, with comma', 'n': 3 }\r\n");
    expect(state).toEqual({ "cfg.a": 17, "cfg.b": null, "cfg.c": "some text / with: colons", "cfg.d": { q: "quoted, with comma", n: 3 } });
  });

  it("reads a blank value in a map (an EEPROM field of spaces) as empty text", () => {
    expect(parseSystemStateText("a.b: { 'x': , 'y':    , 'z': }")).toEqual({ "a.b": { x: "", y: "", z: "" } });
  });

  it("stores a __proto__ key as data, not as the prototype", () => {
    const state = parseSystemStateText("x: { '__proto__': { 'polluted': 1, }, }");
    const x = state.x as Record<string, StateValue>;
    expect(Object.getPrototypeOf(x)).toBe(Object.prototype);
    expect(Object.keys(x)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("panos-system-state rejects malformed output with a line number", () => {
  it.each([
    ["empty output", "", /output is empty/, 1],
    ["only whitespace", "  \n \n", /output is empty/, 3],
    ["unterminated map", "a.b: {\n  'x': 1,\n  'y': {\n    'z': 2,\n", /unterminated map/, 3],
    ["unterminated list", "a.b: { 'l': [ 1, 2,\n", /unterminated list/, 1],
    ["unterminated quoted key", "a.b: {\n  'x: 1,\n}", /unterminated quoted string/, 2],
    ["unquoted key in a map", "a.b: {\n  x: 1,\n}", /expected a quoted key or "}", found "x: 1,"/, 2],
    ["missing colon after a key", "a.b: { 'x' 1, }", /expected ":" after key 'x'/, 1],
    ["missing comma between values on one line", "a.b: {\n 'x': { } 'y': 2 }", /expected "," or "}" in map/, 2],
    ["stray closing brace", "a.b: { }\n}", /expected a top-level "key: value" entry, found "}"/, 2],
    ["line with no key", "just some words\n", /expected a top-level "key: value" entry/, 1],
    ["top-level key without a value", "a.b:\nc.d: 1", /top-level entry has no value/, 1],
    ["missing value in a list", "a.b: { 'x': [ 1, , ], }", /value expected, found ","/, 1],
    ["brace inside a scalar", "a.b: { 'x': ab{c, }", /unexpected "\{" inside a scalar/, 1],
  ])("%s", (_name, raw, message, line) => {
    const error = parseError(raw);
    expect(error.message).toMatch(message);
    expect(error.line).toBe(line);
  });

  it("refuses absurd nesting instead of overflowing the stack", () => {
    expect(parseError(`a: ${"[".repeat(10_000)}`).message).toMatch(/nesting deeper than/);
  });
});

// Generated values are restricted to what the format can carry: keys without quotes or backslashes,
// scalars without the delimiters , { } [ ] or line breaks, trimmed, not "None", and numeric-looking only
// when they are actual numbers (a string "12" would come back as the number 12, by design).
const key = fc.stringMatching(/^[A-Za-z0-9 ._\-/:]{1,12}$/);
const text = fc
  .stringMatching(/^[A-Za-z0-9 ._\-/:'"]{1,20}$/)
  .map((s) => s.trim())
  .filter((s) => s !== "" && s !== "None" && !/^['"]/.test(s) && !/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(s));
const scalar: fc.Arbitrary<StateValue> = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).filter((n) => !Number.isInteger(n) && !/e/.test(String(n))), fc.constant(null));
const { value } = fc.letrec<{ value: StateValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(key, tie("value"), { maxKeys: 4 }).map((d) => d as StateValue),
  ),
}));
const topKey = fc.stringMatching(/^[a-z][a-z0-9.*_-]{0,20}$/);

describe("panos-system-state round trip (fast-check)", () => {
  it.each([
    ["one-line", false],
    ["pretty", true],
  ])("parses back what was printed %s", (_name, pretty) => {
    fc.assert(
      fc.property(fc.dictionary(topKey, value, { minKeys: 1, maxKeys: 4 }), (entries) => {
        const raw = Object.entries(entries)
          .map(([k, v]) => formatEntry(k, v, pretty))
          .join("\n");
        expect(parseSystemStateText(raw)).toEqual(entries);
      }),
      { numRuns: 300 },
    );
  });
});
