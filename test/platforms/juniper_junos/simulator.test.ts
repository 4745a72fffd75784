// The simulated Junos CLI through preflight's SSH transport: the `---(more NN%)---` pager answered while the screen
// length is not 0, the session set-up's answers, `| display xml` and the other pipes, the `{master:0}` /
// `{primary:node0}` line before the prompt, Junos's caret and `syntax error`, and the outputs arriving intact.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJunosBgpSummary, type JunosBgpSummary } from "../../../src/platforms/juniper_junos/parsers/xml-reply.js";
import { juniperJunosProfile } from "../../../src/platforms/juniper_junos/profile.js";
import { JUNOS_COMMANDS, junosDevice } from "../../../src/platforms/juniper_junos/simulator/router.js";
import { startFleet } from "../../../src/simulator/fleet.js";
import type { SimFleet } from "../../../src/simulator/types.js";
import { KnownHosts } from "../../../src/transport/known-hosts.js";
import { openSshSession } from "../../../src/transport/ssh-session.js";
import type { DeviceSession } from "../../../src/transport/types.js";

const CREDS = { username: "audit", password: "junos-Pa55word" };
let fleet: SimFleet;
let knownHosts: KnownHosts;
const mx = junosDevice({ name: "mx1", ...CREDS });
const srx = junosDevice({ name: "srx1", ...CREDS, kind: "srx" });

beforeAll(async () => {
  fleet = await startFleet([mx, srx]);
  const dir = mkdtempSync(join(tmpdir(), "preflight-junos-sim-"));
  writeFileSync(join(dir, "known_hosts"), fleet.knownHosts());
  knownHosts = new KnownHosts(join(dir, "known_hosts"));
});

afterAll(async () => {
  await fleet?.close();
});

async function session(index: number, setup: string[]): Promise<DeviceSession> {
  const d = fleet.devices[index]!;
  return openSshSession({ name: d.spec.name, host: d.host, port: d.port }, CREDS, {
    profile: { ...juniperJunosProfile, sessionSetup: setup },
    timeouts: { connectMs: 10_000, authMs: 10_000, commandMs: 10_000 },
    knownHosts,
    acceptNewHostKeys: false,
  });
}

describe("the simulated Junos CLI over preflight's transport", () => {
  it("pages long outputs with ---(more NN%)--- until the screen length is 0, and the transport answers the pager", async () => {
    const s = await session(0, []);
    try {
      const expected = `${mx.outputs[JUNOS_COMMANDS.version]!.trimEnd()}\n\n{master:0}`;
      expect(expected.split("\n").length).toBeGreaterThan(23);
      expect((await s.run(JUNOS_COMMANDS.version)).output).toBe(expected);
      expect((await s.run("set cli screen-length 0")).output).toBe("Screen length set to 0\n\n{master:0}");
      expect((await s.run("set cli screen-width 511")).output).toBe("Screen width set to 511\n\n{master:0}");
      expect((await s.run(JUNOS_COMMANDS.version)).output).toBe(expected);
    } finally {
      await s.close();
    }
  });

  it("prints | display xml replies that parse, and applies match, except, count, last and no-more", async () => {
    const s = await session(0, juniperJunosProfile.sessionSetup);
    try {
      const bgp = parseJunosBgpSummary((await s.run(JUNOS_COMMANDS.bgp)).output) as JunosBgpSummary;
      expect(bgp.peers.map((p) => [p.address, p.state])).toEqual([["192.168.2.15", "Established"]]);
      expect((await s.run("show version | match Junos:")).output).toBe("Junos: 21.4R3-S5.4\n\n{master:0}");
      expect((await s.run("show version | match ^JUNOS | count")).output).toBe("Count: 25 lines\n\n{master:0}");
      expect((await s.run("show version | except JUNOS | no-more")).output).toBe("Hostname: mx1\nModel: mx480\nJunos: 21.4R3-S5.4\n\n{master:0}");
      expect((await s.run("show bgp summary | display xml | last 3")).output).toBe("        <banner>{master:0}</banner>\n    </cli>\n</rpc-reply>\n\n{master:0}");
    } finally {
      await s.close();
    }
  });

  it("prints {primary:node0} before the prompt on a cluster member", async () => {
    const s = await session(1, juniperJunosProfile.sessionSetup);
    try {
      const out = (await s.run(JUNOS_COMMANDS.cluster)).output;
      expect(out.endsWith("node1  1        secondary      no      no       None\n\n{primary:node0}")).toBe(true);
      expect((await s.run("show version | match Model")).output).toBe("Model: srx1500\nModel: srx1500\n\n{primary:node0}");
    } finally {
      await s.close();
    }
  });

  it("turns Junos's caret and syntax error into CLI errors that leave the session usable", async () => {
    const s = await session(0, juniperJunosProfile.sessionSetup);
    try {
      await expect(s.run("show nonsense")).rejects.toMatchObject({ kind: "cli-error", message: expect.stringContaining("syntax error, expecting <command>.") });
      await expect(s.run("show bogus | no-more")).rejects.toMatchObject({ kind: "cli-error", message: expect.stringContaining("syntax error") });
      await expect(s.run("request system reboot")).rejects.toThrow(/refused to send "request system reboot"/);
      await expect(s.run("show configuration | save /tmp/x")).rejects.toThrow(/refused to send/);
      expect((await s.run("show version | match Hostname")).output).toBe("Hostname: mx1\n\n{master:0}");
    } finally {
      await s.close();
    }
  });
});
