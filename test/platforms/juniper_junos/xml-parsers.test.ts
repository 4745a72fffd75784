// The Junos `| display xml` parsers (junos-bgp-summary, junos-route-engines, junos-system-storage) exact on every
// real capture in fixtures/juniper_junos that they claim (NAPALM's and PyEZ's RPC replies, bare and in the CLI's
// rpc-reply envelope), the CLI's `{master:0}` line after the document, `<xnm:error>` replies, and never throwing
// anything but a ParseError on hostile output (fuzzed).
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ParseError } from "../../../src/parse/types.js";
import { parseJunosBgpSummary, parseJunosRouteEngines, parseJunosSystemStorage, type JunosBgpSummary, type JunosFilesystem, type JunosRouteEngine } from "../../../src/platforms/juniper_junos/parsers/xml-reply.js";

const DIR = new URL("../../../fixtures/juniper_junos/", import.meta.url).pathname;
const read = (command: string, file: string): string => readFileSync(`${DIR}${command}/${file}`, "utf8");
const bgp = (file: string) => parseJunosBgpSummary(read("show_bgp_summary_display_xml", `napalm__test__junos__mocked_data__test_get_bgp_neighbors__${file}`)) as JunosBgpSummary;
const re = (file: string) => (parseJunosRouteEngines(read("show_chassis_routing_engine_display_xml", file)) as { engines: JunosRouteEngine[]; masters: number });
const storage = (raw: string) => (parseJunosSystemStorage(raw) as { filesystems: JunosFilesystem[] }).filesystems;

describe("junos-bgp-summary", () => {
  it("reads NAPALM's six-peer capture exactly", () => {
    const s = bgp("normal__get-bgp-summary-informationfrontend.xml");
    expect([s.peerCount, s.downPeerCount]).toEqual([5, 2]);
    expect(s.peers.map((p) => [p.address, p.as, p.state, p.flaps, p.elapsed, p.elapsedSeconds])).toEqual([
      ["10.2.1.253", "29998", "Established", 0, "20w6d20h", 12688372],
      ["10.2.1.254", "29999", "Established", 0, "20w6d20h", 12688392],
      ["192.168.0.0", "20000", "Established", 1, "1w1d1h", 696446],
      ["192.169.1.0", "20000", "Active", 0, "1w1d1h", 696506],
      ["192.169.1.2", "20000", "Idle", 0, "1w1d1h", 696506],
      ["2a01:280:100::1", "20000", "Idle", 1, "1w1d1h", 697008],
    ]);
  });

  it("reads the one-peer capture, and the same reply inside the CLI's envelope with the banner line after it", () => {
    const raw = read("show_bgp_summary_display_xml", "napalm__test__junos__mocked_data__test_get_bgp_neighbors__pr_581__get-bgp-summary-informationmaster.xml");
    const expected = { peerCount: 1, downPeerCount: 0, peers: [{ address: "192.168.2.15", as: "65002", state: "Established", flaps: 1, elapsed: "4:07", elapsedSeconds: 247 }] };
    expect(parseJunosBgpSummary(raw)).toEqual(expected);
    const wrapped = `<rpc-reply xmlns:junos="http://xml.juniper.net/junos/21.4R0/junos">\n${raw}<cli>\n<banner>{master:0}</banner>\n</cli>\n</rpc-reply>\n\n{master:0}\n`;
    expect(parseJunosBgpSummary(wrapped)).toEqual(expected);
    expect(parseJunosBgpSummary(wrapped.replace(/\n/g, "\r\n"))).toEqual(expected);
  });

  it("refuses what is not a BGP summary in XML, naming why", () => {
    expect(() => parseJunosBgpSummary("Groups: 2 Peers: 6 Down peers: 0")).toThrow(/not XML/);
    expect(() => parseJunosBgpSummary("<rpc-reply><route-engine-information/></rpc-reply>")).toThrow(/no <bgp-information>/);
    expect(() => parseJunosBgpSummary('<rpc-reply><xnm:error xmlns:xnm="x"><message>\nsyntax error\n</message></xnm:error></rpc-reply>')).toThrow(/answered with an error: syntax error/);
    expect(() => parseJunosBgpSummary("<rpc-reply><bgp-information><bgp-peer><peer-address>1.1.1.1</peer-address></bgp-peer></bgp-information></rpc-reply>")).toThrow(/no peer-address or peer-state/);
    expect(() => parseJunosBgpSummary("<rpc-reply><bgp-information><bgp-peer>")).toThrow(ParseError);
    expect(() => parseJunosBgpSummary("")).toThrow(ParseError);
  });
});

