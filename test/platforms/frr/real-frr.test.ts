// Real FRR (Debian's frr package, installed by .ci/run), audited over SSH through the built CLI, as a user would.
//
// Three routers, each its own zebra + bgpd (+ ospfd and bfdd on the r1-r2 link) in its own network namespace, joined by veth
// pairs: network namespaces rather than 127.0.0.x on loopback, because zebra ignores the addresses on `lo`, so
// bgpd's next-hop tracking never resolves a 127.0.0.x peer (the session stays Active, "Waiting for NHT"), and
// because each zebra then programs its own kernel table instead of the host's. The BGP sessions r1-r2, r1-r3 and
// r2-r3 really come up (the test waits, bounded, until they are Established, and each router installs the others'
// LAN prefixes in its namespace's FIB); r3 also has a neighbour, 10.0.39.9 on a stub interface, that never
// answers. Each router is reached through its own OpenSSH sshd on 127.0.0.1 (test/helpers/sshd.ts) whose
// ForceCommand is vtysh against that router's daemon sockets (`vtysh --vty_socket DIR --config_dir DIR`, with a
// vtysh.conf naming the host so that the prompt is the router's). `preflight run` (dist/) audits the three.
// Needs root (namespaces; the daemons drop to user frr), as CI runs; skipped, saying why, only when FRR,
// iproute2 or sshd are absent or the user is not root.
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunReport } from "../../../src/model/result.js";
import { validateReport } from "../../../src/report/validate-report.js";
import { preflight } from "../../helpers/cli.js";
import { keygen, startSshd, type Sshd } from "../../helpers/sshd.js";

const FRR = "/usr/lib/frr";
const missing = [`${FRR}/zebra`, `${FRR}/bgpd`, `${FRR}/ospfd`, `${FRR}/bfdd`, "/usr/bin/vtysh", "/usr/sbin/sshd", "/usr/bin/ssh-keygen"].filter((f) => !existsSync(f));
const ipTool = ["/usr/sbin/ip", "/usr/bin/ip", "/sbin/ip", "/bin/ip"].find((f) => existsSync(f));
const root = process.getuid?.() === 0;
const why = missing.length > 0 ? `not installed: ${missing.join(", ")} (.ci/run installs Debian's frr and openssh-server)` : ipTool === undefined ? "iproute2's ip is not installed" : !root ? "FRR's daemons and network namespaces need root" : "";

interface Router {
  name: string;
  asn: number;
  /** interface name -> address/prefix (veth ends to other routers; lan0 and stub0 are veths to nobody) */
  links: Record<string, string>;
  /** BGP neighbours: address -> remote AS */
  neighbours: Record<string, number>;
  /** the LAN prefix it originates */
  lan: string;
  ospfOn?: string[];
  /** BFD peers (bfdd) */
  bfdPeers?: string[];
}

const ROUTERS: Router[] = [
  { name: "r1", asn: 65001, links: { "r1-r2": "10.0.12.1/24", "r1-r3": "10.0.13.1/24", lan0: "172.16.1.1/24" }, neighbours: { "10.0.12.2": 65002, "10.0.13.3": 65003 }, lan: "172.16.1.0/24", ospfOn: ["r1-r2"], bfdPeers: ["10.0.12.2"] },
  { name: "r2", asn: 65002, links: { "r2-r1": "10.0.12.2/24", "r2-r3": "10.0.23.2/24", lan0: "172.16.2.1/24" }, neighbours: { "10.0.12.1": 65001, "10.0.23.3": 65003 }, lan: "172.16.2.0/24", ospfOn: ["r2-r1"], bfdPeers: ["10.0.12.1"] },
  // 10.0.39.9 is on r3's stub interface: connected, so bgpd dials it, and nothing ever answers.
  { name: "r3", asn: 65003, links: { "r3-r1": "10.0.13.3/24", "r3-r2": "10.0.23.3/24", lan0: "172.16.3.1/24", stub0: "10.0.39.3/24" }, neighbours: { "10.0.13.1": 65001, "10.0.23.2": 65002, "10.0.39.9": 65009 }, lan: "172.16.3.0/24" },
];
const DOWN_PEER = "10.0.39.9";
const PACK = ["frr-bfd-peers-up", "frr-bgp-peers-established", "frr-ospf-neighbors-full", "frr-rib-installed", "frr-target-newer", "frr-zebra-running"];
const VETHS: [string, string, string, string][] = [
  ["r1", "r1-r2", "r2", "r2-r1"],
  ["r1", "r1-r3", "r3", "r3-r1"],
  ["r2", "r2-r3", "r3", "r3-r2"],
];

