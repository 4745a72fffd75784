// The EOS parsers against every real capture they claim (compared with the parse ntc-templates' maintainers
// expect), their refusals, and fuzzing: on any text they return a value or throw ParseError, nothing else.
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { ParseError } from "../../../src/parse/types.js";
import { parseEosConfigDiffs } from "../../../src/platforms/arista_eos/parsers/config-diffs.js";
import { parseEosDir, type EosDirListing } from "../../../src/platforms/arista_eos/parsers/dir.js";
import { parseEosInventory, type EosInventory } from "../../../src/platforms/arista_eos/parsers/inventory.js";
import { EOS_UNSAVED_DIFF } from "../../../src/platforms/arista_eos/simulator/switch.js";

const FIXTURES = new URL("../../../fixtures/arista_eos/", import.meta.url).pathname;
const read = (path: string): string => readFileSync(`${FIXTURES}${path}`, "utf8");
const expected = (path: string): Record<string, string>[] => (parseYaml(read(path)) as { parsed_sample: Record<string, string>[] }).parsed_sample;

describe("eos-dir", () => {
  it("reads the real dir flash: capture exactly as ntc-templates does", () => {
    const base = "dir_flash/ntc-templates__tests__arista_eos__dir__arista_eos_dir_flash";
    const listing = parseEosDir(read(`${base}.raw`)) as EosDirListing;
    const ntc = expected(`${base}.yml`);
    expect(listing.files.map((f) => ({ name: f.name, permissions: f.permissions, size: String(f.size), date_time: f.date, file_system: f.directory }))).toEqual(
      ntc.map((r) => ({ name: r.name, permissions: r.permissions, size: r.size, date_time: (r.date_time as string).replace(/\s+/g, " "), file_system: r.file_system })),
    );
    expect(listing).toMatchObject({ directory: "flash:/", total_bytes: Number(ntc[0]!.total_size), free_bytes: Number(ntc[0]!.total_free) });
    expect(listing.files.find((f) => f.name === "debug")).toMatchObject({ is_directory: true });
  });

  it("reads a file system without space information (real capture) and leaves the sizes absent", () => {
    const listing = parseEosDir(read("dir_system/ntc-templates__tests__arista_eos__dir__arista_eos_dir_system_nodate.raw")) as EosDirListing;
    expect(listing.files).toEqual([{ name: "running-config", directory: "system:/", permissions: "-rw-", is_directory: false, size: 1349, date: "<no date>" }]);
    expect(listing.free_bytes).toBeUndefined();
  });

  it.each([
    ["", /Directory of/],
    ["3519041536 bytes total (1725112320 bytes free)", /expected "Directory of/],
    ["Directory of flash:/\n\n       -rwx   591941836  yesterday  EOS.swi\n", /not a line of "dir"/],
    ["Directory of flash:/\n\n10 bytes total (20 bytes free)\n", /impossible sizes/],
    ["Directory of flash:/\n\n       -rwx   99999999999999999999  Aug 2  2017  EOS.swi\n", /too large/],
  ])("refuses %j", (raw, message) => {
    expect(() => parseEosDir(raw)).toThrow(message);
  });
});

describe("eos-inventory", () => {
  const files = readdirSync(`${FIXTURES}show_inventory`).filter((f) => f.endsWith(".raw"));

  it.each(files)("reads the optics of %s exactly as ntc-templates does", (file) => {
    const inventory = parseEosInventory(read(`show_inventory/${file}`)) as EosInventory;
    const ntc = expected(`show_inventory/${file.replace(/\.raw$/, ".yml")}`);
    // ntc-templates lists the transceivers last, as its rows: port, manufacturer (descr), model (pid), serial, rev (vid).
    const ntcOptics = ntc.slice(ntc.length - inventory.transceivers.length);
    expect(inventory.transceivers.length).toBeGreaterThan(0);
    expect(inventory.transceivers).toEqual(ntcOptics.map((r) => ({ port: r.port, vendor: (r.descr as string).trim(), part: r.pid, serial: r.sn, rev: r.vid })));
  });

  it("reads the chassis, power supplies and fans of a real 7150S", () => {
    const inventory = parseEosInventory(read("show_inventory/ntc-templates__tests__arista_eos__show_inventory__arista_eos_show_inventory1.raw")) as EosInventory;
    expect(inventory.system).toEqual({ model: "DCS-7150S-52-CL", description: "52-port SFP+ 10GigE 1RU + Clock", hardware_version: "02.00", serial: "JPE13120702" });
    expect(inventory.power_supplies).toEqual([
      { slot: "1", model: "PWR-460AC-F", serial: "K192KU00241CZ" },
      { slot: "2", model: "PWR-460AC-F", serial: "K192L200751CZ" },
    ]);
    expect(inventory.fans).toHaveLength(4);
  });

  it("keeps multi-word manufacturers and third-party optics as printed (real 7280DR3A capture)", () => {
    const inventory = parseEosInventory(read("show_inventory/ntc-templates__tests__arista_eos__show_inventory__arista_eos_show_inventory2.raw")) as EosInventory;
    expect(inventory.transceivers.map((t) => `${t.port} ${t.vendor} ${t.part}`)).toEqual([
      "1 Arista Networks Q28-PC025",
      "3 Arista Networks QSFP-PLR4L-100G",
      "8 PROLABS CAB-Q-Q-100G-5MC",
      "24 Arista Networks QSFP-100G-LR4-AR",
      "35 CISCO-ACACIA DP04QSDD-HE0-290",
      "53 WhiteBoxNetworks Q56D-FR4",
    ]);
  });

  it.each([
    ["", /empty/],
    ["Software image version: 4.30.2F\n", /not the output of show inventory/],
    ["System has 2 transceiver slots\n Port Manufacturer Model Serial Number Rev\n ---- ---- ---- ---- ----\n 1 Arista SFP-10G-SR\n", /fewer than 5 fields/],
  ])("refuses %j", (raw, message) => {
    expect(() => parseEosInventory(raw)).toThrow(message);
  });
});

describe("eos-config-diffs", () => {
  it("reads an empty output as saved: EOS prints nothing when startup equals running", () => {
    expect(parseEosConfigDiffs("")).toEqual({ saved: true, added: [], removed: [] });
    expect(parseEosConfigDiffs("\n\n")).toEqual({ saved: true, added: [], removed: [] });
  });

  it("reads a diff's added and removed lines", () => {
    expect(parseEosConfigDiffs(EOS_UNSAVED_DIFF)).toEqual({ saved: false, added: ["   description uplink to spine1"], removed: [] });
    expect(parseEosConfigDiffs("--- flash:/startup-config\n+++ system:/running-config\n@@ -1,2 +1,2 @@\n-hostname a\n+hostname b\n")).toEqual({ saved: false, added: ["hostname b"], removed: ["hostname a"] });
  });

  it.each([
    ["hostname leaf1\n", /expected a diff/],
    ["--- flash:/startup-config\n", /expected a diff/],
    ["--- flash:/startup-config\n+++ system:/running-config\n", /without any changed line/],
    ["--- flash:/startup-config\n+++ system:/running-config\n@@ garbage\n+x\n", /malformed hunk header/],
    ["--- flash:/startup-config\n+++ system:/running-config\n+x\n\u001b[31mboom\n", /not a line of a unified diff/],
  ])("refuses %j: a garbled answer is never 'saved'", (raw, message) => {
    expect(() => parseEosConfigDiffs(raw)).toThrow(message);
  });
});

describe("the EOS parsers on hostile output (fast-check)", () => {
  const dirLine = fc.constantFrom("Directory of flash:/", "", "       -rwx   591941836            Aug 2  2017  EOS-4.18.3.1F.swi", "3519041536 bytes total (1725112320 bytes free)", "No files in directory", "% Invalid input");
  const invLine = fc.constantFrom("System information", "System has 52 transceiver slots", " Port Manufacturer Model Serial Number Rev", " ---- ---------------- ----", " 1 Arista Networks SFP-10G-SR XCW1225FD753 0002", "System has 2 power supply slots", " 1 PWR-460AC-F", "");
  const diffLine = fc.constantFrom("--- flash:/startup-config", "+++ system:/running-config", "@@ -1,2 +1,2 @@", "+hostname b", "-hostname a", " context", "");
  const text = (line: fc.Arbitrary<string>) => fc.oneof(fc.string({ unit: "binary", maxLength: 400 }), fc.array(fc.oneof(line, fc.string({ maxLength: 40 })), { maxLength: 30 }).map((l) => l.join("\n")));

  it.each([
    ["eos-dir", parseEosDir, text(dirLine)],
    ["eos-inventory", parseEosInventory, text(invLine)],
    ["eos-config-diffs", parseEosConfigDiffs, text(diffLine)],
  ] as const)("%s returns a value or throws ParseError", (_name, parse, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, (raw) => {
        try {
          parse(raw);
        } catch (err) {
          if (!(err instanceof ParseError)) throw err;
        }
      }),
      { numRuns: 500 },
    );
  });
});
