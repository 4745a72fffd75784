// The frr-json parser on every real FRR capture it claims (FRR 8.4.4, fixtures/frr/), its refusals, and fuzzing:
// on any text it returns a value or throws ParseError, nothing else; "<daemon> is not running" is a value only
// where the check says which.
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ParseError } from "../../../src/parse/types.js";
import { frrVersionFacts } from "../../../src/platforms/frr/profile.js";
import { parseFrrJson } from "../../../src/platforms/frr/parsers/json.js";

const FIXTURES = new URL("../../../fixtures/frr/", import.meta.url).pathname;
const read = (path: string): string => readFileSync(`${FIXTURES}${path}`, "utf8");

describe("frr-json", () => {
  const jsonCaptures = ["show_ip_ospf_neighbor_json", "show_bfd_peers_json", "show_bgp_vrf_all_summary_json", "show_ip_route_summary_json"].flatMap((d) =>
    readdirSync(`${FIXTURES}${d}`).filter((f) => f.endsWith(".json")).map((f) => `${d}/${f}`),
  );

  it.each(jsonCaptures)("reads %s exactly as JSON.parse does", (file) => {
    expect(parseFrrJson(read(file))).toEqual(JSON.parse(read(file)));
  });

  it("reads the OSPF adjacencies of the real capture: one Full, one stuck in Exchange", () => {
    const ospf = parseFrrJson(read("show_ip_ospf_neighbor_json/real-frr-8.4.4__one-full-one-exchange.json")) as { neighbors: Record<string, { state: string }[]> };
    expect(Object.entries(ospf.neighbors).map(([id, [adj]]) => [id, adj!.state])).toEqual([
      ["10.255.0.2", "Full/-"],
      ["10.255.0.3", "Exchange/-"],
    ]);
  });

  it.each([
    ["show_ip_ospf_neighbor_json/real-frr-8.4.4__ospfd-not-running.txt", { neighbors: {} }],
    ["show_bfd_peers_json/real-frr-8.4.4__bfdd-not-running.txt", []],
  ])("gives the check's not_running value for %s (real capture)", (file, value) => {
    expect(parseFrrJson(read(file), { not_running: value })).toEqual(value);
    expect(() => parseFrrJson(read(file))).toThrow(ParseError);
    expect(() => parseFrrJson(read(file))).toThrow(/is not running/);
  });

  it("returns a copy of not_running, so that a check cannot change the option", () => {
    const value = { neighbors: {} };
    expect(parseFrrJson("ospfd is not running\r\n", { not_running: value })).not.toBe(value);
  });

  it.each([
    ["", /empty/],
    ["% Unknown command: show ip ospf neighbor json", /expected FRR's JSON/],
    ["ospfd is not running, but here is some JSON {}", /expected FRR's JSON/],
    ["{\n\"neighbors\":{\n", /not valid JSON/],
    ["Building configuration...", /expected FRR's JSON/],
  ])("refuses %j", (raw, message) => {
    expect(() => parseFrrJson(raw, { not_running: [] })).toThrow(message);
  });

  it("reads the facts of the real show version", () => {
    expect(frrVersionFacts(read("show_version/real-frr-8.4.4__r1.txt"))).toMatchObject({ softwareVersion: "8.4.4", os: expect.stringMatching(/^Linux/) });
  });
});

describe("the FRR parsers on hostile output (fast-check)", () => {
  const line = fc.constantFrom("{", "}", "[", "]", "\"neighbors\":{", "\"state\":\"Full\\/-\"", "ospfd is not running", "bfdd is not running", "% Unknown command", "");
  const text = fc.oneof(fc.string({ unit: "binary", maxLength: 400 }), fc.array(fc.oneof(line, fc.string({ maxLength: 40 })), { maxLength: 30 }).map((l) => l.join("\n")));

  it.each([
    ["frr-json", (raw: string) => parseFrrJson(raw)],
    ["frr-json with not_running", (raw: string) => parseFrrJson(raw, { not_running: { neighbors: {} } })],
  ] as const)("%s returns a value or throws ParseError", (_name, parse) => {
    fc.assert(
      fc.property(text, (raw) => {
        try {
          parse(raw);
        } catch (err) {
          if (!(err instanceof ParseError)) throw err;
        }
      }),
      { numRuns: 500 },
    );
  });

  it("show version facts return facts or throw, on any text", () => {
    fc.assert(
      fc.property(text, (raw) => {
        try {
          frrVersionFacts(raw);
        } catch (err) {
          if (!(err instanceof Error)) throw err;
        }
      }),
      { numRuns: 500 },
    );
  });
});
