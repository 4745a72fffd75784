// Selection: OR within one flag, AND across flags, globs on names, usage errors with did-you-mean, file order kept.
import { describe, expect, it } from "vitest";
import { selectDevices, type SelectionCriteria } from "../../src/inventory/select.js";
import { parseYamlInventory } from "../../src/inventory/yaml-inventory.js";
import type { Device } from "../../src/inventory/types.js";

const { inventory } = parseYamlInventory(
  `
defaults: { platform: paloalto_panos }
groups:
  emea: {}
  apac: {}
  dc1: { groups: [emea] }
hosts:
  fw-ams-01: { groups: [dc1], tags: [edge] }
  fw-ams-02: { groups: [dc1], tags: [core] }
  fw-sin-01: { groups: [apac], tags: [edge] }
  fw-lab-01: { tags: [lab] }
`,
  "inv.yaml",
);
const devices: Device[] = inventory!.devices;

function select(criteria: Partial<SelectionCriteria>): { names: string[]; diagnostics: string[] } {
  const { selected, diagnostics } = selectDevices(devices, { groups: [], devices: [], tags: [], ...criteria });
  return { names: selected.map((d) => d.name), diagnostics };
}

describe("selectDevices", () => {
  it("selects everything when no flag is given", () => {
    expect(select({})).toEqual({ names: ["fw-ams-01", "fw-ams-02", "fw-sin-01", "fw-lab-01"], diagnostics: [] });
  });

  it("ORs the values of one flag and keeps inventory order", () => {
    expect(select({ devices: ["fw-sin-01", "fw-ams-01"] }).names).toEqual(["fw-ams-01", "fw-sin-01"]);
    expect(select({ tags: ["lab", "edge"] }).names).toEqual(["fw-ams-01", "fw-sin-01", "fw-lab-01"]);
  });

  it("matches groups through inherited parent groups", () => {
    expect(select({ groups: ["emea"] }).names).toEqual(["fw-ams-01", "fw-ams-02"]);
    expect(select({ groups: ["emea", "apac"] }).names).toEqual(["fw-ams-01", "fw-ams-02", "fw-sin-01"]);
  });

  it("ANDs different flags", () => {
    expect(select({ groups: ["emea", "apac"], tags: ["edge"] }).names).toEqual(["fw-ams-01", "fw-sin-01"]);
    expect(select({ devices: ["fw-*"], groups: ["dc1"], tags: ["core"] }).names).toEqual(["fw-ams-02"]);
    // each value exists, but nothing has all of them: an empty selection, not a usage error.
    expect(select({ groups: ["apac"], tags: ["core"] })).toEqual({ names: [], diagnostics: [] });
  });

  it("accepts * globs in device names, anchored at both ends", () => {
    expect(select({ devices: ["fw-ams-*"] }).names).toEqual(["fw-ams-01", "fw-ams-02"]);
    expect(select({ devices: ["*-01"] }).names).toEqual(["fw-ams-01", "fw-sin-01", "fw-lab-01"]);
    // regex characters in a pattern are literal
    expect(select({ devices: ["fw.ams*"] }).diagnostics).toEqual(['--device "fw.ams*": the pattern matches no device']);
  });

  it("reports unknown names with did-you-mean", () => {
    expect(select({ devices: ["fw-ams-1"], groups: ["emae"], tags: ["edgee", "nothing-like-it"] }).diagnostics).toEqual([
      '--device "fw-ams-1": no such device (did you mean "fw-ams-01"?)',
      '--group "emae": no device is in this group (did you mean "emea"?)',
      '--tag "edgee": no device has this tag (did you mean "edge"?)',
      '--tag "nothing-like-it": no device has this tag',
    ]);
  });
});
