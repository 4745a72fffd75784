// The plan: each command once per device (facts first), only the checks for the device's platform.
import { describe, expect, it } from "vitest";
import type { LoadedCheck } from "../../src/checks/types.js";
import type { Device } from "../../src/inventory/types.js";
import { planDevice } from "../../src/runner/plan.js";

function check(id: string, platforms: string[], commands: string[]): LoadedCheck {
  return {
    file: `/checks/${id}.yaml`,
    sha256: "0".repeat(64),
    data: {},
    definition: {
      id,
      title: id,
      description: id,
      severity: "high",
      platforms,
      gather: Object.fromEntries(commands.map((command, i) => [`c${i}`, { command, parser: "text" }])),
      assert: { expect: { path: "c0", not_empty: true } },
      message: "x",
      remediation: "y",
    },
  };
}

const device: Device = {
  index: 0,
  name: "fw",
  host: "127.0.0.1",
  port: 22,
  platform: "paloalto_panos",
  groups: [],
  tags: [],
  targetVersion: "10.2.4-h4",
  credentials: { name: "default", usernameEnv: "U", passwordEnv: "P", passphraseEnv: "K", useAgent: false },
  vars: {},
};

describe("planDevice", () => {
  it("runs a command needed by several checks once, facts first, in a stable order", () => {
    const plan = planDevice(device, [check("a", ["paloalto_panos"], ["show jobs all", "show system info"]), check("b", ["paloalto_panos"], ["show jobs all", "show ntp"]), check("c", ["cisco_ios"], ["show version"])]);
    expect(plan.commands.map((c) => c.command)).toEqual(["show system info", "show high-availability state", "show jobs all", "show ntp"]);
    expect(plan.checks.map((c) => c.definition.id)).toEqual(["a", "b"]);
    expect(plan.targetVersion).toBe("10.2.4-h4");
  });

  it("puts XML-mode commands after the text ones, so the session switches mode once", () => {
    const xml = check("x", ["paloalto_panos"], ["show jobs all"]);
    xml.definition.gather.c0 = { command: "show jobs all", parser: "xml", output: "xml" };
    const plan = planDevice(device, [xml, check("y", ["paloalto_panos"], ["show ntp", "show jobs all"])]);
    expect(plan.commands).toEqual([
      { command: "show system info", output: "text" },
      { command: "show high-availability state", output: "text" },
      { command: "show ntp", output: "text" },
      { command: "show jobs all", output: "text" },
      { command: "show jobs all", output: "xml" },
    ]);
  });

  it("a --target-version given on the command line wins over the inventory's", () => {
    expect(planDevice(device, [], "11.1.4-h7").targetVersion).toBe("11.1.4-h7");
  });
});
