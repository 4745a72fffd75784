// The PAN-OS output builders: `show system info` keeps the real capture's keys and order; the phy dump has
// the documented pretty-printed shape with EEPROM-padded vendor fields.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseKeyValue } from "../../../../src/parse/key-value.js";
import {
  PANOS_PHY_COMMAND,
  PANOS_SYSTEM_INFO_COMMAND,
  panosDevice,
  panosPhyState,
  panosSystemInfo,
} from "../../../../src/platforms/paloalto_panos/simulator/outputs.js";

const realInfo = readFileSync(new URL("../../../../fixtures/paloalto_panos/show_system_info/ntc-templates__tests__paloalto_panos__show_system_info__paloalto_panos_show_system_info.raw", import.meta.url), "utf8");
const keysOf = (text: string): string[] => text.split("\n").filter((l) => l.includes(": ")).map((l) => l.split(": ")[0] ?? "");

describe("panosSystemInfo", () => {
  it("prints the real capture's keys in the same order for a VM-Series", () => {
    const text = panosSystemInfo({ hostname: "pa1", model: "PA-VM", serial: "unknown", swVersion: "7.0.1" });
    expect(keysOf(text)).toEqual(keysOf(realInfo));
  });

  it("leaves out the vm-* keys on hardware and reports the family", () => {
    const text = panosSystemInfo({ hostname: "dc1-fw-001", model: "PA-3220", serial: "012801001234", swVersion: "10.1.9-h1" });
    expect(keysOf(text)).toEqual(keysOf(realInfo).filter((key) => !key.startsWith("vm-")));
    const kv = parseKeyValue(text) as Record<string, string>;
    expect(kv).toMatchObject({
      hostname: "dc1-fw-001",
      model: "PA-3220",
      serial: "012801001234",
      "sw-version": "10.1.9-h1",
      family: "3200",
      "platform-family": "3200",
      "logdb-version": "10.1.0",
    });
  });

  it("keeps the capture's `key: value` lines, including the empty value with its trailing space", () => {
    const text = panosSystemInfo({ hostname: "fw", model: "PA-850", serial: "1", swVersion: "9.1.17" });
    expect(text).toContain("\nipv6-default-gateway: \n");
    expect(text.endsWith("operational-mode: normal\n")).toBe(true);
  });
});

describe("panosPhyState", () => {
  it("prints a port with an optic as a pretty-printed block with padded EEPROM strings", () => {
    const text = panosPhyState([
      { slot: 1, port: 1, sfp: { vendorName: "FINISAR CORP.", partNumber: "FTLX8571D3BCL", serial: "ALK0R3X" } },
    ]);
    expect(text).toBe(
      [
        "sys.s1.p1.phy: {",
        "  'link-partner': { },",
        "  'media': SFP-Plus-Fiber,",
        "  'sfp': {",
        "    'connector': LC,",
        "    'encoding': 64B66B,",
        "    'identifier': SFP,",
        "    'transceiver': 10GBASE-SR,",
        "    'vendor-name': FINISAR CORP.   ,",
        "    'vendor-part-number': FTLX8571D3BCL   ,",
        "    'vendor-part-rev': A   ,",
        "    'vendor-serial-number': ALK0R3X         ,",
        "  },",
        "  'type': Ethernet,",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("prints a copper port and an empty cage without an sfp block, one block per port in order", () => {
    const text = panosPhyState([
      { slot: 1, port: 3 },
      { slot: 1, port: 13, media: "SFP-Fiber" },
      { slot: 1, port: 14, media: "SFP-Fiber", sfp: { vendorName: "FINISAR CORP.", partNumber: "FTLF8519P3BNL", serial: "X", transceiver: "1000BASE-SX" } },
    ]);
    expect(text.startsWith("sys.s1.p3.phy: {\n  'link-partner': { },\n  'media': CAT5,\n  'type': Ethernet,\n}\n")).toBe(true);
    expect(text).toContain("sys.s1.p13.phy: {\n  'link-partner': { },\n  'media': SFP-Fiber,\n  'type': Ethernet,\n}\n");
    expect(text).toContain("    'encoding': 8B10B,\n");
    expect(text.match(/^sys\.s\d+\.p\d+\.phy: \{$/gm)).toHaveLength(3);
  });
});

describe("panosDevice", () => {
  it("fills both commands' outputs from one description", () => {
    const spec = panosDevice({
      name: "fw-x",
      model: "PA-460",
      swVersion: "10.1.6-h6",
      ports: [{ slot: 1, port: 1 }],
      username: "u",
      password: "p",
      faults: [{ kind: "refuse" }],
    });
    expect(spec).toMatchObject({ name: "fw-x", hostname: "fw-x", platform: "paloalto_panos", username: "u", password: "p" });
    expect(spec.faults).toEqual([{ kind: "refuse" }]);
    expect(spec.outputs[PANOS_SYSTEM_INFO_COMMAND]).toContain("hostname: fw-x\n");
    expect(spec.outputs[PANOS_SYSTEM_INFO_COMMAND]).toMatch(/^serial: \d{12}$/m);
    expect(spec.outputs[PANOS_PHY_COMMAND]).toBe(panosPhyState([{ slot: 1, port: 1 }]));
  });
});
