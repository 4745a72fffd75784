// The optics check end to end through the engine: real check file, real reference data, PAN-OS phy output as
// the simulator prints it (modelled on the real PR #111 captures: a genuine optic reports OEM and the PAN SKU).
// Per-model support and min_panos are exercised with data given here, since no source for them was reachable.
import { describe, expect, it } from "vitest";
import { evaluateCheck, type DeviceContext } from "../../../../src/checks/evaluate.js";
import type { LoadedCheck } from "../../../../src/checks/types.js";
import { packagePath } from "../../../../src/util/package-root.js";
import { panosPhyState, PANOS_PHY_COMMAND, type PortSpec } from "../../../../src/platforms/paloalto_panos/simulator/outputs.js";
import { loadOk, outputs } from "../../../checks/helpers.js";

const CHECK = packagePath("checks", "paloalto_panos", "panos-transceivers-supported.yaml");

const hop = (version: string) => ({ version, feature_release: version.split(".").slice(0, 2).join(".") });

function device(target?: string, model = "PA-3220", hops?: string[]): DeviceContext {
  return {
    name: "fw-1",
    platform: "paloalto_panos",
    groups: [],
    tags: [],
    vars: {},
    facts: { model, softwareVersion: "9.1.14" },
    ...(target ? { hop: hop(target) } : {}),
    ...(hops ? { hops: hops.map(hop) } : {}),
  };
}

const pan = (port: number, part = "PAN-SFP-PLUS-SR"): PortSpec => ({ slot: 1, port, sfp: { vendorName: "OEM", partNumber: part, serial: `SN${port}` } });
const copper = (port: number): PortSpec => ({ slot: 1, port, media: "CAT5" });
const thirdParty = (port: number): PortSpec => ({ slot: 1, port, sfp: { vendorName: "FS", partNumber: "SFP-10GSR-85", serial: "F2130012345" } });
const generic = (port: number): PortSpec => ({ slot: 1, port, sfp: { vendorName: "OEM", partNumber: "SFP-10G-SR", serial: "G1" } });

function withData(check: LoadedCheck, supported: unknown, approved: unknown = {}): LoadedCheck {
  return { ...check, data: { supported, approved } };
}

