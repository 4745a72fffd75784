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
}
interface Part {
  sku: string;
  description: string;
  min_panos?: string;
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
      expect(Object.keys(part).every((k) => ["sku", "description", "min_panos", "oem"].includes(k)), part.sku).toBe(true);
      expect(part.description, part.sku).toMatch(/\S/);
      if (part.min_panos !== undefined) expect(() => parsePanosVersion(part.min_panos as string), part.sku).not.toThrow();
      expect(part.oem.length, part.sku).toBeGreaterThan(0);
      for (const pair of part.oem) {
        expect(Object.keys(pair).sort()).toEqual(["confidence", "part", "vendor"]);
        expect(["observed", "datasheet", "unverified"]).toContain(pair.confidence);
        expect(pair.vendor).toBe(pair.vendor.trim());
        expect(pair.part).toBe(pair.part.trim());
      }
    }
  });
});

describe("transceivers.yaml content", () => {
  const data = load("transceivers.yaml");
  const pairs = data.parts.flatMap((p) => p.oem.map((o) => ({ sku: p.sku, key: `${norm(o.vendor)}|${norm(o.part)}` })));

  it("carries the required OEM pairs under their SKUs", () => {
    expect(pairs.map((p) => [p.sku, p.key])).toEqual(
      expect.arrayContaining([
        ["PAN-SFP-PLUS-SR", "finisar corp.|ftlx8571d3bcl"],
        ["PAN-SFP-PLUS-LR", "finisar corp.|ftlx1471d3bcl"],
        ["PAN-SFP-SX", "finisar corp.|ftlf8519p3bnl"],
        ["PAN-SFP-LX", "finisar corp.|ftlf1318p3btl"],
      ]),
    );
  });

  it("maps each EEPROM pair to one SKU only", () => {
    expect(new Set(pairs.map((p) => p.key)).size).toBe(pairs.length);
  });

  it("matches the padded EEPROM fields of the phy fixture after trimming, and not the third-party optic", () => {
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
