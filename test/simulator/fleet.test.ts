// Fleet life cycle at scale: 100 devices start on distinct ports and all accept a login; 500 start in seconds
// (the time is logged, not asserted); close() drops open connections at once.
import { afterAll, describe, expect, it } from "vitest";
import { startFleet } from "../../src/simulator/fleet.js";
import { demoFleetSpecs } from "../../src/platforms/paloalto_panos/simulator/demo-fleet.js";
import { panosDevice } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import type { SimDevice, SimFleet } from "../../src/simulator/types.js";
import { connect, loginShell, run } from "./ssh-client.js";

const healthy = (count: number) => demoFleetSpecs(count).map((spec) => ({ ...spec, faults: [] }));
const fleets: SimFleet[] = [];
afterAll(async () => {
  await Promise.all(fleets.map((fleet) => fleet.close()));
});

describe("startFleet", () => {
  it("starts 100 devices that all accept a login", async () => {
    const fleet = await startFleet(healthy(100));
    fleets.push(fleet);
    expect(new Set(fleet.devices.map((d) => d.port)).size).toBe(100);
    const clients = await Promise.all(fleet.devices.map((device) => connect(device)));
    expect(clients).toHaveLength(100);
    for (const client of clients) client.end();
  });

  it("starts 500 devices in seconds", async () => {
    const specs = demoFleetSpecs(500);
    const started = performance.now();
    const fleet = await startFleet(specs);
    const ms = performance.now() - started;
    fleets.push(fleet);
    console.log(`simulator: started ${fleet.devices.length} devices in ${ms.toFixed(0)} ms`);
    expect(fleet.devices.map((d) => d.spec.name)).toEqual(specs.map((s) => s.name));
    expect(new Set(fleet.devices.map((d) => d.port)).size).toBe(500);
    await fleet.close();
  });

  it("latencyMs delays the shell's output, in order, and changes nothing else", async () => {
    const spec = healthy(1)[0]!;
    const fleet = await startFleet([spec, { ...spec, name: "late", latencyMs: 400 }]);
    fleets.push(fleet);
    const session = async (device: SimDevice) => {
      const connecting = performance.now();
      const { client, shell } = await loginShell(device);
      const loginMs = performance.now() - connecting;
      await run(shell, "set cli pager off");
      const sent = performance.now();
      const answer = await run(shell, "show system info");
      const commandMs = performance.now() - sent;
      client.end();
      return { loginMs, commandMs, answer };
    };
    const [prompt, late] = [await session(fleet.devices[0]!), await session(fleet.devices[1]!)];
    // The login prompt and each command's echo, output and prompt: at least the latency late, whole and in order.
    expect(late.loginMs).toBeGreaterThanOrEqual(390);
    expect(late.commandMs).toBeGreaterThanOrEqual(390);
    expect(late.answer).toBe(prompt.answer);
    expect(late.answer).toContain(spec.outputs["show system info"]!.split("\n")[0]);
  });

  it("close() drops open sessions and stops listening", async () => {
    const fleet = await startFleet([panosDevice({ name: "fw", model: "PA-850", swVersion: "10.1.9-h1", ports: [], username: "u", password: "p" })]);
    const device = fleet.devices[0]!;
    const { client, shell } = await loginShell(device);
    const dropped = new Promise<void>((resolve) => client.on("close", () => resolve()));
    const started = performance.now();
    await fleet.close();
    await dropped;
    await shell.closed;
    expect(performance.now() - started).toBeLessThan(2000);
    await expect(connect(device)).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });

  it("rejects a spec whose host key cannot be parsed, leaving nothing listening", async () => {
    const good = panosDevice({ name: "ok", model: "PA-850", swVersion: "10.1.9-h1", ports: [], username: "u", password: "p" });
    await expect(startFleet([good, { ...good, name: "bad", hostKey: "not a key" }])).rejects.toThrow(/device bad: host key/);
  });
});
