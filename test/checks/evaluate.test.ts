// Outcome rules of the engine on small in-memory checks: quantifiers, when, params, each_hop, and the
// policies that keep missing or unreadable data from ever passing.
import { describe, expect, it } from "vitest";
import { evaluateCheck, type DeviceContext } from "../../src/checks/evaluate.js";
import type { CheckDefinition, LoadedCheck } from "../../src/checks/types.js";
import { outputs } from "./helpers.js";

const CMD = "show peers";

function check(over: Partial<CheckDefinition>, data: Record<string, unknown> = {}): LoadedCheck {
  return {
    file: "/x/test-check.yaml",
    sha256: String(Object.keys(over).length).padStart(64, "0") + JSON.stringify(over).length,
    data,
    definition: {
      id: "test-check",
      title: "t",
      description: "d",
      severity: "high",
      platforms: ["paloalto_panos"],
      gather: { peers: { command: CMD, parser: "json" } },
      assert: { for_each: "$peers", key: "name", expect: { path: "state", eq: "up" } },
      message: "{{ $key }} is {{ state }}",
      remediation: "fix",
      ...over,
    },
  };
}

const device = (over: Partial<DeviceContext> = {}): DeviceContext => ({
  name: "fw",
  platform: "paloalto_panos",
  groups: [],
  tags: [],
  vars: {},
  facts: { model: "PA-5220", softwareVersion: "10.1.9" },
  hop: { version: "10.2.4-h4", feature_release: "10.2" },
  ...over,
});

const peers = (...states: (string | null)[]) => outputs({ [CMD]: JSON.stringify(states.map((s, i) => (s === null ? { name: `p${i}` } : { name: `p${i}`, state: s }))) });

