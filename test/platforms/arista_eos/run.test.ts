// The arista_eos plugin end to end through the real SSH path: simulated EOS switches (the plugin's own CLI, with
// real NAPALM/ntc-templates outputs where they exist), facts from `show version | json` and `show hostname | json`,
// the pre-upgrade pack, and each switch getting exactly its result: a healthy one ready, one per planted problem
// blocked on exactly that check, unreachable and garbled ones as such.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeviceResult } from "../../../src/model/result.js";
import { eosImage, eosSwitch, type EosSwitchSpec } from "../../../src/platforms/arista_eos/simulator/switch.js";
import { startFleet } from "../../../src/simulator/fleet.js";
import { auditSimulatedFleet } from "../../helpers/sim-audit.js";
import type { SimFleet } from "../../../src/simulator/types.js";

const CREDS = { username: "audit", password: "eos-Pa55word" };
const TARGET = "4.30.2F";
const staged = [eosImage("4.28.3M"), eosImage(TARGET)];
const sw = (name: string, extra: Partial<EosSwitchSpec> = {}) => eosSwitch({ name, ...CREDS, images: staged, ...extra });

// [switch, expected status, the checks that fail]
const FLEET: [ReturnType<typeof eosSwitch>, string, string[]][] = [
  [sw("leaf-ok"), "ready", []],
  [sw("leaf-unsaved", { unsaved: true }), "blocked", ["eos-running-config-saved"]],
  [sw("leaf-mlag", { mlag: "peer-link-down" }), "blocked", ["eos-mlag-healthy"]],
  [sw("leaf-sanity", { mlag: "inconsistent" }), "blocked", ["eos-mlag-healthy"]],
  [sw("leaf-psu", { powerLoss: true }), "blocked", ["eos-power-supplies-ok"]],
  [sw("leaf-bgp", { bgpPeerDown: true }), "blocked", ["eos-bgp-peers-established"]],
  [sw("leaf-noimage", { images: [eosImage("4.28.3M")] }), "blocked", ["eos-target-image-on-flash"]],
  [sw("leaf-boot", { bootImage: eosImage("4.27.0F") }), "blocked", ["eos-boot-image-present"]],
  // A full flash matters only while the image is still to be copied, so this one also lacks the image.
  [sw("leaf-full", { images: [eosImage("4.28.3M")], flashFreeBytes: 300_000_000 }), "blocked", ["eos-flash-free-space", "eos-target-image-on-flash"]],
  [sw("leaf-optics", { thirdPartyOptics: true }), "blocked", ["eos-transceivers-approved"]],
  [sw("leaf-core", { coreDump: true }), "blocked", ["eos-no-core-dumps"]],
  [sw("leaf-crashed", { crashReload: true }), "blocked", ["eos-last-reload-cause"]],
  [sw("leaf-nomlag", { mlag: "disabled" }), "ready", []],
  [sw("leaf-down", { faults: [{ kind: "refuse" }] }), "unreachable", []],
  [sw("leaf-garbled", { faults: [{ kind: "garbage", command: "show version | json" }] }), "error", []],
  [sw("leaf-cut", { faults: [{ kind: "disconnect-mid-output", command: "dir flash:" }] }), "error", []],
];

let fleet: SimFleet;
let results: DeviceResult[];

beforeAll(async () => {
  fleet = await startFleet(FLEET.map(([spec]) => spec));
  results = await auditSimulatedFleet(fleet, { platform: "arista_eos", checks: "eos-*", group: "leaves", targetVersion: TARGET, credentials: CREDS });
}, 120_000);

afterAll(async () => {
  await fleet?.close();
});

describe("the arista_eos plugin over SSH", () => {
  it("classifies every simulated switch: ready, blocked on exactly its planted problem, unreachable, error", () => {
    const failing = (r: DeviceResult) => r.checks.filter((c) => c.status === "fail").map((c) => c.id).sort();
    expect(results.map((r) => [r.name, r.status, r.status === "blocked" || r.status === "ready" ? failing(r) : []])).toEqual(FLEET.map(([spec, status, checks]) => [spec.name, status, checks]));
  });

  it("evaluates the whole pack on the healthy switch, every check passing, none in error", () => {
    const ok = results[0]!;
    expect(ok.checks.filter((c) => c.id.startsWith("eos-")).map((c) => [c.id, c.status])).toEqual(
      ["eos-bgp-peers-established", "eos-boot-image-present", "eos-cooling-ok", "eos-flash-free-space", "eos-last-reload-cause", "eos-mlag-healthy", "eos-no-core-dumps", "eos-power-supplies-ok", "eos-running-config-saved", "eos-target-image-on-flash", "eos-temperature-ok", "eos-transceivers-approved"].map((id) => [id, "pass"]),
    );
  });

  it("reads the facts from show version | json and show hostname | json", () => {
    expect(results[0]?.facts).toMatchObject({ hostname: "leaf-ok", model: "DCS-7280SR-48C6-M-R", softwareVersion: "4.28.3M", uptime: "67 days, 19:52:41", fqdn: "leaf-ok.example.net" });
    expect(results[0]?.facts.serial).toMatch(/^JPE/);
  });

  it("names the finding for each planted problem", () => {
    const finding = (name: string, id: string) => results.find((r) => r.name === name)?.checks.find((c) => c.id === id)?.findings[0]?.message;
    expect(finding("leaf-psu", "eos-power-supplies-ok")).toBe("power supply 2 (PWR-00194-01) is powerLoss");
    expect(finding("leaf-bgp", "eos-bgp-peers-established")).toBe("BGP peer 10.0.0.3 (AS 65003) in VRF default is Active, not Established");
    expect(finding("leaf-boot", "eos-boot-image-present")).toBe("the boot-config points at flash:/EOS-4.27.0F.swi, which is not a file on flash:");
    expect(finding("leaf-noimage", "eos-target-image-on-flash")).toBe("EOS-4.30.2F.swi is not on flash: (images there: EOS-4.28.3M.swi)");
    expect(finding("leaf-unsaved", "eos-running-config-saved")).toContain("1 line(s) added");
  });

  it("says why the unreachable and broken switches have no verdict", () => {
    const reason = (name: string) => results.find((r) => r.name === name)?.reason ?? "";
    expect(reason("leaf-down")).toMatch(/connection refused/);
    // Garbage instead of `show version | json`: no model, so the hardware checks cannot say whether they apply.
    expect(results.find((r) => r.name === "leaf-garbled")?.facts.model).toBeUndefined();
    expect(reason("leaf-garbled")).toMatch(/\$facts\.model/);
    expect(results.find((r) => r.name === "leaf-cut")?.checks.find((c) => c.id === "eos-target-image-on-flash")?.status).toBe("error");
  });
});
