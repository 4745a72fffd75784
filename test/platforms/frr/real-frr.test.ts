// Real FRR (Debian's frr package, installed by .ci/run): zebra, staticd and bgpd started as this test's own
// processes, with their sockets and pid files in a temporary directory, and read through vtysh. The profile's
// facts and the frr-bgp-peers-established expression's input come from the live router: a configured peer with
// nothing behind it is never Established. Needs root (the daemons drop to user frr); skipped, saying why, otherwise.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { frrIsReadOnly, frrVersionFacts } from "../../../src/platforms/frr/profile.js";

const FRR = "/usr/lib/frr";
const present = existsSync(`${FRR}/zebra`) && existsSync(`${FRR}/bgpd`) && existsSync("/usr/bin/vtysh");
const root = process.getuid?.() === 0;
const why = !present ? "FRR is not installed (.ci/run installs Debian's frr)" : !root ? "FRR's daemons need root" : "";

let dir = "";
const vtysh = (command: string): string => {
  if (!frrIsReadOnly(command).ok) throw new Error(`refused: ${command}`);
  return execFileSync("/usr/bin/vtysh", ["--vty_socket", dir, "-c", command], { encoding: "utf8", timeout: 10_000 });
};

describe.skipIf(why !== "")(`real FRR${why ? ` (skipped: ${why})` : ""}`, () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "preflight-frr-"));
    const conf = join(dir, "frr.conf");
    writeFileSync(conf, "router bgp 65001\n bgp router-id 127.0.0.2\n no bgp ebgp-requires-policy\n neighbor 127.0.0.9 remote-as 65009\n");
    const frrUser = Number(execFileSync("id", ["-u", "frr"], { encoding: "utf8" }).trim());
    const frrGroup = Number(execFileSync("id", ["-g", "frr"], { encoding: "utf8" }).trim());
    chownSync(dir, frrUser, frrGroup);
    chownSync(conf, frrUser, frrGroup);
    for (const daemon of ["zebra", "staticd", "bgpd"]) {
      const args = ["-d", "-f", conf, "-i", join(dir, `${daemon}.pid`), "-z", join(dir, "zserv.api"), "--vty_socket", dir, "-A", "127.0.0.1", "-P", "0"];
      // bgpd listens on no port: this router only dials out, to a peer that is never there.
      if (daemon === "bgpd") args.push("-p", "0");
      execFileSync(`${FRR}/${daemon}`, args, { timeout: 10_000 });
    }
    // Bounded: at most 50 tries, 100 ms apart, for bgpd's vty to answer.
    for (let i = 0; i < 50; i++) {
      try {
        if (vtysh("show bgp vrf all summary json").includes("127.0.0.9")) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("bgpd did not answer within 5 s");
  }, 20_000);

  afterAll(() => {
    if (dir === "") return;
    for (const daemon of ["bgpd", "staticd", "zebra"]) {
      const pidFile = join(dir, `${daemon}.pid`);
      if (!existsSync(pidFile)) continue;
      const pid = Number(readFileSync(pidFile, "utf8").trim());
      try {
        if (pid > 1) process.kill(pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads the facts from the live show version", () => {
    const facts = frrVersionFacts(vtysh("show version"));
    expect(facts.softwareVersion).toMatch(/^\d+\.\d+(\.\d+)?/);
  });

  it("shows the configured peer that never comes up as not Established", () => {
    const bgp = JSON.parse(vtysh("show bgp vrf all summary json")) as Record<string, Record<string, { peers?: Record<string, { state: string }> }>>;
    const peer = bgp.default?.ipv4Unicast?.peers?.["127.0.0.9"];
    expect(peer).toBeDefined();
    expect(peer!.state).not.toBe("Established");
  });

  it("lists zebra, staticd and bgpd in show daemons", () => {
    expect(vtysh("show daemons").trim().split(/\s+/)).toEqual(expect.arrayContaining(["zebra", "staticd", "bgpd"]));
  });
});
