// The benchmark's peer: the least any ssh2-based tool must do for the same audit — log in to every device,
// open a shell, run the same six commands (three set-up, three show) waiting for the prompt after each, and
// close — with no parsing, checks or reports. preflight's CPU is compared against this floor.
// Usage: node dist/bench/raw-ssh2.js INVENTORY.yaml CONCURRENCY (credentials from PREFLIGHT_USERNAME/PASSWORD, or
// the key file BENCH_KEY with its passphrase in PREFLIGHT_KEY_PASSPHRASE, decrypted once as any careful tool would).
import { readFileSync } from "node:fs";
import pLimit from "p-limit";
import ssh2 from "ssh2";
import { parse } from "yaml";

const COMMANDS = ["set cli pager off", "set cli scripting-mode on", "set cli terminal width 500", "show system info", "show high-availability state", "show system state filter-pretty sys.s*.p*.phy"];

interface Host {
  host: string;
  port: number;
}

type Login = { password: string } | { privateKey: ssh2.ParsedKey };

function audit(target: Host, username: string, login: Login): Promise<boolean> {
  return new Promise((resolve) => {
    const client = new ssh2.Client();
    const done = (ok: boolean) => {
      client.end();
      resolve(ok);
    };
    client.on("error", () => resolve(false));
    client.on("ready", () => {
      client.shell({ term: "vt100", cols: 500, rows: 24 }, (err, stream) => {
        if (err) return done(false);
        let buffer = "";
        let next = 0;
        stream.on("data", (chunk: Buffer) => {
          buffer += chunk.toString("utf8");
          if (!/[>#] ?$/.test(buffer.slice(-64))) return;
          buffer = "";
          if (next === COMMANDS.length) return done(true);
          stream.write(`${COMMANDS[next++]}\n`);
        });
      });
    });
    const auth = "password" in login ? { password: login.password } : { authHandler: [{ type: "publickey" as const, username, key: login.privateKey }] };
    client.connect({ host: target.host, port: target.port, username, ...auth, readyTimeout: 20_000, hostVerifier: () => true });
    // As preflight does: without it, Nagle's algorithm holds each small CLI packet for the peer's ACK, and the
    // floor's wall time would be set by delayed ACKs rather than by the work (a fair peer, not a slowed one).
    client.setNoDelay(true);
  });
}

let parsedKey: ssh2.ParsedKey | undefined;
function login(): Login {
  const keyFile = process.env.BENCH_KEY;
  if (keyFile === undefined) return { password: process.env.PREFLIGHT_PASSWORD ?? "" };
  if (parsedKey === undefined) {
    const parsed = ssh2.utils.parseKey(readFileSync(keyFile), process.env.PREFLIGHT_KEY_PASSPHRASE);
    if (parsed instanceof Error) throw parsed;
    parsedKey = Array.isArray(parsed) ? (parsed[0] as ssh2.ParsedKey) : parsed;
  }
  return { privateKey: parsedKey };
}

async function main(): Promise<void> {
  const [inventoryFile, concurrencyArg] = process.argv.slice(2);
  // uniqueKeys off, as preflight's own parse (src/util/yaml-source.ts): the parser's duplicate check is quadratic.
  const inventory = parse(readFileSync(inventoryFile ?? "", "utf8"), { uniqueKeys: false }) as { hosts: Record<string, Host> };
  const limit = pLimit(Number(concurrencyArg ?? 100));
  const username = process.env.PREFLIGHT_USERNAME ?? "";
  const results = await Promise.all(Object.values(inventory.hosts).map((h) => limit(() => audit(h, username, login()))));
  process.stdout.write(`${results.filter(Boolean).length} of ${results.length} devices done\n`);
}

await main();
