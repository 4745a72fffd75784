// The demo fleet's mix is what the demo and the end-to-end tests rely on: deterministic, the right proportions,
// exactly one unreachable and one rejecting device, and an expected outcome per device.
import { describe, expect, it } from "vitest";
import {
  demoFleetSpecs,
  demoHasUnreadablePort,
  demoNonOemOptics,
  expectedDemoOutcome,
  NON_OEM_OPTICS,
  NON_OEM_OPTICS_40G,
  OEM_OPTICS_10G,
  OEM_OPTICS_1G,
  OEM_OPTICS_40G,
} from "../../../../src/platforms/paloalto_panos/simulator/demo-fleet.js";
import { evaluateCheck } from "../../../../src/checks/evaluate.js";
import { packagePath } from "../../../../src/util/package-root.js";
import { loadOk, outputs } from "../../../checks/helpers.js";
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
    const known = new Set([...OEM_OPTICS_10G, ...OEM_OPTICS_1G, ...OEM_OPTICS_40G, ...NON_OEM_OPTICS, ...NON_OEM_OPTICS_40G].map((o) => `${o.vendorName}/${o.partNumber}`));
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
      expect([...NON_OEM_OPTICS, ...NON_OEM_OPTICS_40G].map((o) => o.partNumber)).toContain(optic.partNumber);
    }
  });

  it("carries every kind of optic the issue names: genuine (SFP+, 1G, QSFP+), vendor-made, generic OEM, unidentified, unreadable", () => {
    const all = fleet.flatMap((s) => installed(s.outputs[PANOS_PHY_COMMAND] ?? ""));
    for (const pair of ["OEM/PAN-SFP-PLUS-SR", "OEM/PAN-QSFP-40GBASE-SR4", "FINISAR CORP/FCBN410QB1C10"]) expect(all).toContain(pair);
    // The third-party SFP+ are picked at random: a larger fleet has each of them.
    const large = demoFleetSpecs(200).flatMap((s) => installed(s.outputs[PANOS_PHY_COMMAND] ?? ""));
    for (const o of NON_OEM_OPTICS) expect(large).toContain(`${o.vendorName}/${o.partNumber}`);
    expect(NON_OEM_OPTICS.filter((o) => all.includes(`${o.vendorName}/${o.partNumber}`)).length).toBeGreaterThanOrEqual(2);
    expect(all.some((p) => p === "OEM/PAN-SFP-SX" || p === "OEM/PAN-SFP-LX")).toBe(true);
    expect(fleet.filter(demoHasUnreadablePort).map((s) => s.name)).toEqual(["fw-005", "fw-030"]);
    expect(count("error")).toBe(2);
    // The QSFP+ block is the real capture's: lanes and the comma-holding transceiver code.
    const qsfp = fleet.map((s) => s.outputs[PANOS_PHY_COMMAND] ?? "").find((t) => t.includes("PAN-QSFP-40GBASE-SR4"));
    expect(qsfp).toContain("    'ch4': {\n      'rx-power': 0.00 mW,\n    },\n");
    expect(qsfp).toContain("    'transceiver': S dist,SN,M5,\n");
  });

  it("is classified right by the optics check with the built-in data alone, for every device of a 200-device fleet", async () => {
    const check = await loadOk(packagePath("checks", "paloalto_panos", "panos-transceivers-supported.yaml"));
    const wrong: string[] = [];
    for (const spec of demoFleetSpecs(200)) {
      const expected = expectedDemoOutcome(spec);
      if (expected === "unreachable") continue;
      const model = /^model: (.*)$/m.exec(spec.outputs[PANOS_SYSTEM_INFO_COMMAND] ?? "")?.[1];
      const hops = ["10.1.0", "10.2.0", "10.2.4-h4"].map((version) => ({ version, feature_release: version.slice(0, 4) }));
      const result = evaluateCheck(
        check,
        { name: spec.name, platform: "paloalto_panos", groups: [], tags: [], vars: {}, facts: model ? { model } : {}, hop: hops[2]!, hops },
        outputs({ [PANOS_PHY_COMMAND]: spec.outputs[PANOS_PHY_COMMAND] ?? "" }),
      );
      const got = result.status === "fail" ? "blocked" : result.status === "error" ? "error" : result.status === "pass" ? "ready" : result.status;
      if (got !== expected) wrong.push(`${spec.name}: expected ${expected}, got ${got} (${result.reason ?? result.findings[0]?.message ?? ""})`);
    }
    expect(wrong).toEqual([]);
  });
});
