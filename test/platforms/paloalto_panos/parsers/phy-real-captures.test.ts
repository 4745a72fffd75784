// The panos-phy parser on the only public captures of PAN-OS ports with an optic (pan-os-upgrade-assurance PR
// #111, MIT; see fixtures/README.md): a Palo Alto-supplied SFP+ that reports `OEM` / `PAN-SFP-PLUS-SR`, and a
// QSFP+ with per-lane blocks, units and an unquoted value with commas. Then hostile variants: no input may make
// the parser throw anything but a ParseError, and one unreadable port never hides the others.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePanosPhy, type PhyPort } from "../../../../src/platforms/paloalto_panos/parsers/phy.js";
import { ParseError } from "../../../../src/parse/types.js";
import { fixture } from "./system-state-format.js";

const REAL = "paloalto_panos/show_system_state";
const PR111 = "pan-os-upgrade-assurance__tests__test_check_firewall.py__test_check_unsupported_transceivers";
const PROXY = `${REAL}/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_system_state__L1450-1465`;
const PRETTY = "paloalto_panos/show_system_state_filter-pretty_sys.s.p.phy/written-by-preflight__pr111-captures-pretty.txt";

const ports = (raw: string): PhyPort[] => parsePanosPhy(raw) as PhyPort[];

const QSFP_SFP = {
  ch1: { "rx-power": "0.00 mW" },
  ch2: { "rx-power": "0.00 mW" },
  ch3: { "rx-power": "0.00 mW" },
  ch4: { "rx-power": "0.00 mW" },
  connector: "Reserved",
  "diagnostic-monitor": "Yes",
  encoding: "64B66B",
  "ex-spec-compliance-code": "0x0",
  identifier: "QSFPP",
  "link-len-km": "0 km",
  "link-len-om1": "0 m",
  "link-len-om2": "10 m",
  "link-len-om3": "10 m",
  "link-len-om4": "20 m",
  "rx-power-alarm-hi": "0.00 mW",
  "rx-power-alarm-lo": "0.00 mW",
  "rx-power-warn-hi": "0.00 mW",
  "rx-power-warn-lo": "0.00 mW",
  transceiver: "S dist,SN,M5",
  "vendor-name": "FINISAR CORP",
  "vendor-part-number": "FCBN410QB1C10",
  "vendor-part-rev": "B",
  "vendor-serial-number": "YYYYYYY",
};

describe("panos-phy on real captures (pan-os-upgrade-assurance PR #111)", () => {
  it("reads a Palo Alto-supplied SFP+ as the firewall prints it: vendor OEM, part PAN-SFP-PLUS-SR, no serial", () => {
    const list = ports(fixture(`${REAL}/${PR111}_all_supported__L494-506.state.txt`));
    expect(list).toEqual([
      {
        port: "ethernet5/1",
        slot: 5,
        index: 1,
        media: "SFP-Plus-Fiber",
        type: "Ethernet",
        sfp: { connector: "LC", encoding: "Reserved", identifier: "SFP", transceiver: "10000B-SR", "vendor-name": "OEM", "vendor-part-number": "PAN-SFP-PLUS-SR", "vendor-part-rev": "B4" },
      },
    ]);
  });

  it("reads a QSFP+ with lane blocks, units, a timestamp and the comma-holding transceiver code", () => {
    const list = ports(fixture(`${REAL}/${PR111}_not_oem__L435-448.state.txt`));
    expect(list.map((p) => p.port)).toEqual(["ethernet5/1", "ethernet6/2"]);
    for (const port of list) {
      expect(port.error).toBeUndefined();
      expect(port).toMatchObject({ media: "QSFP-Plus-Fiber", type: "Ethernet" });
      expect(port.sfp).toEqual(QSFP_SFP);
    }
  });

  it("reads the XML API response (CDATA) and its extracted text the same way", () => {
    const fromXml = ports(fixture(`${PROXY}.xml`));
    expect(fromXml).toEqual(ports(fixture(`${PROXY}.cdata.txt`)));
    expect(fromXml).toEqual([{ port: "ethernet6/1", slot: 6, index: 1, media: "QSFP-Plus-Fiber", type: "Ethernet", sfp: QSFP_SFP }]);
  });

  it("reads a copper port: media CAT5, no sfp", () => {
    expect(ports(fixture(`${REAL}/${PR111}_no_sfp__L510-522.state.txt`))).toEqual([{ port: "ethernet4/20", slot: 4, index: 20, media: "CAT5", type: "Ethernet" }]);
  });

  it("reads the same ports printed filter-pretty (modelled from the captures) exactly as the one-line form", () => {
    const pretty = ports(fixture(PRETTY));
    const oneLine = [
      ...ports(fixture(`${REAL}/${PR111}_all_supported__L494-506.state.txt`)),
      ...ports(fixture(`${REAL}/${PR111}_no_sfp__L510-522.state.txt`)),
      ...ports(fixture(`${PROXY}.cdata.txt`)),
    ].sort((a, b) => a.slot - b.slot || a.index - b.index);
    expect(pretty).toEqual(oneLine);
  });
});

const QSFP_LINE = fixture(`${PROXY}.cdata.txt`).split("\n").find((l) => l.startsWith("sys.s6.p1.phy")) as string;
const copper = (slot: number, port: number) => `sys.s${slot}.p${port}.phy: { 'link-partner': { }, 'media': CAT5, 'type': Ethernet, }`;

