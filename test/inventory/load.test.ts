// loadInventory / validateInventoryFile: format by extension, InputError with every diagnostic, unreadable files.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadInventory, validateInventoryFile } from "../../src/inventory/load.js";
import { InputError } from "../../src/util/diagnostics.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "preflight-inventory-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe("loadInventory", () => {
  it("loads .yaml, .yml and .csv files", async () => {
    const yaml = "hosts:\n  fw-1: { host: 10.0.0.1, platform: paloalto_panos }\n";
    for (const name of ["a.yaml", "b.YML"]) {
      const path = await file(name, yaml);
      const inventory = await loadInventory(path);
      expect(inventory.file).toBe(path);
      expect(inventory.devices.map((d) => [d.index, d.name, d.host])).toEqual([[0, "fw-1", "10.0.0.1"]]);
    }
    const csv = await loadInventory(await file("c.csv", "name,host,platform\nfw-1,10.0.0.1,paloalto_panos\nfw-2,10.0.0.2,paloalto_panos\n"));
    expect(csv.devices.map((d) => [d.index, d.name])).toEqual([
      [0, "fw-1"],
      [1, "fw-2"],
    ]);
  });

  it("throws an InputError carrying every diagnostic", async () => {
    const path = await file("bad.yaml", "hosts:\n  fw-1: { platfrom: paloalto_panos, port: 0 }\n");
    const error = await loadInventory(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).diagnostics.map((d) => [d.line, d.col, d.message])).toEqual([
      [2, 3, "hosts.fw-1: no platform: set platform on the host, on one of its groups or in defaults"],
      [2, 11, expect.stringContaining('unknown key "platfrom" (did you mean "platform"?)')],
      [2, 43, "hosts.fw-1.port: expected a port number from 1 to 65535, found 0"],
    ]);
    expect((error as InputError).message).toContain(`${path}:2:11: hosts.fw-1.platfrom: unknown key`);
  });

  it("rejects other extensions and missing files", async () => {
    await expect(loadInventory(join(dir, "inventory.json"))).rejects.toThrow('unsupported inventory format ".json": expected a .yaml, .yml or .csv file');
    await expect(loadInventory(join(dir, "absent.yaml"))).rejects.toThrow(`${join(dir, "absent.yaml")}: cannot read the inventory: no such file`);
  });
});

describe("validateInventoryFile", () => {
  it("returns no diagnostic for a good file and all of them for a bad one", async () => {
    expect(await validateInventoryFile(await file("good.csv", "name,host,platform\nfw-1,10.0.0.1,paloalto_panos\n"))).toEqual([]);
    const bad = await file("bad.csv", "name,host,platform\nfw-1,,paloalto_panos\nfw-1,10.0.0.2,panos\n");
    expect((await validateInventoryFile(bad)).map((d) => `${d.line}:${d.col}: ${d.message}`)).toEqual([
      "2:6: empty host: every device needs a host",
      '3:1: duplicate device "fw-1" (first defined at line 2)',
      '3:15: unknown platform "panos" (did you mean "paloalto_panos"?); supported: paloalto_panos, linux, arista_eos, cisco_nxos, juniper_junos, fortinet, frr, cisco_ios, cisco_xe',
    ]);
  });
});
