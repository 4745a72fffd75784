// The standalone simulator: argument checking, and the inventory and known_hosts files it writes.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { parseSimulatorArgs, startSimulator } from "../../src/simulator/main.js";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("parseSimulatorArgs", () => {
  it("reads the options with their defaults", () => {
    expect(parseSimulatorArgs(["--count", "5", "--inventory-out", "i.yaml", "--known-hosts-out", "kh"])).toEqual({
      count: 5,
      platform: "paloalto_panos",
      inventoryOut: "i.yaml",
      knownHostsOut: "kh",
      group: "demo",
    });
  });

  it("names what is wrong", () => {
    expect(() => parseSimulatorArgs(["--count", "0", "--inventory-out", "i", "--known-hosts-out", "k"])).toThrow(/--count must be a positive integer/);
    expect(() => parseSimulatorArgs(["--platform", "lab", "--inventory-out", "i", "--known-hosts-out", "k"])).toThrow(/no demo fleet for "lab"; platforms with one: paloalto_panos/);
    expect(() => parseSimulatorArgs(["--count", "3"])).toThrow(/--inventory-out and --known-hosts-out are required/);
    expect(() => parseSimulatorArgs(["--bogus"])).toThrow();
    expect(() => parseSimulatorArgs(["--latency-ms", "fast", "--inventory-out", "i", "--known-hosts-out", "k"])).toThrow(/--latency-ms must be a whole number of milliseconds/);
    expect(parseSimulatorArgs(["--latency-ms", "200", "--inventory-out", "i", "--known-hosts-out", "k"]).latencyMs).toBe(200);
  });
});

describe("startSimulator", () => {
  it("writes an inventory of the running fleet and its known_hosts", async () => {
    const dir = await mkdtemp(join(tmpdir(), "preflight-sim-"));
    dirs.push(dir);
    const args = parseSimulatorArgs(["--count", "12", "--inventory-out", join(dir, "inv.yaml"), "--known-hosts-out", join(dir, "known_hosts")]);
    const fleet = await startSimulator(args);
    try {
      const inventoryText = await readFile(args.inventoryOut, "utf8");
      const inventory = parse(inventoryText);
      expect(inventory.defaults).toEqual({ credentials: "default" });
      expect(inventory.groups).toEqual({ demo: { target_version: "10.2.4-h4" } });
      expect(Object.keys(inventory.hosts)).toEqual(fleet.devices.map((d) => d.spec.name));
      const first = fleet.devices[0]!;
      expect(inventory.hosts["fw-001"]).toEqual({ host: "127.0.0.1", port: first.port, platform: "paloalto_panos", groups: ["demo"], tags: first.spec.tags });
      // One line per host, in flow style, as the documented format shows.
      expect(inventoryText).toMatch(new RegExp(`^  fw-001: \\{ host: 127\\.0\\.0\\.1, port: ${first.port}, platform: paloalto_panos, groups: \\[ demo \\], tags: \\[`, "m"));
      expect(await readFile(args.knownHostsOut, "utf8")).toBe(fleet.knownHosts());
      expect(fleet.knownHosts().trim().split("\n")).toHaveLength(12);
    } finally {
      await fleet.close();
    }
  });
});
