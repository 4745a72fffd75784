// CSV inventory as a CMDB exports it: `;`-separated lists, optional columns, every problem at line:col.
import { describe, expect, it } from "vitest";
import { parseCsvInventory } from "../../src/inventory/csv-inventory.js";
import { formatDiagnostic } from "../../src/util/diagnostics.js";

function problems(text: string): string[] {
  const { inventory, diagnostics } = parseCsvInventory(text, "cmdb.csv");
  expect(inventory).toBeUndefined();
  return diagnostics.map(formatDiagnostic);
}

describe("CSV inventory", () => {
  it("reads devices with ;-separated groups and optional columns, in file order", () => {
    const text = [
      "name,host,port,platform,groups,target_version",
      "fw-ams-01,10.0.0.1,22,paloalto_panos,emea;dc1,10.2.4-h4",
      "fw-ams-02,10.0.0.2,,paloalto_panos, emea ; dc1 ;emea,",
      '"fw-fra-01","fw-fra-01.example.net",2222,paloalto_panos,,10.1.0',
      "",
    ].join("\r\n");
    const { inventory, diagnostics } = parseCsvInventory(text, "cmdb.csv");
    expect(diagnostics).toEqual([]);
    expect(inventory!.devices.map(({ credentials, ...rest }) => ({ ...rest, credentials: credentials.name }))).toEqual([
      { index: 0, name: "fw-ams-01", host: "10.0.0.1", port: 22, platform: "paloalto_panos", groups: ["emea", "dc1"], tags: [], targetVersion: "10.2.4-h4", credentials: "default", vars: {} },
      { index: 1, name: "fw-ams-02", host: "10.0.0.2", port: 22, platform: "paloalto_panos", groups: ["emea", "dc1"], tags: [], credentials: "default", vars: {} },
      { index: 2, name: "fw-fra-01", host: "fw-fra-01.example.net", port: 2222, platform: "paloalto_panos", groups: [], tags: [], targetVersion: "10.1.0", credentials: "default", vars: {} },
    ]);
    expect(Object.keys(inventory!.credentialSets)).toEqual(["default"]);
  });

  it("reads an optional site column and refuses a malformed site", () => {
    const { inventory, diagnostics } = parseCsvInventory("name,host,platform,site\nfw-1,10.0.0.1,paloalto_panos,ams\nfw-2,10.0.0.2,paloalto_panos,\n", "cmdb.csv");
    expect(diagnostics).toEqual([]);
    expect(inventory!.devices.map((d) => d.site)).toEqual(["ams", undefined]);
    expect(problems("name,host,platform,site\nfw-1,10.0.0.1,paloalto_panos,a/b\n")).toEqual(["cmdb.csv:2:30: bad site \"a/b\": use letters, digits, '.', '_' and '-', starting with a letter or digit"]);
  });

  it("accepts the required columns alone, in any order and case, with a BOM, comments and blank rows", () => {
    const text = "\uFEFFPlatform,Host,Name,tags\n# exported 2024-05-01\nPALO,x,y,\n,,,\n";
    expect(problems(text)).toEqual(['cmdb.csv:3:1: unknown platform "PALO"; supported: paloalto_panos, linux, arista_eos, cisco_nxos, juniper_junos, fortinet, frr, cisco_ios, cisco_xe']);
    const ok = parseCsvInventory("platform,host,name,tags\npaloalto_panos,10.1.1.1,fw-1,edge;pci\n\n,,,\n", "cmdb.csv");
    expect(ok.diagnostics).toEqual([]);
    expect(ok.inventory!.devices).toMatchObject([{ name: "fw-1", host: "10.1.1.1", port: 22, tags: ["edge", "pci"], groups: [] }]);
  });

  it("reports every problem at once with line and column", () => {
    const text = [
      "name,host,port,platfrom,group,password", //                  1
      "fw-1,10.0.0.1,22,paloalto_panos,emea,x", //                  2
    ].join("\n");
    expect(problems(text)).toEqual([
      'cmdb.csv:1:1: missing column "platform": the header must name name, host, platform',
      'cmdb.csv:1:16: unknown column "platfrom" (did you mean "platform"?); expected columns: name, host, port, platform, groups, target_version, tags, site',
      'cmdb.csv:1:25: unknown column "group" (did you mean "groups"?); expected columns: name, host, port, platform, groups, target_version, tags, site',
      'cmdb.csv:1:31: column "password": credentials are not stored in the inventory: put the password in an environment variable and reference it with password_env',
    ]);
  });

  it("reports bad rows: empty cells, bad ports, unknown platforms, duplicates, extra fields", () => {
    const text = [
      "name,host,port,platform", //                     1
      "fw-1,10.0.0.1,22,paloalto_panos", //             2
      ",10.0.0.2,22,paloalto_panos", //                 3
      "fw-3,,abc,paloalto_panos", //                    4
      "fw-4,10.0.0.4,70000,paloalto-panos", //          5
      "fw-1,10.0.0.5,  22,,extra", //                   6
      "",
    ].join("\n");
    expect(problems(text)).toEqual([
      "cmdb.csv:3:1: empty name: every device needs a name",
      "cmdb.csv:4:6: empty host: every device needs a host",
      'cmdb.csv:4:7: bad port "abc": expected a port number from 1 to 65535',
      'cmdb.csv:5:15: bad port "70000": expected a port number from 1 to 65535',
      'cmdb.csv:5:21: unknown platform "paloalto-panos" (did you mean "paloalto_panos"?); supported: paloalto_panos, linux, arista_eos, cisco_nxos, juniper_junos, fortinet, frr, cisco_ios, cisco_xe',
      'cmdb.csv:6:1: duplicate device "fw-1" (first defined at line 2)',
      "cmdb.csv:6:20: empty platform: every device needs a platform",
      "cmdb.csv:6:21: row has 5 fields but the header has 4",
    ]);
  });

  it("counts lines across quoted cells that span lines", () => {
    const text = 'name,host,platform\n"fw\n1",10.0.0.1,paloalto_panos\nfw-2,10.0.0.2,junos\n';
    expect(problems(text)).toEqual(['cmdb.csv:4:15: unknown platform "junos" (did you mean "juniper_junos"?); supported: paloalto_panos, linux, arista_eos, cisco_nxos, juniper_junos, fortinet, frr, cisco_ios, cisco_xe']);
  });

  it("reports malformed CSV with its line", () => {
    expect(problems('name,host,platform\nfw-1,"10.0.0.1,paloalto_panos\n')).toEqual([
      expect.stringMatching(/^cmdb\.csv:2:1: invalid CSV: Quote Not Closed/),
    ]);
  });

  it("rejects an empty file", () => {
    expect(problems("\n\n")).toEqual(["cmdb.csv: the inventory is empty: expected a header name,host,port,platform,groups,target_version,tags,site"]);
  });
});
