// The simulated EOS CLI through preflight's SSH transport: the pager answered when paging is left on, the
// session set-up's answers, `| json` and filters, EOS's error lines, and the device's outputs arriving intact.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aristaEosProfile } from "../../../src/platforms/arista_eos/profile.js";
import { EOS_COMMANDS, eosSwitch } from "../../../src/platforms/arista_eos/simulator/switch.js";
import { startFleet } from "../../../src/simulator/fleet.js";
import type { SimFleet } from "../../../src/simulator/types.js";
import { KnownHosts } from "../../../src/transport/known-hosts.js";
import { openSshSession } from "../../../src/transport/ssh-session.js";
import type { DeviceSession } from "../../../src/transport/types.js";

const CREDS = { username: "audit", password: "eos-Pa55word" };
let fleet: SimFleet;
let knownHosts: KnownHosts;
const spec = eosSwitch({ name: "spine1", ...CREDS, thirdPartyOptics: true });

beforeAll(async () => {
  fleet = await startFleet([spec]);
  const dir = mkdtempSync(join(tmpdir(), "preflight-eos-sim-"));
  writeFileSync(join(dir, "known_hosts"), fleet.knownHosts());
  knownHosts = new KnownHosts(join(dir, "known_hosts"));
});

afterAll(async () => {
  await fleet?.close();
});

async function session(setup: string[]): Promise<DeviceSession> {
  const d = fleet.devices[0]!;
  return openSshSession({ name: "spine1", host: d.host, port: d.port }, CREDS, {
    profile: { ...aristaEosProfile, sessionSetup: setup },
    timeouts: { connectMs: 10_000, authMs: 10_000, commandMs: 10_000 },
    knownHosts,
    acceptNewHostKeys: false,
  });
}

describe("the simulated EOS CLI over preflight's transport", () => {
  it("pages long outputs with --More-- until terminal length 0, and the transport answers the pager", async () => {
    const s = await session([]);
    try {
      const expected = spec.outputs[EOS_COMMANDS.inventory]!.trimEnd();
      expect(expected.split("\n").length).toBeGreaterThan(23);
      expect((await s.run(EOS_COMMANDS.inventory)).output).toBe(expected);
      expect((await s.run("terminal length 0")).output).toBe("Pagination disabled.");
      expect((await s.run("terminal width 32767")).output).toBe("Width set to 32767 columns.");
      expect((await s.run(EOS_COMMANDS.inventory)).output).toBe(expected);
    } finally {
      await s.close();
    }
  });

  it("prints JSON for | json, nothing for saved diffs, and filters text", async () => {
    const s = await session(aristaEosProfile.sessionSetup);
    try {
      expect(JSON.parse((await s.run(EOS_COMMANDS.version)).output)).toMatchObject({ version: "4.28.3M" });
      expect((await s.run(EOS_COMMANDS.configDiffs)).output).toBe("");
      expect((await s.run("show inventory | include Arista")).output.split("\n").every((l) => l.includes("Arista"))).toBe(true);
    } finally {
      await s.close();
    }
  });

  it("turns EOS's error lines into CLI errors that leave the session usable", async () => {
    const s = await session(aristaEosProfile.sessionSetup);
    try {
      await expect(s.run("show nonsense")).rejects.toMatchObject({ kind: "cli-error", message: expect.stringContaining("% Invalid input (at token 1: 'nonsense')") });
      await expect(s.run("show inventory | json")).rejects.toMatchObject({ kind: "cli-error", message: expect.stringContaining('"errors"') });
      await expect(s.run("reload now")).rejects.toThrow(/refused to send "reload now"/);
      expect((await s.run(EOS_COMMANDS.hostname)).output).toContain('"hostname": "spine1"');
    } finally {
      await s.close();
    }
  });
});
