// The panos-phy parser: raw `show system state filter-pretty sys.s*.p*.phy` -> sorted ports with optics.
// No public capture of a PAN-OS port with an optic exists; the fixtures are written by us in the
// documented format (see fixtures/README.md).
import { describe, expect, it } from "vitest";
import { parsePanosPhy, phyPortsFromState, type PhyPort } from "../../../../src/platforms/paloalto_panos/parsers/phy.js";
import { parseSystemStateText } from "../../../../src/platforms/paloalto_panos/parsers/system-state.js";
import { ParseError } from "../../../../src/parse/types.js";
import { fixture, formatEntry } from "./system-state-format.js";

const DIR = "paloalto_panos/show_system_state_filter-pretty_sys.s.p.phy";

function ports(raw: string): PhyPort[] {
  return parsePanosPhy(raw) as PhyPort[];
}

describe("panos-phy", () => {
  it("lists every port sorted by slot then port number, with the optic's EEPROM fields trimmed", () => {
    const list = ports(fixture(`${DIR}/written-by-preflight__mixed-ports.txt`));
    expect(list.map((p) => p.port)).toEqual(["ethernet1/1", "ethernet1/2", "ethernet1/9", "ethernet1/13", "ethernet1/14"]);
    expect(list[0]).toEqual({ port: "ethernet1/1", slot: 1, index: 1, media: "CAT5", type: "Ethernet" });
    expect(list[3]).toEqual({
      port: "ethernet1/13",
      slot: 1,
      index: 13,
      media: "SFP-Plus-Fiber",
      type: "Ethernet",
      sfp: {
        connector: "LC",
        encoding: "64B66B",
        identifier: "SFP",
        transceiver: "10GBASE-SR",
        "vendor-name": "OEM",
        "vendor-oui": "00:90:65",
        "vendor-part-number": "PAN-SFP-PLUS-SR",
        "vendor-part-rev": "B4",
        "vendor-serial-number": "0012AB34",
      },
    });
  });

  it("leaves sfp out for an empty cage or a copper port, so `sfp: exists` selects only optics", () => {
    const list = ports(fixture(`${DIR}/written-by-preflight__mixed-ports.txt`));
    expect(list.filter((p) => p.sfp !== undefined).map((p) => p.port)).toEqual(["ethernet1/9", "ethernet1/13"]);
    expect("sfp" in (list[4] as PhyPort)).toBe(false);
  });

  it("keeps EEPROM values as exact text: revision 1.0 and a leading-zero serial are not numbers", () => {
    const sfp = ports(fixture(`${DIR}/written-by-preflight__mixed-ports.txt`))[2]?.sfp;
    expect(sfp?.["vendor-part-rev"]).toBe("1.0");
    expect(sfp?.["vendor-serial-number"]).toBe("000123456789");
    expect(sfp?.["vendor-name"]).toBe("OEM");
  });

  it("reads the one-line (non-pretty) output the same way", () => {
    const list = ports(fixture(`${DIR}/written-by-preflight__one-line.txt`));
    expect(list.map((p) => [p.port, p.sfp?.["vendor-part-number"]])).toEqual([
      ["ethernet1/1", undefined],
      ["ethernet1/13", "PAN-SFP-PLUS-SR"],
    ]);
  });

  it("numbers ports of several slots (chassis firewalls) and sorts numerically, not as text", () => {
    const list = ports(fixture(`${DIR}/written-by-preflight__two-slots.txt`));
    expect(list.map((p) => p.port)).toEqual(["ethernet2/1", "ethernet2/10", "ethernet3/1", "ethernet3/2"]);
    expect(list[3]?.sfp?.transceiver).toBe("40GBASE-SR4");
  });

  it("ignores other system-state entries mixed into the output", () => {
    const raw = `sys.s1.p1.phy: { 'media': CAT5, 'type': Ethernet, }\nsys.s1.p1.link: { 'speed': 1000, }\nsys.s1.p1: { }`;
    expect(ports(raw).map((p) => p.port)).toEqual(["ethernet1/1"]);
  });

  it("turns numbers into text when given state parsed with number conversion", () => {
    const state = parseSystemStateText(formatEntry("sys.s1.p5.phy", { media: "SFP-Fiber", sfp: { "vendor-part-rev": 2, "vendor-name": "X" } }, true));
    expect(phyPortsFromState(state)[0]?.sfp).toEqual({ "vendor-part-rev": "2", "vendor-name": "X" });
  });

  it("reports a missing media or type as null instead of guessing", () => {
    expect(ports("sys.s1.p4.phy: { 'link-partner': { }, }")[0]).toMatchObject({ media: null, type: null });
  });

  it.each([
    ["empty output", "", /output is empty/],
    ["whitespace only", "\n  \n", /output is empty/],
    ["no phy entry", "sw.dev.interface.config: { 'ethernet1/1': { 'mtu': 1500, }, }", /no "sys\.sN\.pM\.phy" entry/],
    ["an XML error response", "<response status='error'><msg>Invalid syntax.</msg></response>", /status "error"/],
  ])("rejects %s with a ParseError: there is no port to report", (_name, raw, message) => {
    expect(() => parsePanosPhy(raw)).toThrow(ParseError);
    expect(() => parsePanosPhy(raw)).toThrow(message);
  });

  it.each([
    ["phy entry that is not a map", "sys.s1.p1.phy: down", /sys\.s1\.p1\.phy: expected a "\{ \.\.\. \}" map, found "down"/],
    ["sfp that is not a map", "sys.s1.p1.phy: { 'sfp': [ ], }", /"sfp" should be a map, found a list/],
    ["media that is a map", "sys.s1.p1.phy: { 'media': { }, }", /"media" should be a scalar/],
    ["malformed entry", "sys.s1.p1.phy: {\n  'media': CAT5,\n", /sys\.s1\.p1\.phy \(line 1\): system state: unterminated map/],
  ])("makes %s that port's error, with its raw text", (_name, raw, message) => {
    const [port] = ports(raw);
    expect(port).toMatchObject({ port: "ethernet1/1", media: null, type: null, raw: raw });
    expect(port?.error).toMatch(message);
  });
});