let dir = "";
const ns = (router: string) => `pf${process.pid}${router}`;
const routerDir = (router: string) => join(dir, router);
const ip = (...args: string[]) => execFileSync(ipTool!, args, { encoding: "utf8", timeout: 10_000 });
// -H: vtysh (even with -c) writes its command history to ~/.history_frr unless told where.
const vtyshArgs = (router: string, command: string) => ["--vty_socket", routerDir(router), "--config_dir", routerDir(router), "-H", join(routerDir(router), "history"), "-c", command];
const vtysh = (router: string, command: string): string => execFileSync("/usr/bin/vtysh", vtyshArgs(router, command), { encoding: "utf8", timeout: 10_000 });
const namespaces: string[] = [];
const daemons: string[] = [];
const sshds: Sshd[] = [];

// One configuration file per daemon (`-f`): a daemon reading another daemon's commands stops applying the file.
function frrConfs(r: Router): Record<string, string> {
  const id = `10.255.0.${r.name.slice(1)}`;
  const confs: Record<string, string> = { zebra: [`hostname ${r.name}`, "!"].join("\n") };
  const bgp = [`hostname ${r.name}`, `router bgp ${r.asn}`, ` bgp router-id ${id}`, " no bgp ebgp-requires-policy"];
  for (const [peer, asn] of Object.entries(r.neighbours)) bgp.push(` neighbor ${peer} remote-as ${asn}`, ` neighbor ${peer} timers connect 1`, ` neighbor ${peer} timers 3 9`);
  bgp.push(" address-family ipv4 unicast", `  network ${r.lan}`, " exit-address-family", "exit", "!");
  confs.bgpd = bgp.join("\n");
  if (r.ospfOn) {
    const ospf = [`hostname ${r.name}`];
    for (const iface of r.ospfOn) ospf.push(`interface ${iface}`, " ip ospf network point-to-point", " ip ospf hello-interval 1", " ip ospf dead-interval 4", "exit", "!");
    ospf.push("router ospf", ` ospf router-id ${id}`, ...r.ospfOn.map((i) => ` network ${r.links[i]} area 0`), "exit", "!");
    confs.ospfd = ospf.join("\n");
  }
  if (r.bfdPeers) confs.bfdd = [`hostname ${r.name}`, "bfd", ...r.bfdPeers.flatMap((p) => [` peer ${p}`, " exit"]), "exit", "!"].join("\n");
  return confs;
}

function pidOf(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, "utf8").trim());
  return Number.isInteger(pid) && pid > 1 ? pid : undefined;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
  } catch {
    return false;
  }
};

/** What is up on the router: BGP peers Established, OSPF neighbours Full, BFD peers up. */
function upState(router: string): string[] {
  const up = established(router).map((p) => `bgp ${p}`);
  const r = ROUTERS.find((x) => x.name === router)!;
  try {
    if (r.ospfOn) {
      const ospf = JSON.parse(vtysh(router, "show ip ospf neighbor json")) as { neighbors?: Record<string, { state?: string }[]> };
      for (const [id, adjs] of Object.entries(ospf.neighbors ?? {})) if (adjs.some((a) => a.state?.startsWith("Full"))) up.push(`ospf ${id}`);
    }
    if (r.bfdPeers) {
      const bfd = JSON.parse(vtysh(router, "show bfd peers json")) as { peer?: string; status?: string }[];
      for (const p of bfd) if (p.status === "up") up.push(`bfd ${p.peer}`);
    }
  } catch {
    // a daemon not answering yet
  }
  return up.sort();
}

function established(router: string): string[] {
  try {
    const summary = JSON.parse(vtysh(router, "show bgp summary json")) as { ipv4Unicast?: { peers?: Record<string, { state?: string }> } };
    return Object.entries(summary.ipv4Unicast?.peers ?? {}).filter(([, p]) => p.state === "Established").map(([peer]) => peer).sort();
  } catch {
    return [];
  }
}

let report: RunReport;
let code: number | null;
let stderr = "";
let elapsedMs = 0;

