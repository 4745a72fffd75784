// The demo fleet's mix is what the demo and the end-to-end tests rely on: deterministic, the right proportions,
// exactly one unreachable and one rejecting device, and an expected outcome per device.
import { describe, expect, it } from "vitest";
import {
  demoFleetSpecs,
  demoNonOemOptics,
  expectedDemoOutcome,
  NON_OEM_OPTICS,
  OEM_OPTICS_10G,
  OEM_OPTICS_1G,
} from "../../../../src/platforms/paloalto_panos/simulator/demo-fleet.js";
import { PANOS_PHY_COMMAND, PANOS_SYSTEM_INFO_COMMAND } from "../../../../src/platforms/paloalto_panos/simulator/outputs.js";

const fleet = demoFleetSpecs();
const outcomes = fleet.map(expectedDemoOutcome);
const count = (outcome: string): number => outcomes.filter((o) => o === outcome).length;

/** Vendor/part pairs installed on a device, padding trimmed. */
function installed(text: string): string[] {
  const names = [...text.matchAll(/'vendor-name': (.*),$/gm)].map((m) => (m[1] ?? "").trim());
  const parts = [...text.matchAll(/'vendor-part-number': (.*),$/gm)].map((m) => (m[1] ?? "").trim());
  return names.map((name, i) => `${name}/${parts[i]}`);
}

describe("demoFleetSpecs", () => {
  it("is deterministic and names devices fw-001.. with site hostnames", () => {
    expect(demoFleetSpecs()).toEqual(fleet);
    expect(fleet).toHaveLength(50);
    expect(fleet[0]?.name).toBe("fw-001");
    expect(fleet[49]?.name).toBe("fw-050");
    expect(fleet[0]?.hostname).toBe("dc1-fw-001");
    expect(new Set(fleet.map((s) => s.name)).size).toBe(50);
  });

  it("keeps device N identical whatever the fleet size, faults aside", () => {
    const big = demoFleetSpecs(500);
    expect(big[3]?.outputs).toEqual(fleet[3]?.outputs);
  });

  it("has exactly one refusing and one rejecting device", () => {
    for (const size of [2, 9, 50, 500]) {
      const specs = demoFleetSpecs(size);
      const kinds = specs.flatMap((s) => s.faults ?? []).map((f) => f.kind).sort();
      expect(kinds, `size ${size}`).toEqual(["auth-reject", "refuse"]);
    }
  });

  it("mixes about half OEM-only, about a fifth non-OEM and the rest copper", () => {
    expect(count("unreachable")).toBe(2);
    expect(count("blocked")).toBeGreaterThanOrEqual(8);
    expect(count("blocked")).toBeLessThanOrEqual(12);
    const withOptics = fleet.filter((s) => installed(s.outputs[PANOS_PHY_COMMAND] ?? "").length > 0);
    const oemOnly = withOptics.filter((s) => demoNonOemOptics(s).length === 0);
    expect(oemOnly.length).toBeGreaterThanOrEqual(22);
    expect(oemOnly.length).toBeLessThanOrEqual(28);
    expect(fleet.length - withOptics.length).toBeGreaterThan(5);
  });

  it("installs only the listed OEM and non-OEM pairs, on 9.1/10.1 PA-3220/5220/850/460", () => {
    const known = new Set([...OEM_OPTICS_10G, ...OEM_OPTICS_1G, ...NON_OEM_OPTICS].map((o) => `${o.vendorName}/${o.partNumber}`));
    for (const spec of fleet) {
      for (const pair of installed(spec.outputs[PANOS_PHY_COMMAND] ?? "")) expect(known).toContain(pair);
      expect(spec.outputs[PANOS_SYSTEM_INFO_COMMAND]).toMatch(/^sw-version: (9\.1|10\.1)\.\d+/m);
      expect(spec.outputs[PANOS_SYSTEM_INFO_COMMAND]).toMatch(/^model: PA-(3220|5220|850|460)$/m);
    }
  });

  it("names the ports a blocked device must be flagged for", () => {
    const blocked = fleet.find((s) => expectedDemoOutcome(s) === "blocked");
    const optics = demoNonOemOptics(blocked!);
    expect(optics.length).toBeGreaterThan(0);
    for (const optic of optics) {
      expect(optic.port).toMatch(/^ethernet1\/\d+$/);
      expect(NON_OEM_OPTICS.map((o) => o.partNumber)).toContain(optic.partNumber);
    }
  });
});
