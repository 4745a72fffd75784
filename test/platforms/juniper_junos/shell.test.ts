// The simulated Junos CLI byte by byte, with a plain ssh2 client (not preflight's transport): the login line and
// the `{master:0}` prompt, echo and line editing, type-ahead while a command runs, the pager's keys, and the
// command faults, all of which come from the shared PagedCli with what Junos says.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JUNOS_COMMANDS, junosDevice } from "../../../src/platforms/juniper_junos/simulator/router.js";
import { startFleet } from "../../../src/simulator/fleet.js";
import type { SimDevice, SimFleet } from "../../../src/simulator/types.js";
import { loginShell } from "../../simulator/ssh-client.js";

const CREDS = { username: "audit", password: "junos-Pa55word" };
const PROMPT = "\r\n{master:0}\r\naudit@mx1> ";
const QUIET_MS = 300;
let fleet: SimFleet;
let mx: SimDevice;
let faulty: SimDevice;

beforeAll(async () => {
  fleet = await startFleet([
    junosDevice({ name: "mx1", ...CREDS }),
    junosDevice({ name: "mx2", ...CREDS, faults: [{ kind: "hang-on-command", command: JUNOS_COMMANDS.bgp }, { kind: "unknown-command", command: JUNOS_COMMANDS.ospf }] }),
  ]);
  [mx, faulty] = fleet.devices as [SimDevice, SimDevice];
});

afterAll(async () => {
  await fleet?.close();
});

describe("the simulated Junos CLI on the wire", () => {
  it("greets with the release line and prompts with a blank line and {master:0} before user@host>", async () => {
    const { client, shell } = await loginShell(mx);
    expect(shell.text()).toBe(`--- JUNOS 21.4R3-S5.4 built 2023-09-15 11:23:24 UTC\r\n${PROMPT}`);
    client.end();
  });

  it("echoes what is typed, erases with backspace, and ^C abandons the line", async () => {
    const { client, shell } = await loginShell(mx);
    shell.send("show versiom\x7fn | match Model\r");
    expect(await shell.waitFor(/audit@mx1> $/)).toBe(`show versiom\b \bn | match Model\r\nModel: mx480\r\n${PROMPT}`);
    shell.mark();
    shell.send("show bgp\x03");
    expect(await shell.waitFor(/audit@mx1> $/)).toBe(`show bgp^C\r\n${PROMPT.slice(2)}`);
    client.end();
  });

  it("keeps type-ahead while paging and answers the commands in order", async () => {
    const { client, shell } = await loginShell(mx);
    // The first output stops at the pager; q and the next command were typed ahead.
    shell.send(`${JUNOS_COMMANDS.version}\rqshow version | match Hostname\r`);
    const out = await shell.waitFor(/Hostname: mx1\r\n\r\n\{master:0\}\r\naudit@mx1> $/);
    expect(out).toContain("---(more 82%)---");
    expect(out.match(/---\(more/g)).toHaveLength(1);
    client.end();
  });

  it("pages 23 lines at a time, Enter shows one more line, q stops", async () => {
    const { client, shell } = await loginShell(mx);
    shell.send(`${JUNOS_COMMANDS.version}\r`);
    const first = await shell.waitFor(/---\(more \d+%\)---$/);
    expect(first.split("\r\n")).toHaveLength(1 + 23 + 1);
    shell.mark();
    shell.send("\r");
    expect(await shell.waitFor(/---\(more 85%\)---$/)).toBe(`\r${" ".repeat(17)}\rJUNOS daemons [20230915.112324_builder_junos_214_r3_s5]\r\n---(more 85%)---`);
    shell.mark();
    shell.send("q");
    expect(await shell.waitFor(/audit@mx1> $/)).toBe(`\r${" ".repeat(17)}\r${PROMPT}`);
    client.end();
  });

  it("answers set cli screen-length 0 and then prints whole outputs", async () => {
    const { client, shell } = await loginShell(mx);
    shell.send("set cli screen-length 0\r");
    expect(await shell.waitFor(/audit@mx1> $/)).toBe(`set cli screen-length 0\r\nScreen length set to 0\r\n${PROMPT}`);
    shell.mark();
    shell.send(`${JUNOS_COMMANDS.version}\r`);
    const out = await shell.waitFor(/audit@mx1> $/);
    expect(out).not.toContain("---(more");
    expect(out).toContain("JUNOS jail runtime");
    client.end();
  });

  it("injects the command faults: the unknown command is a syntax error, the hung one never returns", async () => {
    const { client, shell } = await loginShell(faulty);
    shell.send(`${JUNOS_COMMANDS.ospf}\r`);
    expect(await shell.waitFor(/audit@mx2> $/)).toBe(`${JUNOS_COMMANDS.ospf}\r\n${" ".repeat("audit@mx2> ".length + 5)}^\r\nsyntax error, expecting <command>.\r\n\r\n{master:0}\r\naudit@mx2> `);
    shell.mark();
    shell.send(`${JUNOS_COMMANDS.bgp}\r`);
    expect(await shell.settle(QUIET_MS)).toBe(`${JUNOS_COMMANDS.bgp}\r\n`);
    client.end();
  });
});