describe.skipIf(why !== "")(`real FRR over SSH${why ? ` (skipped: ${why})` : ""}`, () => {
  beforeAll(async () => {
    const started = Date.now();
    dir = mkdtempSync(join(tmpdir(), "preflight-frr-"));
    chmodSync(dir, 0o755);
    const frrUser = Number(execFileSync("id", ["-u", "frr"], { encoding: "utf8" }).trim());
    const frrGroup = Number(execFileSync("id", ["-g", "frr"], { encoding: "utf8" }).trim());
    for (const r of ROUTERS) {
      ip("netns", "add", ns(r.name));
      namespaces.push(ns(r.name));
      ip("-n", ns(r.name), "link", "set", "lo", "up");
    }
    for (const [a, aIf, b, bIf] of VETHS) ip("link", "add", aIf, "netns", ns(a), "type", "veth", "peer", "name", bIf, "netns", ns(b));
    for (const r of ROUTERS) {
      for (const [iface, address] of Object.entries(r.links)) {
        // A LAN or stub end: a veth whose other end stays unaddressed in the same namespace (no dummy module here).
        if (iface.startsWith("lan") || iface.startsWith("stub")) {
          ip("-n", ns(r.name), "link", "add", iface, "type", "veth", "peer", "name", `${iface}p`);
          ip("-n", ns(r.name), "link", "set", `${iface}p`, "up");
        }
        ip("-n", ns(r.name), "addr", "add", address, "dev", iface);
        ip("-n", ns(r.name), "link", "set", iface, "up");
      }
      const rd = routerDir(r.name);
      mkdirSync(rd);
      writeFileSync(join(rd, "vtysh.conf"), `hostname ${r.name}\n`);
      chownSync(rd, frrUser, frrGroup);
      for (const [daemon, conf] of Object.entries(frrConfs(r))) {
        writeFileSync(join(rd, `${daemon}.conf`), `${conf}\n`);
        chownSync(join(rd, `${daemon}.conf`), frrUser, frrGroup);
        const pidFile = join(rd, `${daemon}.pid`);
        const args = ["netns", "exec", ns(r.name), `${FRR}/${daemon}`, "-d", "-f", join(rd, `${daemon}.conf`), "-i", pidFile, "-z", join(rd, "zserv.api"), "--vty_socket", rd, "-A", "127.0.0.1", "-P", "0"];
        execFileSync(ipTool!, args, { timeout: 10_000, stdio: ["ignore", "ignore", "pipe"] });
        daemons.push(pidFile);
      }
    }
    // Bounded: the healthy sessions come up within a few seconds (BGP connect retry 1 s, OSPF hello 1 s on a
    // point-to-point link, BFD at 300 ms); 30 s at most.
    const want: Record<string, string[]> = {
      r1: ["bfd 10.0.12.2", "bgp 10.0.12.2", "bgp 10.0.13.3", "ospf 10.255.0.2"],
      r2: ["bfd 10.0.12.1", "bgp 10.0.12.1", "bgp 10.0.23.3", "ospf 10.255.0.1"],
      r3: ["bgp 10.0.13.1", "bgp 10.0.23.2"],
    };
    const deadline = Date.now() + 30_000;
    for (;;) {
      const up = Object.fromEntries(ROUTERS.map((r) => [r.name, upState(r.name)]));
      if (ROUTERS.every((r) => JSON.stringify(up[r.name]) === JSON.stringify(want[r.name]))) break;
      if (Date.now() > deadline) {
        let r1 = "";
        try {
          r1 = vtysh("r1", "show bgp summary");
        } catch (err) {
          r1 = String(err);
        }
        throw new Error(`sessions not up within 30 s: ${JSON.stringify(up)}; r1 says: ${r1}`);
      }
      await new Promise((res) => setTimeout(res, 200));
    }
    // One sshd per router; its ForceCommand is vtysh on that router's sockets.
    keygen(join(dir, "client"));
    const pub = readFileSync(join(dir, "client.pub"), "utf8").trim();
    const hosts: string[] = [];
    const knownHosts: string[] = [];
    for (const r of ROUTERS) {
      const login = join(routerDir(r.name), "login.sh");
      writeFileSync(login, `#!/bin/sh\nexec /usr/bin/vtysh --vty_socket ${routerDir(r.name)} --config_dir ${routerDir(r.name)} -H ${join(routerDir(r.name), "history")}\n`, { mode: 0o755 });
      const sshd = await startSshd({ dir: join(dir, `sshd-${r.name}`), authorizedKeys: [pub], config: [`ForceCommand ${login}`, "PasswordAuthentication no", "KbdInteractiveAuthentication no"] });
      sshds.push(sshd);
      hosts.push(`  ${r.name}: { host: 127.0.0.1, port: ${sshd.port} }`);
      knownHosts.push(sshd.knownHostsLine);
    }
    const inventory = join(dir, "inventory.yaml");
    writeFileSync(
      inventory,
      [
        "defaults: { platform: frr, credentials: lab, target_version: '9.1.0' }",
        `credentials: { lab: { username_env: FRR_AUDIT_USER, identity: ${join(dir, "client")} } }`,
        "hosts:",
        ...hosts,
        "",
      ].join("\n"),
    );
    writeFileSync(join(dir, "known_hosts"), `${knownHosts.join("\n")}\n`);
    const ran = await preflight(["run", "-i", inventory, "--known-hosts", join(dir, "known_hosts"), "--out", join(dir, "report"), "--no-progress", "--command-timeout", "20"], {
      FRR_AUDIT_USER: userInfo().username,
    });
    code = ran.code;
    stderr = ran.stderr;
    report = JSON.parse(readFileSync(join(dir, "report", "report.json"), "utf8")) as RunReport;
    elapsedMs = Date.now() - started;
  }, 90_000);

  afterAll(async () => {
    await Promise.all(sshds.map((s) => s.stop()));
    const pids = daemons.map(pidOf).filter((p): p is number => p !== undefined);
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    // Bounded: PID 1 may reap late here; SIGKILL whatever still runs after 3 s.
    const deadline = Date.now() + 3000;
    while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    for (const pid of pids.filter(alive)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone
      }
    }
    for (const name of namespaces) {
      try {
        ip("netns", "del", name);
      } catch {
        // already gone
      }
    }
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
  }, 20_000);

  it("lists every router in the report; only r3, with the neighbour that never comes up, is blocked", () => {
    expect(stderr).toBe("");
    expect(validateReport(report)).toEqual({ ok: true });
    expect(report.devices.map((d) => [d.name, d.status])).toEqual([
      ["r1", "ready"],
      ["r2", "ready"],
      ["r3", "blocked"],
    ]);
    expect(code).toBe(1);
  });

  it("blocks r3 on frr-bgp-peers-established only, naming the down peer", () => {
    const r3 = report.devices.find((d) => d.name === "r3")!;
    const failing = r3.checks.filter((c) => c.status === "fail" || c.status === "error");
    expect(failing.map((c) => c.id)).toEqual(["frr-bgp-peers-established"]);
    expect(failing[0]!.findings.map((f) => f.key)).toEqual([`default ipv4Unicast ${DOWN_PEER}`]);
    expect(failing[0]!.findings[0]!.message).toMatch(new RegExp(`^BGP peer ${DOWN_PEER.replace(/\./g, "\\.")} \\(AS 65009\\) in VRF default, ipv4Unicast, is (Active|Connect|Idle), not Established$`));
  });

  it("evaluates the whole FRR pack on the healthy routers, every check passing, none in error", () => {
    for (const name of ["r1", "r2"]) {
      const device = report.devices.find((d) => d.name === name)!;
      const frrChecks = device.checks.filter((c) => c.id.startsWith("frr-"));
      expect(frrChecks.map((c) => [c.id, c.status, c.reason])).toEqual(PACK.map((id) => [id, "pass", undefined]));
    }
  });

  it("passes OSPF and BFD on r3, whose ospfd and bfdd are not running (vtysh says so, live)", () => {
    const r3 = report.devices.find((d) => d.name === "r3")!;
    expect(r3.checks.filter((c) => c.id === "frr-ospf-neighbors-full" || c.id === "frr-bfd-peers-up").map((c) => c.status)).toEqual(["pass", "pass"]);
    const asked = spawnSync("/usr/bin/vtysh", vtyshArgs("r3", "show ip ospf neighbor json"), { encoding: "utf8", timeout: 10_000 });
    expect(`${asked.stdout}${asked.stderr}`.trim()).toBe("ospfd is not running");
  });

  it("installs the LAN prefixes learned over BGP in each router's own FIB (its namespace's kernel table)", () => {
    const routes = ip("-n", ns("r3"), "route", "show", "proto", "bgp");
    expect(routes).toMatch(/^172\.16\.1\.0\/24 /m);
    expect(routes).toMatch(/^172\.16\.2\.0\/24 /m);
  });

  it("reads the facts from the live show version: FRR's version and the router's hostname", () => {
    const installed = /FRRouting (\S+)/.exec(vtysh("r1", "show version"))![1];
    for (const d of report.devices) expect(d.facts).toMatchObject({ hostname: d.name, softwareVersion: installed });
  });

  it("finishes well within a minute, set-up included", () => {
    expect(elapsedMs).toBeLessThan(60_000);
  });
});