describe("junos-route-engines", () => {
  it("reads PyEZ's dual-RE reply (CLI envelope, junos: attributes) exactly", () => {
    const r = re("py-junos-eznc__tests__unit__facts__rpc-reply__re_info_dual_get-route-engine-information.xml");
    expect(r.masters).toBe(1);
    expect(r.engines).toEqual([
      { name: "RE0", member: null, slot: "0", mastershipState: "master", status: "OK", model: "RE-S-1800x4", cpuIdle: 98, memoryUtilization: 4, upTime: "9 days, 22 hours, 27 minutes, 12 seconds", lastRebootReason: "Router rebooted after a normal shutdown." },
      { name: "RE1", member: null, slot: "1", mastershipState: "backup", status: "OK", model: "RE-S-1800x4", cpuIdle: 100, memoryUtilization: 4, upTime: "9 days, 22 hours, 26 minutes, 48 seconds", lastRebootReason: "Router rebooted after a normal shutdown." },
    ]);
  });

  it("names every RE of a multi-routing-engine reply by member and slot (PyEZ's TX Matrix)", () => {
    const r = re("py-junos-eznc__tests__unit__ofacts__rpc-reply__get-route-engine-information_multi.xml");
    expect(r.engines.map((e) => [e.name, e.mastershipState, e.status, e.cpuIdle, e.memoryUtilization])).toEqual([
      ["scc-re0/RE0", "master", "OK", 0, 30],
      ["scc-re0/RE1", "backup", "OK", 48, 26],
      ["lcc0-re0/RE0", "master", "OK", 97, 16],
      ["lcc0-re0/RE1", "backup", "OK", 99, 15],
      ["lcc1-re0/RE0", "master", "OK", 97, 15],
      ["lcc1-re0/RE1", "backup", "OK", 99, 15],
    ]);
  });

  it("reads NAPALM's MX10003 and SRX345 cluster-node replies and PyEZ's vSRX and SRX high-end ones", () => {
    expect(re("napalm__test__junos__mocked_data__test_get_environment__mx10003__get-route-engine-information.xml").engines.map((e) => [e.name, e.mastershipState, e.status, e.model, e.cpuIdle, e.memoryUtilization])).toEqual([
      ["RE0", "master", "OK", "RE-S-1600x8", 95, 50],
      ["RE1", "backup", "OK", "RE-S-1600x8", 99, 7],
    ]);
    expect(re("napalm__test__junos__mocked_data__test_get_environment__issue1183_srx_multi_node__get-route-engine-information.xml").engines).toEqual([
      { name: "node0", member: "node0", slot: null, mastershipState: null, status: "OK", model: "RE-SRX345-DUAL-AC", cpuIdle: 92, memoryUtilization: 32, upTime: "41 days, 23 hours, 18 minutes, 37 seconds", lastRebootReason: "0x1:power cycle/failure" },
    ]);
    expect(re("py-junos-eznc__tests__unit__rpc-reply__get-route-engine-information.xml").engines.map((e) => [e.name, e.status, e.model, e.cpuIdle, e.memoryUtilization])).toEqual([["RE", "Testing", "FIREFLY-PERIMETER RE", 100, 40]]);
    expect(re("py-junos-eznc__tests__unit__facts__rpc-reply__personality_srx_high_end_get-route-engine-information.xml").engines.map((e) => [e.name, e.mastershipState, e.status, e.cpuIdle])).toEqual([["RE0", "master", null, 96]]);
  });

  it("refuses a reply without routing engines and a value that is not a number", () => {
    expect(() => parseJunosRouteEngines("<rpc-reply><route-engine-information/></rpc-reply>")).toThrow(/no <route-engine>/);
    expect(() => parseJunosRouteEngines("<rpc-reply><multi-routing-engine-results/></rpc-reply>")).toThrow(/no <route-engine-information>/);
    expect(() => parseJunosRouteEngines("<rpc-reply><route-engine-information><route-engine><slot>0</slot><cpu-idle>9x</cpu-idle></route-engine></route-engine-information></rpc-reply>")).toThrow(/RE0: <cpu-idle> is "9x", not a whole number/);
  });
});

