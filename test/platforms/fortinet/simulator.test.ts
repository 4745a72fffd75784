// The simulated FortiOS CLI through preflight's transport, with no session set-up (as preflight drives a
// FortiGate): the --More-- pager answered by the session, | grep, FortiOS's error lines, the policy's refusal
// before sending, and the outputs arriving intact.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fortinetProfile } from "../../../src/platforms/fortinet/profile.js";
import { FORTIOS_COMMANDS, fortigate } from "../../../src/platforms/fortinet/simulator/firewall.js";
import { startFleet } from "../../../src/simulator/fleet.js";
import type { SimFleet } from "../../../src/simulator/types.js";
import { KnownHosts } from "../../../src/transport/known-hosts.js";
import { openSshSession } from "../../../src/transport/ssh-session.js";
import type { DeviceSession } from "../../../src/transport/types.js";

const CREDS = { username: "audit", password: "fgt-sim-Pa55word" };
let fleet: SimFleet;
let knownHosts: KnownHosts;
const spec = fortigate({ name: "FGT-fw-a", ...CREDS, thirdPartyOptics: true });

beforeAll(async () => {
  fleet = await startFleet([spec]);
  const dir = mkdtempSync(join(tmpdir(), "preflight-fgt-sim-"));
  writeFileSync(join(dir, "known_hosts"), fleet.knownHosts());
  knownHosts = new KnownHosts(join(dir, "known_hosts"));
});

afterAll(async () => {
  await fleet?.close();
});

async function session(): Promise<DeviceSession> {
  const d = fleet.devices[0]!;
  return openSshSession({ name: "FGT-fw-a", host: d.host, port: d.port }, CREDS, {
    profile: fortinetProfile,
    timeouts: { connectMs: 10_000, authMs: 10_000, commandMs: 10_000 },
    knownHosts,
    acceptNewHostKeys: false,
  });
}

describe("the simulated FortiOS CLI over preflight's transport", () => {
  it("pages long outputs with --More-- and the transport answers the pager, keeping every line", async () => {
    const s = await session();
    try {
      // The real capture has CRLF line endings; the transport normalises them to \n.
      const expected = spec.outputs[FORTIOS_COMMANDS.status]!.replace(/\r\n/g, "\n").trimEnd();
      expect(expected.split("\n").length).toBeGreaterThan(23);
      const out = (await s.run(FORTIOS_COMMANDS.status)).output;
      expect(out).toBe(expected);
      expect(out).not.toContain("--More--");
      expect((await s.run(FORTIOS_COMMANDS.ha)).output).toBe(spec.outputs[FORTIOS_COMMANDS.ha]!.replace(/\r\n/g, "\n").trimEnd());
    } finally {
      await s.close();
    }
  });

  it("filters with | grep", async () => {
    const s = await session();
    try {
      expect((await s.run("get system status | grep Hostname")).output).toBe("Hostname: FGT-fw-a");
      expect((await s.run("get system interface transceiver | grep -i vendor")).output.split("\n")).toEqual(["   Vendor Name  :     FORTINET", "   Vendor Name  :     PROLABS"]);
    } finally {
      await s.close();
    }
  });

  it("turns FortiOS's error lines into CLI errors that leave the session usable, and refuses writes before sending", async () => {
    const s = await session();
    try {
      await expect(s.run("get system nonsense")).rejects.toMatchObject({ kind: "cli-error", message: expect.stringContaining("command parse error before 'nonsense'") });
      await expect(s.run("execute reboot")).rejects.toThrow(/refused to send "execute reboot"/);
      await expect(s.run("config system console")).rejects.toThrow(/refused to send/);
      expect((await s.run("get system status | grep Serial")).output).toBe("Serial-Number: FGT40XXXXXXXXXXX");
    } finally {
      await s.close();
    }
  });
});
