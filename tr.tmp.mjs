// transport only: openSshSession + the six commands, like the peer
import { readFileSync } from "node:fs";
import pLimit from "p-limit";
import { parse } from "yaml";
import { openSshSession } from "./dist/src/transport/ssh-session.js";
import { KnownHosts } from "./dist/src/transport/known-hosts.js";
import { platformProfile } from "./dist/src/platforms/registry.js";
const [inv, conc] = process.argv.slice(2);
const hosts = parse(readFileSync(inv, "utf8"), { uniqueKeys: false }).hosts;
const profile = platformProfile("paloalto_panos");
const knownHosts = new KnownHosts("/tmp/perf/kh");
const limit = pLimit(Number(conc));
const secrets = { username: "audit", password: "demo-password" };
const cmds = ["show system info", "show high-availability state", "show system state filter-pretty sys.s*.p*.phy"];
const t = process.cpuUsage();
let ok = 0;
await Promise.all(Object.entries(hosts).map(([name, h]) => limit(async () => {
  try {
    const s = await openSshSession({ name, host: h.host, port: h.port }, secrets, { profile, timeouts: { connectMs: 20000, authMs: 20000, commandMs: 20000 }, knownHosts, acceptNewHostKeys: false });
    for (const c of cmds) await s.run(c);
    await s.close(); ok++;
  } catch {}
})));
const u = process.cpuUsage(t);
console.log(`${ok} ok, transport CPU ${((u.user + u.system) / 1000).toFixed(0)} ms (excluding start-up)`);
