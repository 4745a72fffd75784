// The NX-OS parsers on the real ntc-templates dir captures, the one-row table rule of nxos-json, and hostile output.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ParseError } from "../../../src/parse/types.js";
import { parseNxosConfigDiff } from "../../../src/platforms/cisco_nxos/parsers/config-diff.js";
import { parseNxosDir, type NxosDir } from "../../../src/platforms/cisco_nxos/parsers/dir.js";
import { parseNxosJson } from "../../../src/platforms/cisco_nxos/parsers/json.js";

const fixture = (p: string) => readFileSync(new URL(`../../../fixtures/cisco_nxos/${p}`, import.meta.url), "utf8");

describe("nxos-dir", () => {
  it("reads the real dir_02 capture: every file and the usage block", () => {
    const d = parseNxosDir(fixture("dir_bootflash/ntc-templates__tests__cisco_nxos__dir__cisco_nxos_dir_02.raw")) as NxosDir;
    expect(d).toMatchObject({ filesystem: "bootflash://", used_bytes: 1531203584, free_bytes: 2166267904, total_bytes: 3697471488 });
    expect(d.files).toContainEqual({ name: "capture_auto_capture.tgz", size: 196358, directory: false });
    expect(d.files).toContainEqual({ name: ".patch", size: 4096, directory: true });
  });
  it("refuses the real dir_01 capture, cut before its usage block", () => {
    expect(() => parseNxosDir(fixture("dir_bootflash/ntc-templates__tests__cisco_nxos__dir__cisco_nxos_dir_01.raw"))).toThrow(ParseError);
  });
});

describe("nxos-json", () => {
  it("makes a one-row ROW_ an array, at every depth", () => {
    expect(parseNxosJson('{"TABLE_vrf": {"ROW_vrf": {"vrf-name-out": "default", "TABLE_af": {"ROW_af": {"af-id": 1}}}}}')).toEqual({
      TABLE_vrf: { ROW_vrf: [{ "vrf-name-out": "default", TABLE_af: { ROW_af: [{ "af-id": 1 }] } }] },
    });
  });
  it("reads NAPALM's real BGP summary with its one-row ROW_saf tables", () => {
    const v = parseNxosJson(fixture("show_bgp_all_summary_vrf_all_json/napalm__test__nxos__mocked_data__test_get_bgp_neighbors__normal__show_bgp_all_summary_vrf_all.json")) as {
      TABLE_vrf: { ROW_vrf: { TABLE_af?: { ROW_af: { TABLE_saf: { ROW_saf: unknown[] } }[] } }[] };
    };
    const saf = v.TABLE_vrf.ROW_vrf.flatMap((r) => r.TABLE_af?.ROW_af ?? []).map((a) => a.TABLE_saf.ROW_saf);
    expect(saf.length).toBeGreaterThan(0);
    expect(saf.every(Array.isArray)).toBe(true);
  });
  it.each(["", "% Invalid command at '^' marker.", "[1]", "null", '"x"'])("refuses %j", (raw) => {
    expect(() => parseNxosJson(raw)).toThrow(ParseError);
  });
  it("refuses JSON nested absurdly deep instead of overflowing the stack", () => {
    expect(() => parseNxosJson("[".repeat(0) + '{"a":'.repeat(100) + "1" + "}".repeat(100))).toThrow(ParseError);
  });
});

describe("nxos-config-diff", () => {
  it("empty is saved; a context diff is not", () => {
    expect(parseNxosConfigDiff("\n")).toEqual({ saved: true, added: [], removed: [], changed: [] });
    expect(parseNxosConfigDiff("*** Startup-config\n--- Running-config\n***************\n*** 1,2 ****\n--- 1,3 ----\n  interface Ethernet1/1\n-   shutdown\n!   mtu 9216\n")).toEqual({
      saved: false,
      added: [],
      removed: ["shutdown"],
      changed: ["mtu 9216"],
    });
  });
  it.each(["*** Startup-config\n", "garbage", "*** Startup-config\n--- Running-config\n***************\n"])("refuses %j", (raw) => {
    expect(() => parseNxosConfigDiff(raw)).toThrow(ParseError);
  });
});

describe("the NX-OS parsers on hostile output (fast-check)", () => {
  const dirLine = fc.constantFrom("", "   196358    Mar 10 17:15:18 2020  capture_auto_capture.tgz", "Usage for bootflash://", " 1 bytes used", " 2 bytes free", " 3 bytes total", "% Invalid command");
  const jsonLine = fc.constantFrom("{", "}", '"TABLE_x": {', '"ROW_x": {"a": 1}', "[", "]", ",", "null", '"ROW_y": []');
  const diffLine = fc.constantFrom("*** Startup-config", "--- Running-config", "***************", "*** 1,2 ****", "+ x", "- y", "! z", "  c", "");
  const text = (line: fc.Arbitrary<string>) => fc.oneof(fc.string({ unit: "binary", maxLength: 400 }), fc.array(fc.oneof(line, fc.string({ maxLength: 40 })), { maxLength: 30 }).map((l) => l.join("\n")));
  it.each([
    ["nxos-dir", parseNxosDir, text(dirLine)],
    ["nxos-json", parseNxosJson, fc.oneof(text(jsonLine), fc.json().map(String))],
    ["nxos-config-diff", parseNxosConfigDiff, text(diffLine)],
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
