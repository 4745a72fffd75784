// The table parser on real PAN-OS captures: `show jobs all` (two layouts), `show interface hardware` (two),
// `show interface all` (two tables in one output) — all compared with ntc-templates' expected values —
// and `show system disk-space` (pan-os-upgrade-assurance XML, chained through the xml parser). Then the
// overflow rule, the error cases and the options schema compiled with ajv.
import { Ajv } from "ajv";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { getParser, parserOptionProblems, parserOptionSchemas } from "../../src/parse/registry.js";
import { parseTable, parseTableText, tableOptionsSchema } from "../../src/parse/table.js";
import { ParseError } from "../../src/parse/types.js";
import { parsePanosXmlResponse as parseXml } from "../../src/platforms/paloalto_panos/parsers/xml-response.js";
import { fixture } from "../platforms/paloalto_panos/parsers/system-state-format.js";

const JOBS = "paloalto_panos/show_jobs_all/ntc-templates__tests__paloalto_panos__show_jobs_all__paloalto_panos_show_jobs_all";
const HARDWARE = "paloalto_panos/show_interface_hardware/ntc-templates__tests__paloalto_panos__show_interface_hardware__paloalto_panos_show_interface_hardware";
const ALL = "paloalto_panos/show_interface_all/ntc-templates__tests__paloalto_panos__show_interface_all__paloalto_panos_show_interface_all";
const DISK = "paloalto_panos/show_system_disk-space/pan-os-upgrade-assurance__tests__test_firewall_proxy.py__test_get_disk_utilization";

function expected(path: string): Record<string, string | string[]>[] {
  return (parseYaml(fixture(path)) as { parsed_sample: Record<string, string | string[]>[] }).parsed_sample;
}

// ntc-templates splits "speed/duplex/state[/fec]" into fields; "[n/a]" holds a slash of its own.
function splitLinkColumn(cell: string): string[] {
  return [...cell.matchAll(/\[n\/a\]|[^/]+/g)].map((m) => m[0]);
}

const DF_HEADINGS = ["Filesystem", "Size", "Used", "Avail", "Use%", "Mounted on"];

describe("table on show jobs all", () => {
  it.each(["", "2"])("agrees with ntc-templates on capture %j, right-aligned IDs and two-word dates included", (suffix) => {
    const rows = parseTable(fixture(`${JOBS}${suffix}.raw`), { types: { id: "int" } }) as Record<string, unknown>[];
    const want = expected(`${JOBS}${suffix}.yml`);
    expect(rows).toHaveLength(want.length);
    rows.forEach((row, i) => {
      const w = want[i] as Record<string, string>;
      expect(row).toMatchObject({ enqueued: w.enqueued, id: Number(w.id), type: w.type, status: w.status, result: w.result, completed: w.completed });
      // The first layout has no Dequeued column at all; ntc-templates reports "" for it.
      expect(row.dequeued ?? "").toBe(w.dequeued);
    });
  });

  it("keeps an empty column as null when typed, and as \"\" when not", () => {
    const rows = parseTable(fixture(`${JOBS}2.raw`), { types: { positioninq: "int" } }) as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({ id: "7", positioninq: null, dequeued: "10:19:48" });
    expect((parseTable(fixture(`${JOBS}2.raw`)) as Record<string, unknown>[])[0]?.positioninq).toBe("");
  });

  it("renames columns, and fails on a cell its type refuses, naming the line", () => {
    const rows = parseTable(fixture(`${JOBS}.raw`), { columns: ["queued", "job", "kind", "status", "result", "done"] }) as Record<string, string>[];
    expect(rows[7]).toEqual({ queued: "2016/04/28 01:00:06", job: "2334", kind: "Downld", status: "FIN", result: "OK", done: "01:00:08" });
    expect(() => parseTable(fixture(`${JOBS}.raw`), { types: { type: "int" } })).toThrow('line 3: field "type": "FqdnRefresh" is not an int');
  });
});