describe("panos-transceivers-supported", () => {
  it("passes genuine Palo Alto optics (OEM + PAN SKU), whatever the case and padding", async () => {
    const check = await loadOk(CHECK);
    const lower: PortSpec = { slot: 1, port: 3, sfp: { vendorName: "oem", partNumber: "pan-qsfp-40gbase-sr4", serial: "x" } };
    const result = evaluateCheck(check, device("10.2.4-h4"), outputs({ [PANOS_PHY_COMMAND]: panosPhyState([copper(1), pan(2), lower]) }));
    expect(result.status).toBe("pass");
    expect(result.findings).toEqual([]);
  });

  it("fails third-party optics, vendor-made or generic OEM with a non-PAN part, naming port, part, serial, release and model", async () => {
    const check = await loadOk(CHECK);
    const result = evaluateCheck(check, device("10.2.4-h4"), outputs({ [PANOS_PHY_COMMAND]: panosPhyState([pan(1), thirdParty(2), copper(3), generic(4)]) }));
    expect(result.status).toBe("fail");
    expect(result.severity).toBe("critical");
    expect(result.findings.map((f) => f.key)).toEqual(["ethernet1/2", "ethernet1/4"]);
    expect(result.findings[0]).toMatchObject({
      key: "ethernet1/2",
      hop: "10.2.4-h4",
      message: "ethernet1/2: FS SFP-10GSR-85 (serial F2130012345) is not a supported optic for PAN-OS 10.2.4-h4 on PA-3220",
      actual: { vendor: "FS", part: "SFP-10GSR-85" },
    });
    expect(result.evidence[0]?.command).toBe(PANOS_PHY_COMMAND);
    expect(result.remediation).toMatch(/transceivers\.local\.yaml/);
  });

  it("records every optic in the inventory with its fields, SKU and verdict per hop; copper ports are not listed", async () => {
    const check = await loadOk(CHECK);
    const result = evaluateCheck(check, device("10.2.4-h4", "PA-3220", ["10.1.0", "10.2.4-h4"]), outputs({ [PANOS_PHY_COMMAND]: panosPhyState([copper(1), pan(2), thirdParty(3)]) }));
    expect(result.inventory?.name).toBe("optics");
    expect(result.inventory?.items.map((i) => i.key)).toEqual(["ethernet1/2", "ethernet1/3"]);
    expect(result.inventory?.items[0]).toEqual({
      key: "ethernet1/2",
      fields: { vendor: "OEM", part: "PAN-SFP-PLUS-SR", revision: "A", serial: "SN2", form: "SFP", transceiver: "10GBASE-SR", media: "SFP-Plus-Fiber", sku: "PAN-SFP-PLUS-SR", list: "vendor", error: null },
      verdicts: [
        { hop: "10.1.0", status: "pass" },
        { hop: "10.2.4-h4", status: "pass" },
      ],
    });
    expect(result.inventory?.items[1]?.fields).toMatchObject({ vendor: "FS", part: "SFP-10GSR-85", sku: null, list: null });
    expect(result.inventory?.items[1]?.verdicts.map((v) => [v.hop, v.status, v.message])).toEqual([
      ["10.1.0", "fail", "ethernet1/3: FS SFP-10GSR-85 (serial F2130012345) is not a supported optic for PAN-OS 10.1.0 on PA-3220"],
      ["10.2.4-h4", "fail", "ethernet1/3: FS SFP-10GSR-85 (serial F2130012345) is not a supported optic for PAN-OS 10.2.4-h4 on PA-3220"],
    ]);
  });

  it("lists an unreadable port as an error item of the inventory, with the parser's reason", async () => {
    const check = await loadOk(CHECK);
    const raw = `${panosPhyState([pan(1)])}sys.s1.p2.phy: { 'media': SFP-Plus-Fiber, 'sfp': {\n`;
    const result = evaluateCheck(check, device("10.2.4-h4"), outputs({ [PANOS_PHY_COMMAND]: raw }));
    expect(result.status).toBe("error");
    const item = result.inventory?.items.find((i) => i.key === "ethernet1/2");
    expect(item?.fields.error).toMatch(/unterminated map/);
    expect(item?.verdicts[0]).toMatchObject({ status: "error", message: expect.stringMatching(/^could not read this item: /) });
  });

  it("passes a copper-only firewall with an empty inventory", async () => {
    const check = await loadOk(CHECK);
    const result = evaluateCheck(check, device("10.2.4-h4"), outputs({ [PANOS_PHY_COMMAND]: panosPhyState([copper(1), copper(2)]) }));
    expect(result.status).toBe("pass");
    expect(result.inventory).toEqual({ name: "optics", items: [] });
  });

  it("fails a part on a hop before its min_panos, and passes it from that release on", async () => {
    const check = withData(await loadOk(CHECK), { parts: [{ sku: "PAN-SFP28-25GBASE-SR", min_panos: "10.2.4", oem: [{ vendor: "OEM", part: "PAN-SFP28-25GBASE-SR" }] }] });
    const result = evaluateCheck(check, device("10.2.4-h4", "PA-3220", ["10.1.0", "10.2.0", "10.2.4-h4"]), outputs({ [PANOS_PHY_COMMAND]: panosPhyState([pan(1, "PAN-SFP28-25GBASE-SR")]) }));
    expect(result.status).toBe("fail");
    expect(result.findings.map((f) => f.hop)).toEqual(["10.1.0", "10.2.0"]);
    expect(result.inventory?.items[0]?.verdicts.map((v) => v.status)).toEqual(["fail", "fail", "pass"]);
  });

  it("fails a part on a model it is not listed for, and passes it on a listed one (model names compared case-insensitively)", async () => {
    const check = withData(await loadOk(CHECK), { parts: [{ sku: "PAN-QSFP28-100GBASE-SR4", models: ["PA-5450", "pa-7050"], oem: [{ vendor: "OEM", part: "PAN-QSFP28-100GBASE-SR4" }] }] });
    const phy = outputs({ [PANOS_PHY_COMMAND]: panosPhyState([pan(1, "PAN-QSFP28-100GBASE-SR4")]) });
    expect(evaluateCheck(check, device("11.1.4", "PA-7050"), phy).status).toBe("pass");
    const other = evaluateCheck(check, device("11.1.4", "PA-3220"), phy);
    expect(other.status).toBe("fail");
    expect(other.findings[0]?.message).toMatch(/not a supported optic for PAN-OS 11\.1\.4 on PA-3220$/);
    const unknownModel = evaluateCheck(check, { ...device("11.1.4"), facts: {} }, phy);
    expect(unknownModel.status).toBe("fail");
  });

  it("accepts a locally approved part from its min_panos on, and says so in the inventory", async () => {
    const base = await loadOk(CHECK);
    const check = withData(base, base.data.supported, { parts: [{ sku: "FS-SFP-10GSR-85", min_panos: "10.2.0", oem: [{ vendor: "FS", part: "SFP-10GSR-85" }] }] });
    const result = evaluateCheck(check, device("10.2.4-h4", "PA-3220", ["10.1.0", "10.2.4-h4"]), outputs({ [PANOS_PHY_COMMAND]: panosPhyState([thirdParty(1)]) }));
    expect(result.findings.map((f) => f.hop)).toEqual(["10.1.0"]);
    expect(result.inventory?.items[0]?.fields).toMatchObject({ sku: "FS-SFP-10GSR-85", list: "local" });
  });

  it("is an error, never a pass, when the output is missing, empty or has no port", async () => {
    const check = await loadOk(CHECK);
    const missing = evaluateCheck(check, device("10.2.4-h4"), outputs({}));
    const failed = evaluateCheck(check, device("10.2.4-h4"), outputs({ [PANOS_PHY_COMMAND]: { error: "Invalid syntax." } }));
    const empty = evaluateCheck(check, device("10.2.4-h4"), outputs({ [PANOS_PHY_COMMAND]: "" }));
    const noPort = evaluateCheck(check, device("10.2.4-h4"), outputs({ [PANOS_PHY_COMMAND]: "sys.s1.mp.cfg: { 'mode': Auto, }" }));
    const garbage = evaluateCheck(check, device("10.2.4-h4"), outputs({ [PANOS_PHY_COMMAND]: "sys.s1.p1.phy: { 'media': SFP, 'sfp': { " }));
    for (const r of [missing, failed, empty, noPort, garbage]) {
      expect(r.status).toBe("error");
      expect(r.reason).toBeTruthy();
    }
    for (const r of [missing, failed, empty, noPort]) expect(r.inventory).toBeUndefined();
    expect(failed.reason).toContain("Invalid syntax.");
  });

  it("is not applicable on another platform", async () => {
    const check = await loadOk(CHECK);
    const result = evaluateCheck(check, { ...device("10.2.4-h4"), platform: "cisco_ios" }, outputs({}));
    expect(result.status).toBe("not-applicable");
  });
});