describe("evaluateCheck", () => {
  it("require: all (default) reports each failing item with its message", () => {
    const r = evaluateCheck(check({}), device(), peers("up", "down", "idle"));
    expect(r.status).toBe("fail");
    expect(r.findings.map((f) => [f.key, f.message, f.actual])).toEqual([
      ["p1", "p1 is down", "down"],
      ["p2", "p2 is idle", "idle"],
    ]);
  });

  it("require: any / none / at_least / at_most", () => {
    const any = check({ assert: { for_each: "$peers", key: "name", require: "any", expect: { path: "state", eq: "up" } } });
    expect(evaluateCheck(any, device(), peers("down", "up")).status).toBe("pass");
    expect(evaluateCheck(any, device(), peers("down", "idle")).status).toBe("fail");
    const none = check({ assert: { for_each: "$peers", key: "name", require: "none", expect: { path: "state", eq: "down" } } });
    const r = evaluateCheck(none, device(), peers("up", "down"));
    expect(r.status).toBe("fail");
    expect(r.findings.map((f) => f.key)).toEqual(["p1"]);
    const two = check({ assert: { for_each: "$peers", key: "name", require: { at_least: 2 }, expect: { path: "state", eq: "up" } } });
    expect(evaluateCheck(two, device(), peers("up", "up", "down")).status).toBe("pass");
    const one = evaluateCheck(two, device(), peers("up", "down"));
    expect(one.status).toBe("fail");
    expect(one.findings[0]?.expected).toBe("at least 2 of 2 items");
    const most = check({ assert: { for_each: "$peers", key: "name", require: { at_most: 1 }, expect: { path: "state", eq: "down" } } });
    expect(evaluateCheck(most, device(), peers("down", "down")).status).toBe("fail");
  });

  it("unknown items that could break an at_most bound make the check an error, not a pass", () => {
    const most = check({ assert: { for_each: "$peers", key: "name", require: { at_most: 1 }, expect: { path: "state", eq: "down" } } });
    expect(evaluateCheck(most, device(), peers("down", null, null)).status).toBe("error");
    expect(evaluateCheck(most, device(), peers("down", "up", "up")).status).toBe("pass");
  });

  it("with require: none, on_missing keeps its meaning (fail means the check fails)", () => {
    const none = check({ assert: { for_each: "$peers", key: "name", require: "none", on_missing: "fail", expect: { path: "state", eq: "down" } } });
    expect(evaluateCheck(none, device(), peers("up", null)).status).toBe("fail");
    const lenient = check({ assert: { for_each: "$peers", key: "name", require: "none", on_missing: "pass", expect: { path: "state", eq: "down" } } });
    expect(evaluateCheck(lenient, device(), peers("up", null)).status).toBe("pass");
  });

  it("a missing value is an error by default, and never a pass; on_missing can say otherwise", () => {
    expect(evaluateCheck(check({}), device(), peers("up", null)).status).toBe("error");
    const lenient = check({ assert: { for_each: "$peers", key: "name", on_missing: "fail", expect: { path: "state", eq: "up" } } });
    expect(evaluateCheck(lenient, device(), peers("up", null)).status).toBe("fail");
  });

  it("an empty list is an error unless on_empty says otherwise", () => {
    expect(evaluateCheck(check({}), device(), outputs({ [CMD]: "[]" })).status).toBe("error");
    const ok = check({ assert: { for_each: "$peers", on_empty: "pass", expect: { path: "state", eq: "up" } } });
    expect(evaluateCheck(ok, device(), outputs({ [CMD]: "[]" })).status).toBe("pass");
  });

  it("a failed command, unparseable output or a for_each that is not a list is an error with the reason", () => {
    expect(evaluateCheck(check({}), device(), outputs({ [CMD]: { error: "Unknown command: peers" } }))).toMatchObject({ status: "error", reason: expect.stringContaining("Unknown command") });
    expect(evaluateCheck(check({}), device(), outputs({ [CMD]: "{not json" }))).toMatchObject({ status: "error", reason: expect.stringContaining("cannot read") });
    expect(evaluateCheck(check({}), device(), outputs({ [CMD]: '{"a":1}' }))).toMatchObject({ status: "error", reason: expect.stringContaining("not a list") });
  });

  it("warn_only reports warn instead of fail", () => {
    expect(evaluateCheck(check({ warn_only: true }), device(), peers("down")).status).toBe("warn");
  });

  it("when: versions, models and conditions make a check not-applicable with a reason", () => {
    const v = check({ when: { target_version: ">=11.0.0" } });
    expect(evaluateCheck(v, device(), peers("down"))).toMatchObject({ status: "not-applicable", reason: "target 10.2.4-h4 is outside >=11.0.0" });
    const m = check({ when: { models: ["PA-3*"] } });
    expect(evaluateCheck(m, device(), peers("down"))).toMatchObject({ status: "not-applicable", reason: expect.stringContaining("PA-5220") });
    const c = check({ when: { condition: { path: "$params.ha_expected", eq: true } }, params: { ha_expected: { description: "HA pair", type: "boolean", default: false } } });
    expect(evaluateCheck(c, device(), peers("down")).status).toBe("not-applicable");
    expect(evaluateCheck(c, device({ vars: { check_params: { "test-check": { ha_expected: true } } } }), peers("down")).status).toBe("fail");
    const f = check({ when: { condition: { path: "$facts.family", eq: "7000" } } });
    expect(evaluateCheck(f, device(), peers("down"))).toMatchObject({ status: "error", reason: expect.stringContaining("missing") });
  });

  it("params: defaults, inventory overrides and validation of the overrides", () => {
    const p = check({
      params: { min_up: { description: "peers that must be up", type: "integer", minimum: 1, default: 2 } },
      assert: { for_each: "$peers", require: { at_least: 1 }, expect: { path: "length($peers[?state=='up'])", ge: { expr: "$params.min_up" } } },
      message: "only {{ length($peers[?state=='up']) }} up, need {{ $params.min_up }}",
    });
    expect(evaluateCheck(p, device(), peers("up", "down")).findings[0]?.message).toMatch(/^only 1 up, need 2/);
    expect(evaluateCheck(p, device({ vars: { check_params: { "test-check": { min_up: 1 } } } }), peers("up", "down")).status).toBe("pass");
    expect(evaluateCheck(p, device({ vars: { check_params: { "test-check": { min_up: 0 } } } }), peers("up"))).toMatchObject({ status: "error", reason: expect.stringContaining("min_up must be >= 1") });
    expect(evaluateCheck(p, device({ vars: { check_params: { "test-check": { min_upp: 1 } } } }), peers("up"))).toMatchObject({ status: "error", reason: expect.stringContaining('unknown parameter "min_upp"') });
  });

  it("each_hop evaluates every release of the path and says which hop fails", () => {
    const perHop = check(
      {
        each_hop: true,
        assert: { for_each: "$peers", key: "name", expect: { path: "name", in: { expr: "$data.supported[?version_ge($hop.version, since)].name" } } },
        message: "{{ $key }} unsupported on {{ $hop.version }}",
      },
      { supported: [{ name: "p0", since: "9.0.0" }, { name: "p1", since: "10.1.0" }] },
    );
    const hops = ["10.0.0", "10.1.0", "10.2.4-h4"].map((version) => ({ version, feature_release: version.slice(0, 4) }));
    const r = evaluateCheck(perHop, device({ hops }), peers("up", "up"));
    expect(r.status).toBe("fail");
    expect(r.findings).toEqual([{ key: "p1", message: "p1 unsupported on 10.0.0", expected: "one of 1 allowed values", actual: "p1", hop: "10.0.0" }]);
  });

  it("a check that needs a target version is an error without one", () => {
    const perHop = check({ each_hop: true });
    expect(evaluateCheck(perHop, device({ hop: undefined }), peers("up"))).toMatchObject({ status: "error", reason: expect.stringContaining("target version") });
  });

  it("another platform is not-applicable", () => {
    expect(evaluateCheck(check({}), device({ platform: "cisco_ios" }), peers("up")).status).toBe("not-applicable");
  });
});
