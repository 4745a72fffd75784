// A host's own upgrade_path implies its target over an inherited target_version (the more specific layer wins).
import { describe, expect, it } from "vitest";
import { parseYamlInventory } from "../../src/inventory/yaml-inventory.js";

describe("upgrade_path and target_version precedence", () => {
  it("a host's path wins over the defaults' target", () => {
    const { inventory, diagnostics } = parseYamlInventory(
      "defaults: { platform: paloalto_panos, target_version: 11.1.4 }\nhosts:\n  fw1: { host: 10.0.0.1, upgrade_path: [10.1.0, 10.2.0, 10.2.4-h4] }\n  fw2: { host: 10.0.0.2 }\n",
      "inv.yaml",
    );
    expect(diagnostics).toEqual([]);
    expect(inventory?.devices.map((d) => [d.name, d.targetVersion, d.upgradePath])).toEqual([
      ["fw1", "10.2.4-h4", ["10.1.0", "10.2.0", "10.2.4-h4"]],
      ["fw2", "11.1.4", undefined],
    ]);
  });

  it("a host's own target that contradicts an inherited path is an error", () => {
    const { diagnostics } = parseYamlInventory(
      "defaults: { platform: paloalto_panos, upgrade_path: [10.1.0, 10.2.0] }\nhosts:\n  fw1: { host: 10.0.0.1, target_version: 11.1.4 }\n",
      "inv.yaml",
    );
    expect(diagnostics.map((d) => d.message)).toEqual([expect.stringContaining("the path must end at the target")]);
  });
});