describe("panos-phy on hostile variants", () => {
  it("makes a truncated block that port's error and still reads the ports around it", () => {
    const cutLine = QSFP_LINE.slice(0, QSFP_LINE.indexOf("'vendor-part-number'")).replace("sys.s6.p1", "sys.s1.p2");
    const list = ports([copper(1, 1), cutLine, copper(1, 3)].join("\n"));
    expect(list.map((p) => [p.port, p.error === undefined])).toEqual([
      ["ethernet1/1", true],
      ["ethernet1/2", false],
      ["ethernet1/3", true],
    ]);
    expect(list[1]?.error).toMatch(/^sys\.s1\.p2\.phy \(line 2\): system state: /);
    expect(list[1]?.raw).toBe(cutLine);
  });

  it("keeps an optic whose EEPROM keys are missing: sfp is there without vendor-name or part number", () => {
    const [port] = ports("sys.s1.p7.phy: { 'media': SFP-Plus-Fiber, 'sfp': { 'connector': LC, 'vendor-part-rev': , }, 'type': Ethernet, }".replace("'vendor-part-rev': , ", ""));
    expect(port).toEqual({ port: "ethernet1/7", slot: 1, index: 7, media: "SFP-Plus-Fiber", type: "Ethernet", sfp: { connector: "LC" } });
    const [empty] = ports("sys.s1.p8.phy: { 'media': SFP-Fiber, 'sfp': { }, }");
    expect(empty?.sfp).toEqual({});
  });

  it("tolerates odd spacing: tabs, CRLF, no space after colons, missing line-end commas", () => {
    const raw = "sys.s1.p1.phy:{\r\n\t'media':SFP-Plus-Fiber\r\n\t'sfp':{'vendor-name':OEM   ,'vendor-part-number':PAN-SFP-PLUS-SR,}\r\n\t'type':   Ethernet\r\n}\r\n";
    expect(ports(raw)).toEqual([{ port: "ethernet1/1", slot: 1, index: 1, media: "SFP-Plus-Fiber", type: "Ethernet", sfp: { "vendor-name": "OEM", "vendor-part-number": "PAN-SFP-PLUS-SR" } }]);
  });

  it("keeps commas and spaces inside unquoted values, and quoted values as printed", () => {
    const [port] = ports("sys.s1.p1.phy: { 'sfp': { 'transceiver': 10G Base-SR, 10G Base-LR, 'vendor-name': 'ACME, INC.', 'x': a,b , }, }");
    expect(port?.sfp).toEqual({ transceiver: "10G Base-SR, 10G Base-LR", "vendor-name": "ACME, INC.", x: "a,b" });
  });

  it("reports a port printed twice as that port's error, not one of the two readings", () => {
    const list = ports([copper(1, 1), QSFP_LINE.replace("sys.s6.p1", "sys.s1.p1")].join("\n"));
    expect(list).toHaveLength(1);
    expect(list[0]?.error).toMatch(/printed twice \(lines 1 and 2\)/);
  });

  it("reports text before the first entry and a cut port key instead of dropping them", () => {
    const list = ports(`.p1.phy: { 'media': CAT5, }\n${copper(1, 2)}\nys.s1.p3.phy: { 'media': CAT5, }`);
    expect(list.map((p) => p.port)).toEqual(["output line 1", "output line 3", "ethernet1/2"]);
    expect(list[0]?.error).toMatch(/text before the first port entry/);
    expect(list[1]?.error).toMatch(/"ys\.s1\.p3\.phy" is not a port key/);
  });

  it("reads 400 ports of a chassis (every fourth a QSFP+) in order", () => {
    const lines: string[] = [];
    for (let slot = 1; slot <= 10; slot++) for (let p = 40; p >= 1; p--) lines.push(p % 4 === 0 ? QSFP_LINE.replace("sys.s6.p1", `sys.s${slot}.p${p}`) : copper(slot, p));
    const list = ports(lines.join("\n"));
    expect(list).toHaveLength(400);
    expect(list.filter((p) => p.error !== undefined)).toEqual([]);
    expect(list.filter((p) => p.sfp?.["vendor-part-number"] === "FCBN410QB1C10")).toHaveLength(100);
    expect(list.slice(0, 2).map((p) => p.port)).toEqual(["ethernet1/1", "ethernet1/2"]);
    expect(list.at(-1)?.port).toBe("ethernet10/40");
  });

  it("never throws anything but a ParseError, whatever is cut, spliced or garbled", () => {
    const base = [copper(1, 1), QSFP_LINE, fixture(PRETTY)].join("\n");
    fc.assert(
      fc.property(fc.nat(base.length), fc.nat(base.length), fc.string({ unit: fc.constantFrom("{", "}", "[", "]", ",", "'", ":", "\n", " ", "a", "1", "\u0000") }), (from, length, junk) => {
        const raw = base.slice(0, from) + junk + base.slice(Math.min(base.length, from + (length % 200)));
        try {
          const list = ports(raw);
          for (const port of list) expect(typeof port.port).toBe("string");
        } catch (err) {
          expect(err).toBeInstanceOf(ParseError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