describe("table on show interface hardware / show interface all", () => {
  it.each(["", "2"])("agrees with ntc-templates on capture %j (ZWSP section lines, multi-word heading)", (suffix) => {
    const rows = parseTable(fixture(`${HARDWARE}${suffix}.raw`), {
      header: "^name +id",
      headings: ["name", "id", "speed/duplex/state", "mac address"],
      required: ["name", "mac_address"],
      types: { id: "int" },
    }) as Record<string, string | number>[];
    const want = expected(`${HARDWARE}${suffix}.yml`);
    expect(rows).toHaveLength(want.length);
    rows.forEach((row, i) => {
      const w = want[i] as Record<string, string>;
      expect([row.name, row.id, ...splitLinkColumn(row["speed/duplex/state"] as string), row.mac_address]).toEqual([w.interface, Number(w.id), w.speed, w.duplex, w.state, w.mac_address]);
    });
  });

  it("reads the hardware table of show interface all up to the blank line before the aggregation groups", () => {
    const rows = parseTable(fixture(`${ALL}.raw`), { header: "^name +id +speed", headings: ["name", "id", "speed/duplex/state/fec", "mac address"] }) as Record<string, string>[];
    const want = expected(`${ALL}.yml`).slice(0, rows.length);
    expect(rows).toHaveLength(12);
    rows.forEach((row, i) => {
      const w = want[i] as Record<string, string>;
      expect([row.name, row.id, ...splitLinkColumn(row["speed/duplex/state/fec"] as string), row.mac_address]).toEqual([w.interface, w.id, w.speed, w.duplex, w.state, w.fec, w.mac_address]);
    });
  });

  it("reads the logical table of show interface all: blank line before its separator, empty zones", () => {
    const rows = parseTable(fixture(`${ALL}.raw`), { header: "^name +id +vsys" }) as Record<string, string>[];
    const logical = expected(`${ALL}.yml`).slice(12) as Record<string, string | string[]>[];
    // The capture's one continuation line (a second address of ethernet1/13) is a row of its own with
    // only `address` filled: the documented rule; `required: [name]` turns it into an error.
    const main = rows.filter((r) => r.name !== "");
    expect(rows[3]).toEqual({ name: "", id: "", vsys: "", zone: "", forwarding: "", tag: "", address: "10.10.10.1/29" });
    expect(main).toHaveLength(logical.length);
    main.forEach((row, i) => {
      const w = logical[i] as Record<string, string | string[]>;
      expect([row.name, row.id, row.vsys, row.zone, row.forwarding, row.tag, row.address]).toEqual([w.interface, w.id, w.vsys, w.zone, w.forwarding, w.vlan_id, (w.ip_address as string[])[0]]);
    });
    expect(() => parseTable(fixture(`${ALL}.raw`), { header: "^name +id +vsys", required: ["name"] })).toThrow('line 32: required column "name" is empty');
  });
});

describe("table on show system disk-space (XML API, through the xml parser)", () => {
  it("reads the aligned capture by position, the way df aligns it (numbers right, paths left)", () => {
    const text = parseXml(fixture(`${DISK}_no_unit__L1418-1426.xml`)) as string;
    expect(parseTable(text, { headings: DF_HEADINGS })).toEqual([
      { filesystem: "tmpfs", size: "12M", used: "0", avail: "12", "use%": "0%", mounted_on: "/opt/pancfg/mgmt/lcaas/ssl/private" },
    ]);
  });

  it("reads the capture whose header is not aligned with its rows with split: whitespace", () => {
    const text = parseXml(fixture(`${DISK}_ok__L1319-1334.xml`)) as string;
    const rows = parseTable(text, { headings: DF_HEADINGS, split: "whitespace", min: 8 }) as Record<string, string>[];
    expect(rows).toHaveLength(8);
    // pan-os-upgrade-assurance expects 31744 MiB free on "/" and 100 on /opt/pancfg: 31G and 100M.
    expect(rows.find((r) => r.mounted_on === "/")).toEqual({ filesystem: "/dev/root", size: "38G", used: "5.0G", avail: "31G", "use%": "14%", mounted_on: "/" });
    expect(rows.find((r) => r.mounted_on === "/opt/panrepo")?.avail).toBe("20G");
    expect(rows.find((r) => r.mounted_on === "/opt/pancfg")).toMatchObject({ used: "0", avail: "100M" });
    // By position the same text is misread, which is why the option exists: the header is the proof.
    expect((parseTable(text, { headings: DF_HEADINGS }) as Record<string, string>[])[0]?.size).toBe("");
  });

  it("in whitespace mode a row with fewer fields than columns is an error", () => {
    expect(() => parseTable("A B C\n1 2\n", { split: "whitespace" })).toThrow("line 2: row has 2 fields, the header has 3 columns");
  });
});

