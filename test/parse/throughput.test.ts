// Throughput guard: a 5 MB phy dump (pretty format, ~12 000 ports, optics on three in four) must parse in
// seconds at worst. The bound is loose on purpose so a busy machine does not fail it; what it catches is
// a quadratic regression, which would take minutes on this input. Measured on a shared, heavily loaded
// 2-core box: 14-37 MB/s, 1.5-3x the time JSON.parse needs for the same data, linear from 1 to 20 MB.
import { describe, expect, it } from "vitest";
import { parsePanosPhy, type PhyPort } from "../../src/platforms/paloalto_panos/parsers/phy.js";
import { formatEntry } from "../platforms/paloalto_panos/parsers/system-state-format.js";

function syntheticPhyDump(targetBytes: number): { raw: string; ports: number } {
  const chunks: string[] = [];
  let size = 0;
  let ports = 0;
  for (let slot = 1; size < targetBytes; slot++) {
    for (let index = 1; index <= 64 && size < targetBytes; index++) {
      const withOptic = index % 4 !== 0;
      const value = {
        "link-partner": {},
        media: withOptic ? "SFP-Plus-Fiber" : "CAT5",
        ...(withOptic && {
          sfp: {
            connector: "LC",
            encoding: "64B66B",
            identifier: "SFP",
            transceiver: "10GBASE-SR",
            "vendor-name": "FINISAR CORP.   ",
            "vendor-oui": "00:90:65",
            "vendor-part-number": "FTLX8571D3BCL   ",
            "vendor-part-rev": "A   ",
            "vendor-serial-number": `S${slot}X${index}   `,
          },
        }),
        type: "Ethernet",
      };
      const entry = `${formatEntry(`sys.s${slot}.p${index}.phy`, value, true)}\n`;
      chunks.push(entry);
      size += entry.length;
      ports++;
    }
  }
  return { raw: chunks.join(""), ports };
}

describe("panos-phy throughput", () => {
  it("parses a 5 MB dump in under 3 seconds", () => {
    const { raw, ports } = syntheticPhyDump(5 * 1024 * 1024);
    const started = performance.now();
    const list = parsePanosPhy(raw) as PhyPort[];
    const elapsed = performance.now() - started;
    expect(list).toHaveLength(ports);
    expect(list[0]?.sfp?.["vendor-name"]).toBe("FINISAR CORP.");
    expect(elapsed).toBeLessThan(3000);
  });
});
