// The PAN-OS CLI over a real SSH shell: login line and prompt, echo, line endings, the `set cli` settings,
// known and unknown commands, the pager, exit, and the refused exec request.
import type { Client } from "ssh2";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFleet } from "../../src/simulator/fleet.js";
import { PANOS_PHY_COMMAND, PANOS_SYSTEM_INFO_COMMAND, panosDevice } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import type { SimDevice, SimFleet } from "../../src/simulator/types.js";
import { loginShell, run, type Shell } from "./ssh-client.js";

const PROMPT = "audit@dc1-fw-001> ";
let fleet: SimFleet;
let device: SimDevice;
const clients: Client[] = [];

beforeAll(async () => {
  const spec = panosDevice({
    name: "fw-001",
    hostname: "dc1-fw-001",
    model: "PA-3220",
    swVersion: "10.1.9-h1",
    ports: [{ slot: 1, port: 1 }, { slot: 1, port: 17, sfp: { vendorName: "FINISAR CORP.", partNumber: "FTLX8571D3BCL", serial: "ALK0R3X" } }],
    username: "audit",
    password: "secret",
  });
  spec.outputs["show fifty"] = Array.from({ length: 50 }, (_, i) => `row ${i + 1}`).join("\n") + "\n";
  fleet = await startFleet([spec]);
  device = fleet.devices[0]!;
});
afterAll(() => fleet.close());
afterEach(() => {
  for (const client of clients.splice(0)) client.end();
});

async function shell(): Promise<Shell> {
  const session = await loginShell(device);
  clients.push(session.client);
  return session.shell;
}

describe("login", () => {
  it("prints the Last login line, a blank line and the prompt, nothing else", async () => {
    const s = await shell();
    expect(s.text()).toMatch(/^Last login: [A-Z][a-z]{2} [A-Z][a-z]{2} +\d+ \d\d:\d\d:\d\d \d{4} from [\d.]+\r\n\r\naudit@dc1-fw-001> $/);
  });
});

describe("typing", () => {
  it("echoes typed characters and honours backspace", async () => {
    const s = await shell();
    await run(s, "set cli pager off");
    s.mark();
    s.send("show sys");
    expect(await s.waitFor(/show sys$/)).toBe("show sys");
    s.send("x\x7f");
    expect(await s.waitFor(/sysx. .$/)).toBe("show sysx\b \b");
    s.send("tem info\r");
    const out = await s.waitFor(/\r\naudit@dc1-fw-001> $/);
    expect(out).toContain("show sysx\b \btem info\r\n");
    expect(out).toContain("hostname: dc1-fw-001\r\n");
  });

  it.each([
    ["\\n", "\n"],
    ["\\r", "\r"],
    ["\\r\\n", "\r\n"],
  ])("ends a line with %s and answers once", async (_label, ending) => {
    const s = await shell();
    await run(s, "set cli pager off", ending);
    const out = await run(s, PANOS_SYSTEM_INFO_COMMAND, ending);
    // Nothing more than one prompt: a \r\n pair is one line end, not two.
    expect(await s.settle(150)).toBe(out);
    expect(out.split(PROMPT)).toHaveLength(2);
  });
});

describe("commands", () => {
  it("accepts the session set-up commands silently", async () => {
    const s = await shell();
    for (const command of ["set cli pager off", "set cli scripting-mode on", "set cli terminal width 500", "set cli op-command-xml-output on", "set cli op-command-xml-output off"]) {
      expect(await run(s, command)).toBe(`${command}\r\n\r\n${PROMPT}`);
    }
  });

  it("prints a known command's output with \\r\\n line endings, a blank line and the prompt", async () => {
    const s = await shell();
    const out = await run(s, PANOS_PHY_COMMAND);
    const expected = device.spec.outputs[PANOS_PHY_COMMAND]!.replace(/\n/g, "\r\n");
    expect(out).toBe(`${PANOS_PHY_COMMAND}\r\n${expected}\r\n${PROMPT}`);
    expect(out).not.toMatch(/[^\r]\n/);
  });

  it("answers an unknown verb with `Unknown command:` and a known verb with bad arguments with `Invalid syntax.`", async () => {
    const s = await shell();
    expect(await run(s, "frobnicate now")).toBe(`frobnicate now\r\nUnknown command: frobnicate\r\n\r\n${PROMPT}`);
    expect(await run(s, "show nonsense thing")).toBe(`show nonsense thing\r\nInvalid syntax.\r\n\r\n${PROMPT}`);
  });

  it("answers an empty line with a new prompt", async () => {
    const s = await shell();
    expect(await run(s, "")).toBe(`\r\n${PROMPT}`);
  });

  it("closes the channel on exit and on quit", async () => {
    for (const command of ["exit", "quit"]) {
      const s = await shell();
      s.send(`${command}\n`);
      await s.closed;
      expect(s.sinceMark()).toBe(`${command}\r\n`);
    }
  });

  it("refuses exec requests with a message on stderr and exit code 1", async () => {
    const s = await loginShell(device);
    clients.push(s.client);
    const result = await new Promise<{ code: number; stderr: string; stdout: string }>((resolve, reject) => {
      s.client.exec(PANOS_SYSTEM_INFO_COMMAND, (error, channel) => {
        if (error) return reject(error);
        let stdout = "";
        let stderr = "";
        let code = -1;
        channel.on("data", (d: Buffer) => (stdout += d.toString()));
        channel.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        channel.on("exit", (c: number) => (code = c));
        channel.on("close", () => resolve({ code, stderr, stdout }));
      });
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/exec is not supported/);
  });
});

describe("pager", () => {
  const rows = (from: number, to: number): string => Array.from({ length: to - from + 1 }, (_, i) => `row ${from + i}\r\n`).join("");

  it("is on by default: pages after 20 lines until space, then returns to the prompt", async () => {
    const s = await shell();
    s.send("show fifty\n");
    expect(await s.waitFor(/lines 1-20 $/)).toBe(`show fifty\r\n${rows(1, 20)}lines 1-20 `);
    expect(await s.settle(150)).not.toContain("row 21");
    s.mark();
    s.send(" ");
    expect(await s.waitFor(/lines 21-40 $/)).toBe(`\r\x1b[K${rows(21, 40)}lines 21-40 `);
    s.mark();
    s.send(" ");
    expect(await s.waitFor(/> $/)).toBe(`\r\x1b[K${rows(41, 50)}\r\n${PROMPT}`);
  });

  it("stops paging on q", async () => {
    const s = await shell();
    s.send("show fifty\n");
    await s.waitFor(/lines 1-20 $/);
    s.mark();
    s.send("q");
    expect(await s.waitFor(/> $/)).toBe(`\r\x1b[K\r\n${PROMPT}`);
    expect(await run(s, "set cli pager off")).toBe(`set cli pager off\r\n\r\n${PROMPT}`);
  });

  it("keeps keys typed during output for after the prompt", async () => {
    const s = await shell();
    s.send("show fifty\n q");
    await s.waitFor(/> $/);
    s.mark();
    s.send("set cli pager off\n");
    expect(await s.waitFor(/> $/)).toBe(`set cli pager off\r\n\r\n${PROMPT}`);
  });

  it("prints everything at once after `set cli pager off`", async () => {
    const s = await shell();
    await run(s, "set cli pager off");
    expect(await run(s, "show fifty")).toBe(`show fifty\r\n${rows(1, 50)}\r\n${PROMPT}`);
  });
});
