// Device-level outcome rules: dependencies that did not pass, and missing facts, never leave a device looking
// ready when something was not evaluated.
import { describe, expect, it } from "vitest";
import type { CheckDefinition, LoadedCheck } from "../../src/checks/types.js";
import type { Device } from "../../src/inventory/types.js";
import { panos } from "../../src/platforms/paloalto_panos/profile.js";
import type { DevicePlan } from "../../src/runner/plan.js";
import { evaluateDevice, evaluateDeviceSafely } from "../../src/runner/evaluate-device.js";
import type { DeviceArtifact, GatheredCommand } from "../../src/runner/artifact.js";

const INFO = "hostname: fw\nmodel: PA-3220\nserial: 1\nsw-version: 10.1.9\n";

function check(id: string, over: Partial<CheckDefinition> = {}): LoadedCheck {
  return {
    file: `/x/${id}.yaml`,
    sha256: id.padEnd(64, "0"),
    data: {},
    definition: {
      id,
      title: id,
      description: id,
      severity: "high",
      platforms: ["paloalto_panos"],
      gather: { v: { command: `show ${id}`, parser: "json" } },
      assert: { expect: { path: "$v.ok", eq: true } },
      message: "not ok",
      remediation: "fix",
      ...over,
    },
  };
}

const device: Device = { index: 0, name: "fw", host: "h", port: 22, platform: "paloalto_panos", groups: [], tags: [], credentials: { name: "default", usernameEnv: "U", passwordEnv: "P", passphraseEnv: "K", useAgent: false }, vars: {} };

function plan(checks: LoadedCheck[]): DevicePlan {
  return { device, profile: panos, checks, commands: [], targetVersion: "10.2.4-h4" };
}

function gathered(values: Record<string, boolean>, info: string | { error: string } = INFO): DeviceArtifact {
  const text = (command: string, output: string): GatheredCommand => ({ command, mode: "text", output, durationMs: 1 });
  const commands: GatheredCommand[] = [
    typeof info === "string" ? text("show system info", info) : { command: "show system info", mode: "text", error: { kind: "cli-error", message: info.error }, durationMs: 1 },
    text("show high-availability state", "HA not enabled"),
    ...Object.entries(values).map(([id, ok]) => text(`show ${id}`, JSON.stringify({ ok }))),
  ];
  return { device, commands, durationMs: 3 };
}

describe("evaluateDevice", () => {
  it("a dependency that warned leaves its dependent unevaluated: error, never ready", () => {
    const r = evaluateDevice(plan([check("base", { warn_only: true }), check("dependent", { depends_on: ["base"] })]), gathered({ base: false, dependent: false }), "low");
    expect(r.checks.map((c) => [c.id, c.status])).toEqual([
      ["base", "warn"],
      ["dependent", "error"],
    ]);
    expect(r.status).toBe("error");
  });

  it("a dependency that failed skips its dependent (the device is blocked anyway)", () => {
    const r = evaluateDevice(plan([check("base"), check("dependent", { depends_on: ["base"] })]), gathered({ base: false, dependent: true }), "low");
    expect(r.checks.map((c) => c.status)).toEqual(["fail", "skip"]);
    expect(r.status).toBe("blocked");
  });

  it("a dependency that does not apply makes its dependent not apply", () => {
    const r = evaluateDevice(plan([check("base", { when: { models: ["PA-5*"] } }), check("dependent", { depends_on: ["base"] })]), gathered({ base: true, dependent: true }), "low");
    expect(r.checks.map((c) => c.status)).toEqual(["not-applicable", "not-applicable"]);
    expect(r.status).toBe("ready");
  });

  it("missing facts make the device error, and an explicit path cannot be checked without the running version", () => {
    const withPath: DevicePlan = { ...plan([check("base")]), explicitPath: ["10.2.0", "10.2.4-h4"], pathPlanner: {} as NonNullable<DevicePlan["pathPlanner"]> };
    const r = evaluateDevice(withPath, gathered({ base: true }, { error: "Invalid syntax." }), "low");
    expect(r.status).toBe("error");
    expect(r.checks.find((c) => c.id === "preflight-upgrade-path")).toMatchObject({ status: "error", reason: expect.stringContaining("cannot be checked") });
  });
});

describe("error boundaries: anything that throws at run time becomes an error result, and the rest stands", () => {
  it("a check whose evaluation throws is that check's error; the other checks are evaluated", () => {
    const broken = check("broken", { assert: null as unknown as CheckDefinition["assert"] });
    const r = evaluateDeviceSafely(plan([check("good"), broken]), gathered({ good: true, broken: true }), "low");
    expect(r.checks.map((c) => [c.id, c.status])).toEqual([["good", "pass"], ["broken", "error"]]);
    expect(r.checks[1]?.reason).toMatch(/^the check failed while being evaluated: /);
    expect(r.status).toBe("error");
  });

  it("a planner that throws (malformed upgrade-path rules) is the path result's error, not a lost device", () => {
    const planner = { plan: () => { throw new TypeError("Cannot read properties of undefined (reading 'releases')"); }, check: () => { throw new TypeError("bad"); }, format: () => "", remediation: "fix the rules" };
    const r = evaluateDeviceSafely({ ...plan([check("good")]), pathPlanner: planner }, gathered({ good: true }), "low");
    expect(r.checks.map((c) => [c.id, c.status])).toEqual([["preflight-upgrade-path", "error"], ["good", "pass"]]);
    expect(r.checks[0]?.findings[0]?.message).toContain("reading 'releases'");
    expect(r.status).toBe("error");
  });

  it("anything else evaluation throws makes the device error with the message", () => {
    const r = evaluateDeviceSafely({ ...plan([check("good")]), profile: { ...panos, facts: [{ command: "show system info", parse: () => ({}) }] }, checks: null as unknown as LoadedCheck[] }, gathered({ good: true }), "low");
    expect(r).toMatchObject({ name: "fw", status: "error", reason: expect.stringMatching(/^evaluation failed: /) });
  });
});
