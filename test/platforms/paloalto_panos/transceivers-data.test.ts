// The optics reference data (checks/paloalto_panos/data/transceivers*.yaml) has the exact shape the check relies on,
// its versions parse with the PAN-OS version parser, and the EEPROM pairs of the phy fixtures match it
// under the documented rule (trimmed, case-insensitive).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { parsePanosPhy, type PhyPort } from "../../../src/platforms/paloalto_panos/parsers/phy.js";
import { parsePanosVersion } from "../../../src/platforms/paloalto_panos/version.js";
import { fixture } from "./parsers/system-state-format.js";

interface OemPair {
  vendor: string;
  part: string;
  confidence: string;
  source?: string;
}
interface Part {
  sku: string;
  form?: string;
  description: string;
  min_panos?: string;
  models?: string[];
  oem: OemPair[];
}
interface OpticsData {
  source: { title: string; url: string; retrieved: string; notes: string };
  parts: Part[];
}

function load(name: string): OpticsData {
  return parseYaml(readFileSync(fileURLToPath(new URL(`../../../checks/paloalto_panos/data/${name}`, import.meta.url)), "utf8")) as OpticsData;
}

const norm = (s: string) => s.trim().toLowerCase();

describe.each(["transceivers.yaml", "transceivers.local.yaml"])("%s", (name) => {
  const data = load(name);

  it("has a source with a title, url, YYYY-MM-DD retrieval date and notes", () => {
    expect(Object.keys(data.source).sort()).toEqual(["notes", "retrieved", "title", "url"]);
    expect(data.source.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(data.source.notes.length).toBeGreaterThan(20);
  });

  it("lists parts with a unique sku, a description, string PAN-OS versions and oem pairs with a confidence", () => {
    expect(Array.isArray(data.parts)).toBe(true);
    const skus = data.parts.map((p) => p.sku);
    expect(new Set(skus).size).toBe(skus.length);
    for (const part of data.parts) {
      expect(Object.keys(part).every((k) => ["sku", "form", "description", "min_panos", "models", "oem"].includes(k)), part.sku).toBe(true);
      if (part.models !== undefined) expect(part.models.every((m) => typeof m === "string" && m.trim() === m && m !== ""), part.sku).toBe(true);
      expect(part.description, part.sku).toMatch(/\S/);
      if (part.min_panos !== undefined) expect(() => parsePanosVersion(part.min_panos as string), part.sku).not.toThrow();
      expect(part.oem.length, part.sku).toBeGreaterThan(0);
      for (const pair of part.oem) {
        expect(Object.keys(pair).every((k) => ["confidence", "part", "vendor", "source"].includes(k))).toBe(true);
        expect(["observed", "datasheet", "convention", "unverified"]).toContain(pair.confidence);
        // A claim stronger than "unverified" names where it comes from.
        if (pair.confidence !== "unverified") expect(pair.source, part.sku).toMatch(/\S/);
        expect(pair.vendor).toBe(pair.vendor.trim());
        expect(pair.part).toBe(pair.part.trim());
      }
    }
  });
});

describe("transceivers.yaml content", () => {
  const data = load("transceivers.yaml");
  const pairs = data.parts.flatMap((p) => p.oem.map((o) => ({ sku: p.sku, key: `${norm(o.vendor)}|${norm(o.part)}` })));

  it("carries the pair a real Palo Alto-supplied optic reports (PR #111 capture) as observed, and no unsourced vendor-made pair", () => {
    const observed = data.parts.flatMap((p) => p.oem.filter((o) => o.confidence === "observed").map((o) => [p.sku, o.vendor, o.part]));
    expect(observed).toEqual([["PAN-SFP-PLUS-SR", "OEM", "PAN-SFP-PLUS-SR"]]);
    // Every pair follows the observed convention (vendor OEM, part = the SKU) unless a source shows otherwise.
    for (const part of data.parts) for (const o of part.oem) if (o.vendor !== "OEM") expect(o.source, `${part.sku}: ${o.vendor} ${o.part}`).toMatch(/\S/);
  });

  it("covers every transceiver family: SFP, copper SFP, SFP+, SFP28, QSFP+, QSFP28, DAC and AOC", () => {
    const forms = new Set(data.parts.map((p) => p.form));
    for (const form of ["SFP", "SFP (copper)", "SFP+", "SFP28", "QSFP+", "QSFP28", "SFP+ DAC", "QSFP+ AOC"]) expect(forms).toContain(form);
  });

  it("does not list the real FINISAR QSFP+ that the PR #111 tests classify as not Palo Alto-supplied", () => {
    expect(pairs.map((p) => p.key)).not.toContain("finisar corp|fcbn410qb1c10");
  });

  it("maps each EEPROM pair to one SKU only", () => {
    expect(new Set(pairs.map((p) => p.key)).size).toBe(pairs.length);
  });

  it("matches the padded EEPROM fields of the phy fixture after trimming, and not the generic OEM optic", () => {
    const known = new Set(pairs.map((p) => p.key));
    const ports = parsePanosPhy(fixture("paloalto_panos/show_system_state_filter-pretty_sys.s.p.phy/written-by-preflight__mixed-ports.txt")) as PhyPort[];
    const verdicts = ports
      .filter((p) => p.sfp)
      .map((p) => [p.port, known.has(`${norm(String(p.sfp?.["vendor-name"]))}|${norm(String(p.sfp?.["vendor-part-number"]))}`)]);
    expect(verdicts).toEqual([
      ["ethernet1/9", false],
      ["ethernet1/13", true],
    ]);
  });
});