describe("junos-system-storage", () => {
  it("reads the modelled single-RE reply: sizes in bytes from 512-byte blocks", () => {
    const fs = storage(read("show_system_storage_display_xml", "written-by-preflight__mx-var-6.3g.xml"));
    expect(fs.map((f) => f.mountedOn)).toEqual(["/.mount", "/.mount/config", "/.mount/var", "/.mount/tmp", "/.mount/mfs"]);
    expect(fs[2]).toEqual({ re: null, name: "/dev/gpt/var", mountedOn: "/.mount/var", totalBytes: 14680064 * 512, usedBytes: 251658 * 512, availableBytes: 13212058 * 512, usedPercent: 2, available: "6.3G" });
  });

  it("names the node of each filesystem in a cluster reply", () => {
    const fs = storage(read("show_system_storage_display_xml", "written-by-preflight__cluster-var-900m.xml"));
    expect(fs.filter((f) => f.mountedOn === "/.mount/var").map((f) => [f.re, f.availableBytes, f.available])).toEqual([
      ["node0", 943718400, "900M"],
      ["node1", 943718400, "900M"],
    ]);
  });

  it("refuses a filesystem without its sizes and a bad percentage", () => {
    expect(() => storage("<rpc-reply><system-storage-information><filesystem><filesystem-name>a</filesystem-name><mounted-on>/var</mounted-on></filesystem></system-storage-information></rpc-reply>")).toThrow(/\/var: no <total-blocks>/);
    expect(() => storage("<rpc-reply><system-storage-information><filesystem><filesystem-name>a</filesystem-name><total-blocks>1</total-blocks><used-blocks>1</used-blocks><available-blocks>0</available-blocks><used-percent>6r75</used-percent><mounted-on>/</mounted-on></filesystem></system-storage-information></rpc-reply>")).toThrow(/not a percentage/);
    expect(() => storage("<rpc-reply><system-storage-information/></rpc-reply>")).toThrow(/no <filesystem>/);
  });
});

describe("the Junos XML parsers on hostile output (fast-check)", () => {
  const piece = fc.constantFrom(
    "<rpc-reply>", "</rpc-reply>", "<bgp-information>", "</bgp-information>", "<bgp-peer>", "</bgp-peer>", "<peer-address>10.0.0.1</peer-address>", "<peer-state>Idle</peer-state>",
    "<route-engine-information>", "</route-engine-information>", "<route-engine>", "</route-engine>", "<slot>0</slot>", "<cpu-idle>5</cpu-idle>", "<cpu-idle>x</cpu-idle>",
    "<multi-routing-engine-results>", "</multi-routing-engine-results>", "<multi-routing-engine-item>", "</multi-routing-engine-item>", "<re-name>node0</re-name>",
    "<system-storage-information>", "</system-storage-information>", "<filesystem>", "</filesystem>", "<mounted-on>/var</mounted-on>", "<total-blocks>10</total-blocks>",
    "<cli><banner>{master:0}</banner></cli>", "{master:0}", "<xnm:error><message>x</message></xnm:error>", "<![CDATA[x]]>", "&amp;", "&bogus;", "",
  );
  const text = fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), fc.array(fc.oneof(piece, fc.string({ maxLength: 20 })), { maxLength: 40 }).map((p) => p.join("")));
  for (const [name, parse] of [["junos-bgp-summary", parseJunosBgpSummary], ["junos-route-engines", parseJunosRouteEngines], ["junos-system-storage", parseJunosSystemStorage]] as const) {
    it(`${name} returns or throws a ParseError, nothing else`, () => {
      fc.assert(
        fc.property(text, (raw) => {
          try {
            parse(raw);
          } catch (e) {
            expect(e).toBeInstanceOf(ParseError);
          }
        }),
        { numRuns: 400 },
      );
    });
  }
});
