// Each injected fault behaves as specified, and a fault limited to one command leaves the others alone.
// Every wait is bounded: a hang is asserted as "nothing arrived within a quiet period".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFleet } from "../../src/simulator/fleet.js";
import { PANOS_PHY_COMMAND, PANOS_SYSTEM_INFO_COMMAND, panosDevice } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import type { Fault, SimDevice, SimFleet } from "../../src/simulator/types.js";
import { connect, loginShell, openShell, run } from "./ssh-client.js";

const INFO = PANOS_SYSTEM_INFO_COMMAND;
const QUIET_MS = 300;
let fleet: SimFleet;
const devices = new Map<string, SimDevice>();

const FAULTS: Record<string, Fault[]> = {
  refuse: [{ kind: "refuse" }],
  "hang-after-login": [{ kind: "hang-after-login" }],
  "hang-on-command": [{ kind: "hang-on-command", command: INFO }],
  "hang-on-any": [{ kind: "hang-on-command" }],
  "disconnect-mid-output": [{ kind: "disconnect-mid-output", command: INFO }],
  "disconnect-large": [{ kind: "disconnect-mid-output", command: "show big" }],
  "slow-output": [{ kind: "slow-output", command: INFO, chunkBytes: 64, delayMs: 15 }],
  garbage: [{ kind: "garbage", command: INFO }],
  "unknown-command": [{ kind: "unknown-command", command: PANOS_PHY_COMMAND }],
};

beforeAll(async () => {
  const specs = Object.entries(FAULTS).map(([name, faults]) =>
    panosDevice({ name, model: "PA-850", swVersion: "10.1.9-h1", ports: [{ slot: 1, port: 1 }], username: "audit", password: "secret", faults }),
  );
  // Big enough that the first half cannot leave in one socket write before the connection is cut.
  specs.find((s) => s.name === "disconnect-large")!.outputs["show big"] = "x".repeat(99).concat("\n").repeat(4000);
  fleet = await startFleet(specs);
  for (const device of fleet.devices) devices.set(device.spec.name, device);
});
afterAll(() => fleet.close());

const get = (name: string): SimDevice => devices.get(name)!;

/** What the device prints for `command` with the pager off, \r\n line endings. */
const wire = (name: string, command: string): string => get(name).spec.outputs[command]!.replace(/\n/g, "\r\n");

async function pagerOffShell(name: string) {
  const session = await loginShell(get(name));
  await run(session.shell, "set cli pager off");
  session.shell.mark();
  return session;
}

describe("faults", () => {
  it("refuse: nothing listens, the connection is refused", async () => {
    await expect(connect(get("refuse"))).rejects.toMatchObject({ code: "ECONNREFUSED" });
    expect(get("refuse").knownHostsLine).toMatch(/ ssh-ed25519 /);
  });

  it("hang-after-login: the login succeeds, the shell opens, and nothing is printed", async () => {
    const client = await connect(get("hang-after-login"));
    const shell = await openShell(client);
    shell.send("show system info\n");
    expect(await shell.settle(QUIET_MS)).toBe("");
    client.end();
  });

  it("hang-on-command: echoes the command, then never answers; other commands still work", async () => {
    const { client, shell } = await pagerOffShell("hang-on-command");
    expect(await run(shell, PANOS_PHY_COMMAND)).toContain("sys.s1.p1.phy: {");
    shell.mark();
    shell.send(`${INFO}\n`);
    expect(await shell.settle(QUIET_MS)).toBe(`${INFO}\r\n`);
    shell.send("\n");
    expect(await shell.settle(QUIET_MS)).toBe(`${INFO}\r\n`);
    client.end();
  });

  it("hang-on-command without a command hangs on the first command", async () => {
    const { client, shell } = await loginShell(get("hang-on-any"));
    shell.send("set cli pager off\n");
    expect(await shell.settle(QUIET_MS)).toBe("set cli pager off\r\n");
    client.end();
  });

  it("disconnect-mid-output: sends about half of the output, then drops the connection", async () => {
    for (const [name, command] of [["disconnect-mid-output", INFO], ["disconnect-large", "show big"]] as const) {
      const { client, shell } = await pagerOffShell(name);
      const closed = new Promise<void>((resolve) => client.on("close", () => resolve()));
      shell.send(`${command}\n`);
      await closed;
      const full = wire(name, command);
      const got = shell.sinceMark().slice(`${command}\r\n`.length);
      expect(full.startsWith(got), name).toBe(true);
      expect(got.length, name).toBe(Math.ceil(full.length / 2));
    }
  });

  it("slow-output: the output trickles in small chunks, complete, then the prompt", async () => {
    const { client, shell } = await pagerOffShell("slow-output");
    const chunks: number[] = [];
    shell.channel.on("data", (d: Buffer) => chunks.push(d.length));
    const started = Date.now();
    const out = await run(shell, INFO);
    const elapsed = Date.now() - started;
    const body = wire("slow-output", INFO);
    expect(out).toBe(`${INFO}\r\n${body}\r\naudit@slow-output> `);
    const expectedChunks = Math.ceil(Buffer.byteLength(body) / 64);
    expect(chunks.length).toBeGreaterThanOrEqual(expectedChunks);
    expect(Math.max(...chunks)).toBeLessThanOrEqual(64);
    // Timers never fire early by more than a millisecond; half the nominal time is a safe lower bound.
    expect(elapsed).toBeGreaterThanOrEqual((expectedChunks * 15) / 2);
    client.end();
  });

  it("garbage: random bytes with control characters and invalid UTF-8, then the prompt", async () => {
    const { client, shell } = await pagerOffShell("garbage");
    const before = shell.bytes().length;
    await run(shell, INFO);
    const answer = shell.bytes().subarray(before + `${INFO}\r\n`.length);
    expect(answer.includes(Buffer.from([0xff]))).toBe(true);
    expect(answer.includes(Buffer.from([0x1b]))).toBe(true);
    expect(answer.includes(Buffer.from([0x00]))).toBe(true);
    expect(answer.toString("latin1")).not.toContain("hostname:");
    expect(answer.toString("latin1").endsWith("\r\n\r\naudit@garbage> ")).toBe(true);
    expect(await run(shell, PANOS_PHY_COMMAND)).toContain("sys.s1.p1.phy: {");
    client.end();
  });

  it("unknown-command: answers that command like the CLI answers a command it lacks", async () => {
    const { client, shell } = await pagerOffShell("unknown-command");
    expect(await run(shell, PANOS_PHY_COMMAND)).toBe(`${PANOS_PHY_COMMAND}\r\nInvalid syntax.\r\n\r\naudit@unknown-command> `);
    expect(await run(shell, INFO)).toContain("hostname: unknown-command\r\n");
    client.end();
  });
});
