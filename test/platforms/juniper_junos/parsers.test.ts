// junos-chassis-hardware on every ntc-templates capture of show chassis hardware in fixtures/juniper_junos, exact
// on the MX10-T one, and never throwing anything but a ParseError on hostile output (fuzzed).
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ParseError } from "../../../src/parse/types.js";
import { parseJunosChassisHardware, type JunosChassisHardware } from "../../../src/platforms/juniper_junos/parsers/chassis-hardware.js";

const DIR = new URL("../../../fixtures/juniper_junos/show_chassis_hardware/", import.meta.url).pathname;
const captures = readdirSync(DIR).filter((f) => f.endsWith(".raw"));
const parse = (raw: string): JunosChassisHardware => parseJunosChassisHardware(raw) as JunosChassisHardware;

describe("junos-chassis-hardware", () => {
  it("reads the MX10-T capture exactly, third-party optic included", () => {
    const hw = parse(readFileSync(`${DIR}${captures.find((f) => f.endsWith("_hardware.raw"))}`, "utf8"));
    expect(hw.transceivers.map((t) => [t.path, t.version, t.part, t.serial, t.description, t.juniper])).toEqual([
      ["FPC 0/MIC 0/PIC 0/Xcvr 0", "REV 01", "740-011571", "USASR24490", "XFP-10G-SR", true],
      ["FPC 1/MIC 0/PIC 0/Xcvr 0", "REV 01", "740-011607", "A1JACT3", "XFP-10G-LR", true],
      ["FPC 1/MIC 0/PIC 1/Xcvr 0", "REV 01", "740-011607", "A1KBPNC", "XFP-10G-LR", true],
      ["FPC 1/MIC 1/PIC 2/Xcvr 0", "", "NON-JNPR", "CC37BK0PQ", "XFP-10G-SR", false],
      ["FPC 1/MIC 1/PIC 3/Xcvr 0", "REV 01", "740-014279", "EOXH27560005", "XFP-10G-LR", true],
      ["FPC 1/MIC 1/PIC 3/Xcvr 1", "REV 01", "740-014279", "XXXXXXXXXXXX", "XFP-10G-LR", true],
    ]);
    expect(hw.items[0]).toEqual({ path: "Chassis", item: "Chassis", version: "", part: "", serial: "A1111", description: "MX10-T" });
    expect(hw.items.find((i) => i.item === "PEM 1")).toMatchObject({ version: "Rev 05", part: "740-028288", serial: "AJ00001", description: "AC Power Entry Module" });
  });

  it.each(captures)("finds every Xcvr line of %s, each with a serial", (file) => {
    const raw = readFileSync(`${DIR}${file}`, "utf8");
    const hw = parse(raw);
    const lines = raw.split(/\r?\n/).filter((l) => /^\s+Xcvr \d+\s/.test(l));
    expect(hw.transceivers).toHaveLength(lines.length);
    for (const [i, t] of hw.transceivers.entries()) {
      const tokens = (lines[i] as string).trim().split(/\s+/);
      expect(tokens).toContain(t.serial);
      expect(t.path.endsWith(t.item)).toBe(true);
    }
  });

  it("skips the {master:0} line that an output read over SSH ends with", () => {
    const raw = readFileSync(`${DIR}${captures.find((f) => f.endsWith("_hardware4.raw"))}`, "utf8");
    expect(parse(`${raw.trimEnd()}\n\n{master:0}\n`)).toEqual(parse(raw));
  });

  it("output without the heading is a ParseError", () => {
    expect(() => parseJunosChassisHardware("error: command is not valid")).toThrow(ParseError);
    expect(() => parseJunosChassisHardware("")).toThrow(ParseError);
  });

  it("never throws anything but a ParseError on hostile output (fuzzed)", () => {
    const heading = "Item             Version  Part number  Serial number     Description\n";
    fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.boolean(), (s, withHeading) => {
      try {
        parseJunosChassisHardware(withHeading ? heading + s : s);
      } catch (e) {
        expect(e).toBeInstanceOf(ParseError);
      }
    }), { numRuns: 500 });
  });
});