describe("table: layout rules", () => {
  it("a word under no heading joins the column on its left; a word over two headings goes where most of it is", () => {
    const text = ["Name   Id  Description", "alpha  1   first one", "beta-long 2 x", "g     300  y"].join("\n");
    expect(parseTable(text)).toEqual([
      { name: "alpha", id: "1", description: "first one" },
      // "beta-long" (0-9) overlaps Name (0-4) by 4 and Id (7-9) by 2: it stays in Name; "2" (10) sits in
      // the gap after Id and joins Id.
      { name: "beta-long", id: "2", description: "x" },
      { name: "g", id: "300", description: "y" },
    ]);
  });

  it("skips separators anywhere by default, and keeps them as rows with skip_separator: false", () => {
    const text = "A    B\n=== ===\n1    2\n--- ---\n3    4\n";
    expect(parseTable(text)).toEqual([
      { a: "1", b: "2" },
      { a: "3", b: "4" },
    ]);
    expect(parseTable(text, { skip_separator: false })).toEqual([
      { a: "===", b: "===" },
      { a: "1", b: "2" },
      { a: "---", b: "---" },
      { a: "3", b: "4" },
    ]);
  });

  it("with end, blank lines are skipped and the end line stops the table", () => {
    const text = "A  B\n1  2\n\n3  4\nTotal: 2\n5  6\n";
    expect(parseTable(text)).toEqual([{ a: "1", b: "2" }]);
    expect(parseTable(text, { end: "^Total:" })).toEqual([
      { a: "1", b: "2" },
      { a: "3", b: "4" },
    ]);
  });

  it("is in the registry", () => {
    expect(getParser("table")?.(fixture(`${JOBS}.raw`))).toHaveLength(8);
  });
});

