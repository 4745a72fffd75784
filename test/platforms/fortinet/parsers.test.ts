// The FortiOS parsers against every real capture they claim (compared with the parse ntc-templates' maintainers
// expect), the written outputs, their refusals, and fuzzing: on any text they return a value or throw
// ParseError, nothing else.
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { ParseError } from "../../../src/parse/types.js";
import { parseFortiosBgpSummary, type FortiosBgpSummary } from "../../../src/platforms/fortinet/parsers/bgp-summary.js";
import { parseFortiosHaStatus, type FortiosHaStatus } from "../../../src/platforms/fortinet/parsers/ha-status.js";
import { parseFortiosPerformance } from "../../../src/platforms/fortinet/parsers/performance.js";
import { parseFortiosTransceivers } from "../../../src/platforms/fortinet/parsers/transceivers.js";

const FIXTURES = new URL("../../../fixtures/fortinet/", import.meta.url).pathname;
const read = (path: string): string => readFileSync(`${FIXTURES}${path}`, "utf8");
const HA = "get_system_ha_status";

describe("fortios-ha-status", () => {
  const captures = readdirSync(`${FIXTURES}${HA}`).filter((f) => f.endsWith(".raw"));

  it("reads every real capture as ntc-templates expects: mode, group, each member's sync state", () => {
    expect(captures.length).toBe(7);
    for (const f of captures) {
      const ha = parseFortiosHaStatus(read(`${HA}/${f}`)) as FortiosHaStatus;
      const ntc = (parseYaml(read(`${HA}/${f.replace(/\.raw$/, ".yml")}`)) as { parsed_sample: Record<string, unknown>[] }).parsed_sample;
      expect(ntc.length, f).toBeGreaterThan(0);
      const first = ntc[0] as Record<string, unknown>;
      if (typeof first.mode === "string") expect(ha.mode, f).toBe(first.mode);
      if (typeof first.group === "string") expect(ha.group, f).toBe(first.group);
      const yml = read(`${HA}/${f.replace(/\.raw$/, ".yml")}`);
      for (const m of ha.members) expect(yml, f).toContain(m.serial);
    }
  });

  it("reads health, warnings, members and heartbeat interfaces of the real degraded 7.0 pair", () => {
    const ha = parseFortiosHaStatus(read(`${HA}/ntc-templates__tests__fortinet__get_system_ha_status__fortinet_get_system_ha_status_7.0_hbdev.raw`)) as FortiosHaStatus;
    expect(ha).toMatchObject({
      health: "WARNING",
      warnings: ["FGT40XXXXXXXXXXX has hbdev down", "FGT40YYYYYYYYYYY has hbdev down"],
      mode: "HA A-P",
      standalone: false,
      group: "28",
      members: [{ serial: "FGT40XXXXXXXXXXX", config: "in-sync" }, { serial: "FGT40YYYYYYYYYYY", config: "in-sync" }],
      primary: "FGT40XXXXXXXXXXX",
      secondaries: ["FGT40YYYYYYYYYYY"],
    });
    expect(ha.hbdev.filter((h) => h.state === "down").map((h) => `${h.member} ${h.name}`)).toEqual(["FGT40XXXXXXXXXXX lan2", "FGT40YYYYYYYYYYY lan2"]);
  });

  it("reads the real standalone capture as standalone, without members", () => {
    expect(parseFortiosHaStatus(read(`${HA}/ntc-templates__tests__fortinet__get_system_ha_status__fortinet_get_system_ha_status_6.0_noha.raw`))).toMatchObject({ health: "OK", mode: "Standalone", standalone: true, members: [] });
  });

  it.each(["", "Mode: HA A-P\n", "HA Health Status: OK\n", "HA Health Status:\nMode: HA A-P\n"])("refuses %j", (raw) => {
    expect(() => parseFortiosHaStatus(raw)).toThrow(ParseError);
  });
});

describe("fortios-performance, fortios-bgp-summary, fortios-transceivers (written outputs)", () => {
  it("reads memory, CPU, sessions and uptime", () => {
    expect(parseFortiosPerformance(read("get_system_performance_status/written-by-preflight__healthy.txt"))).toEqual({
      cpu_idle_percent: 97, memory_total_kb: 1932436, memory_used_kb: 1004866, memory_used_percent: 52, memory_freeable_kb: 96302, sessions_1min: 196, uptime: "31 days, 21 hours, 46 minutes",
    });
    expect(() => parseFortiosPerformance("CPU states: 0% user 100% idle\nMemory: 10k total, 20k used (200.0%)\n")).toThrow(/impossible/);
  });

  it("reads neighbours, a prefix count meaning Established", () => {
    const bgp = parseFortiosBgpSummary(read("get_router_info_bgp_summary/written-by-preflight__one-active.txt")) as FortiosBgpSummary;
    expect(bgp).toMatchObject({ vrf: "0", router_id: "10.255.0.1", local_as: "65001" });
    expect(bgp.neighbors.map((n) => [n.neighbor, n.remote_as, n.state, n.prefixes_received])).toEqual([["10.0.0.2", "65002", "Established", 12], ["10.0.0.6", "65003", "Active", undefined]]);
    expect(() => parseFortiosBgpSummary("")).toThrow(ParseError);
  });

  it("reads optics per port and skips empty cages", () => {
    expect(parseFortiosTransceivers(read("get_system_interface_transceiver/written-by-preflight__third-party.txt"))).toEqual({
      transceivers: [
        { port: "port25", type: "SFP/SFP+", vendor: "FORTINET", part: "FTLX8574D3BCL-FT", serial: "UW31A2B" },
        { port: "port26", type: "SFP/SFP+", vendor: "PROLABS", part: "SFP-10G-SR-C", serial: "PL5523QK" },
      ],
    });
    expect(() => parseFortiosTransceivers("Hostname: fw1\n")).toThrow(ParseError);
  });
});

describe("parsers on hostile output (bounded fuzz)", () => {
  const parsers = { parseFortiosHaStatus, parseFortiosPerformance, parseFortiosBgpSummary, parseFortiosTransceivers };
  // Lines built from the parsers' own vocabulary, so the fuzz reaches past the first check.
  const words = fc.constantFrom("HA Health Status:", "Mode: HA A-P", "Configuration Status:", "    FGT1(updated 3 seconds ago): in-sync", "HBDEV stats:", "Primary : FW, FGT1, HA cluster index = 0", "CPU states: 1% idle", "Memory: 10k total, 5k used (50.0%)", "VRF 0 BGP router identifier 1.1.1.1, local AS number 1", "Neighbor        V         AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd", "Total number of neighbors 1", "Interface port1 - SFP/SFP+", "   Vendor Name  :  X", "   Part No.     :  Y", "--More-- ", "\u0000\u001b[K", "");
  const text = fc.oneof(fc.string({ maxLength: 400 }), fc.array(fc.oneof(words, fc.string({ maxLength: 40 })), { maxLength: 30 }).map((l) => l.join("\n")));

  for (const [name, parse] of Object.entries(parsers)) {
    it(`${name} returns a value or throws ParseError, on any text`, () => {
      fc.assert(
        fc.property(text, (raw) => {
          try {
            parse(raw);
          } catch (err) {
            if (!(err instanceof ParseError)) throw err;
          }
        }),
        { numRuns: 1500, seed: 20261204 },
      );
    });
  }
});
