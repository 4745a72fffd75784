// The optics check end to end through the engine: real check file, real reference data, PAN-OS phy output
// in the documented format (no public capture of a port with an optic exists; see the simulator's outputs.ts).
import { describe, expect, it } from "vitest";
import { evaluateCheck, type DeviceContext } from "../../../../src/checks/evaluate.js";
import { packagePath } from "../../../../src/util/package-root.js";
import { panosPhyState, PANOS_PHY_COMMAND, type PortSpec } from "../../../../src/platforms/paloalto_panos/simulator/outputs.js";
import { loadOk, outputs } from "../../../checks/helpers.js";

const CHECK = packagePath("checks", "paloalto_panos", "panos-transceivers-supported.yaml");

function device(target?: string): DeviceContext {
  return {
    name: "fw-1",
    platform: "paloalto_panos",
    groups: [],
    tags: [],
    vars: {},
    facts: { model: "PA-3220", softwareVersion: "9.1.14" },
    ...(target ? { hop: { version: target, feature_release: target.split(".").slice(0, 2).join(".") } } : {}),
  };
}

const oem = (port: number, part = "FTLX8571D3BCL"): PortSpec => ({ slot: 1, port, sfp: { vendorName: "FINISAR CORP.", partNumber: part, serial: `SN${port}` } });
const copper = (port: number): PortSpec => ({ slot: 1, port, media: "CAT5" });
const thirdParty = (port: number): PortSpec => ({ slot: 1, port, sfp: { vendorName: "FS", partNumber: "SFP-10GSR-85", serial: "F2130012345" } });

describe("panos-transceivers-supported", () => {
  it("passes when every optic is an OEM part, whatever the case and padding", async () => {
    const check = await loadOk(CHECK);
    const lower: PortSpec = { slot: 1, port: 3, sfp: { vendorName: "finisar corp.", partNumber: "ftlx1471d3bcl", serial: "x" } };
    const result = evaluateCheck(check, device("10.2.4-h4"), outputs({ [PANOS_PHY_COMMAND]: panosPhyState([copper(1), oem(2), lower]) }));
    expect(result.status).toBe("pass");
    expect(result.findings).toEqual([]);
  });

  it("fails with port, vendor, part, serial and target release for each non-OEM optic", async () => {
    const check = await loadOk(CHECK);
    const result = evaluateCheck(check, device("10.2.4-h4"), outputs({ [PANOS_PHY_COMMAND]: panosPhyState([oem(1), thirdParty(2), copper(3), thirdParty(4)]) }));
    expect(result.status).toBe("fail");
    expect(result.severity).toBe("critical");
    expect(result.findings.map((f) => f.key)).toEqual(["ethernet1/2", "ethernet1/4"]);
    expect(result.findings[0]).toMatchObject({
      key: "ethernet1/2",
      hop: "10.2.4-h4",
      message: "ethernet1/2: FS SFP-10GSR-85 (serial F2130012345) is not a supported optic for PAN-OS 10.2.4-h4",
      actual: { vendor: "FS", part: "SFP-10GSR-85" },
    });
    expect(result.evidence[0]?.command).toBe(PANOS_PHY_COMMAND);
    expect(result.remediation).toMatch(/transceivers\.local\.yaml/);
  });

  it("passes a copper-only firewall: no optic, nothing unsupported", async () => {
    const check = await loadOk(CHECK);
    const result = evaluateCheck(check, device("10.2.4-h4"), outputs({ [PANOS_PHY_COMMAND]: panosPhyState([copper(1), copper(2)]) }));
    expect(result.status).toBe("pass");
  });

  it("is an error, never a pass, when the output is missing, empty or unreadable", async () => {
    const check = await loadOk(CHECK);
    const missing = evaluateCheck(check, device("10.2.4-h4"), outputs({}));
    const failed = evaluateCheck(check, device("10.2.4-h4"), outputs({ [PANOS_PHY_COMMAND]: { error: "Invalid syntax." } }));
    const empty = evaluateCheck(check, device("10.2.4-h4"), outputs({ [PANOS_PHY_COMMAND]: "" }));
    const garbage = evaluateCheck(check, device("10.2.4-h4"), outputs({ [PANOS_PHY_COMMAND]: "sys.s1.p1.phy: { 'media': SFP, 'sfp': { " }));
    for (const r of [missing, failed, empty, garbage]) {
      expect(r.status).toBe("error");
      expect(r.reason).toBeTruthy();
    }
    expect(failed.reason).toContain("Invalid syntax.");
  });

  it("is not applicable on another platform", async () => {
    const check = await loadOk(CHECK);
    const result = evaluateCheck(check, { ...device("10.2.4-h4"), platform: "cisco_ios" }, outputs({}));
    expect(result.status).toBe("not-applicable");
  });
});