describe("table: errors", () => {
  it("fewer rows than min", () => {
    expect(() => parseTable(fixture(`${JOBS}.raw`), { min: 9 })).toThrow("line 1: table has 8 rows under the header, expected at least 9");
    expect(() => parseTable("Enqueued  ID  Type\n------------------\n")).toThrow(/table has 0 rows under the header, expected at least 1/);
    expect(parseTable("Enqueued  ID  Type\n------------------\n", { min: 0 })).toEqual([]);
  });

  it("a header that is not there", () => {
    expect(() => parseTable(fixture(`${JOBS}.raw`), { header: "^Filesystem" })).toThrow("header /^Filesystem/ matches no line of the output");
    expect(() => parseTable(" \n\u200b\n")).toThrow("output is empty: no header line");
  });

  it("headings and columns that do not fit the header line", () => {
    const raw = fixture(`${HARDWARE}.raw`);
    expect(() => parseTable(raw, { header: "^name", headings: ["name", "id", "speed/duplex/state"] })).toThrow('header word "mac address" is not in headings');
    expect(() => parseTable(raw, { header: "^name", headings: ["name", "speed/duplex/state", "mac address"] })).toThrow('line 3: header word "id" is not in headings');
    expect(() => parseTable(raw, { header: "^name", headings: ["name", "id", "speed"] })).toThrow('heading "speed" not found in the header line (in order after "name                    id")');
    expect(() => parseTable(raw, { header: "^name", columns: ["a", "b"] })).toThrow('line 3: columns has 2 names but the header has 5 headings: "name" "id" "speed/duplex/state" "mac" "address"');
    expect(() => parseTable("x  x\n1  2\n")).toThrow('two columns are named "x"');
  });

  it("types or required naming no column", () => {
    expect(() => parseTable(fixture(`${JOBS}.raw`), { types: { jobid: "int" } })).toThrow(/types\.jobid: no such field \(there are: enqueued, id, type/);
    expect(() => parseTable(fixture(`${JOBS}.raw`), { required: ["jobid"] })).toThrow(/required: "jobid" is not a column/);
  });

  it("every error is a ParseError", () => {
    expect(() => parseTableText("", {})).toThrow(ParseError);
  });
});

describe("table options schema", () => {
  const ajv = new Ajv({ allErrors: true, strict: true });
  const validate = ajv.compile(tableOptionsSchema);

  it("is the one the registry publishes", () => {
    expect(parserOptionSchemas.table).toBe(tableOptionsSchema);
  });

  it.each([{}, { header: "^name", headings: ["name", "mac address"], columns: ["n", "mac"], skip_separator: false, end: "^$", split: "whitespace", types: { n: "string" }, required: ["n"], min: 0 }])(
    "accepts %j",
    (options) => {
      expect(validate(options), ajv.errorsText(validate.errors)).toBe(true);
    },
  );

  it.each([
    [{ header: "" }, "minLength"],
    [{ columns: [] }, "minItems"],
    [{ columns: ["a", "a"] }, "uniqueItems"],
    [{ headings: ["  "] }, "pattern"],
    [{ split: "tabs" }, "enum"],
    [{ types: { a: "number" } }, "enum"],
    [{ min: -1 }, "minimum"],
    [{ skip_separators: true }, "additionalProperties"],
  ])("rejects %j (%s)", (options, keyword) => {
    expect(validate(options)).toBe(false);
    expect(validate.errors?.map((e) => e.keyword)).toContain(keyword);
  });

  it("parserOptionProblems checks patterns and names the schema cannot", () => {
    expect(parserOptionProblems("table", { header: "(", columns: ["a"], headings: ["A", "B"], types: { b: "int" } })).toEqual([
      "header /(/ is not a valid regular expression: Invalid regular expression: /(/: Unterminated group",
      "columns has 1 names but headings has 2 entries",
      "types.b: no such field (there are: a)",
    ]);
  });
});

describe("every parser's options schema", () => {
  const ajv = new Ajv({ allErrors: true, strict: true });

  it("compiles in ajv's strict mode, and the option-less ones accept {} and nothing else", () => {
    for (const [name, schema] of Object.entries(parserOptionSchemas)) {
      const validate = ajv.compile(schema);
      // regex and textfsm need their pattern or template; every other parser runs with no options at all.
      const required = (schema as { required?: string[] }).required ?? [];
      if (required.length === 0) expect(validate({}), name).toBe(true);
      else expect(validate({}), name).toBe(false);
      expect(validate({ nosuchoption: 1 }), name).toBe(false);
    }
  });

  it("key-value takes types through the registry", () => {
    const info = fixture("paloalto_panos/show_system_info/ntc-templates__tests__paloalto_panos__show_system_info__paloalto_panos_show_system_info.raw");
    const validate = ajv.compile(parserOptionSchemas["key-value"] as object);
    const options = { types: { "sw-version": "version", "multi-vsys": "bool", "vm-license": "string", "no-such-key": "int" } };
    expect(validate(options)).toBe(true);
    const parsed = getParser("key-value")?.(info, options) as Record<string, unknown>;
    expect(parsed).toMatchObject({ "sw-version": "7.0.1", "multi-vsys": false, hostname: "pa1" });
    expect(parsed).not.toHaveProperty("no-such-key");
    expect(() => getParser("key-value")?.(info, { types: { hostname: "int" } })).toThrow('field "hostname": "pa1" is not an int');
    expect(validate({ types: { hostname: "integer" } })).toBe(false);
  });
});
