// Starts a fleet of simulated devices: one ssh2 Server per device, each on its own ephemeral port of 127.0.0.1
// with its own host key, credentials, outputs and faults. We own the TCP listener and hand sockets to ssh2
// (injectSocket) so that close() can drop every open connection at once and a fault can cut one mid-output.
import { createServer, type Server as TcpServer, type Socket } from "node:net";
import ssh2, { type Connection, type ParsedKey, type ServerChannel } from "ssh2";
import { authenticate, parseAuthorizedKeys } from "./auth.js";
import { generateEd25519KeyPair } from "./keys.js";
import { platformPlugin } from "../platforms/registry.js";
import type { SimulatedCli } from "../platforms/types.js";
import type { SimDevice, SimDeviceSpec, SimFleet } from "./types.js";

// ssh2 is CommonJS: Node's ESM loader only gives its default export.
const { Server: SshServer, utils } = ssh2;

const hasFault = (spec: SimDeviceSpec, kind: string): boolean => spec.faults?.some((f) => f.kind === kind) ?? false;

interface RunningDevice {
  device: SimDevice;
  close(): Promise<void>;
}

function parseHostKey(pem: string, name: string): ParsedKey {
  const key = utils.parseKey(pem);
  if (key instanceof Error) throw new Error(`device ${name}: host key: ${key.message}`);
  return Array.isArray(key) ? (key[0] as ParsedKey) : key;
}

/** OpenSSH writes a non-default port as `[host]:port`. */
function knownHostsLine(host: string, port: number, key: ParsedKey): string {
  const where = port === 22 ? host : `[${host}]:${port}`;
  return `${where} ${key.type} ${key.getPublicSSH().toString("base64")}`;
}

function listen(tcp: TcpServer, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    tcp.once("error", reject);
    tcp.listen(0, host, () => {
      tcp.off("error", reject);
      const address = tcp.address();
      if (address === null || typeof address === "string") reject(new Error("listener has no TCP address"));
      else resolve(address.port);
    });
  });
}

/** A port that nothing listens on: taken from the OS, then released, so connecting is refused. */
async function refusedPort(host: string): Promise<number> {
  const tcp = createServer();
  const port = await listen(tcp, host);
  await new Promise<void>((resolve) => tcp.close(() => resolve()));
  return port;
}

function serveConnection(client: Connection, spec: SimDeviceSpec, cli: SimulatedCli, keys: ParsedKey[], drop: () => void): void {
  // A client that vanishes (reset, timeout) is an ordinary event for a device, not an error of the simulator.
  client.on("error", () => undefined);
  client.on("authentication", (ctx) => authenticate(ctx, spec, keys, hasFault(spec, "auth-reject")));
  client.on("session", (accept) => {
    const session = accept();
    session.on("pty", (ok) => ok?.());
    session.on("window-change", (ok) => ok?.());
    session.on("env", (ok) => ok?.());
    session.on("shell", (ok) => cli.runShell(withLatency(ok(), spec.latencyMs ?? 0), spec, { drop }));
    session.on("exec", (ok, _reject, info) => (cli.runExec ? cli.runExec(ok(), spec, info.command) : rejectExec(ok(), info.command)));
  });
}

/**
 * The shell channel with its output `ms` late: every write, exit and end is replayed after the delay, in the order
 * made (timers of one duration fire in the order set). Output for a channel closed meanwhile is dropped.
 */
function withLatency(channel: ServerChannel, ms: number): ServerChannel {
  if (ms <= 0) return channel;
  const later = (act: () => void): void => {
    setTimeout(() => {
      if (!channel.destroyed && !channel.writableEnded) act();
    }, ms);
  };
  const write = channel.write.bind(channel) as (data: string | Buffer) => boolean;
  const exit = channel.exit.bind(channel) as (code: number) => void;
  const end = channel.end.bind(channel) as () => ServerChannel;
  Object.assign(channel, {
    write: (data: string | Buffer) => {
      later(() => write(data));
      return true;
    },
    exit: (code: number) => later(() => exit(code)),
    end: () => {
      later(() => end());
      return channel;
    },
  });
  return channel;
}

/** Device CLIs that only run in a shell (the plugin gives no runExec) refuse exec, so clients use a shell. */
function rejectExec(channel: ServerChannel, command: string): void {
  channel.stderr.write(`exec is not supported on this device (asked to run "${command}"): open an interactive shell\r\n`);
  channel.exit(1);
  channel.end();
}

async function simulatedCli(platform: string): Promise<SimulatedCli> {
  const load = platformPlugin(platform)?.simulator;
  if (!load) throw new Error(`no simulated CLI for platform "${platform}"`);
  return load();
}

async function startDevice(spec: SimDeviceSpec, host: string): Promise<RunningDevice> {
  const cli = await simulatedCli(spec.platform);
  const hostKeyPem = spec.hostKey ?? generateEd25519KeyPair().private;
  const hostKey = parseHostKey(hostKeyPem, spec.name);
  if (hasFault(spec, "refuse")) {
    const port = await refusedPort(host);
    const device = { spec, host, port, knownHostsLine: knownHostsLine(host, port, hostKey) };
    return { device, close: async () => undefined };
  }
  const keys = parseAuthorizedKeys(spec.authorizedKeys);
  const sockets = new Set<Socket>();
  const ssh = new SshServer({ hostKeys: [hostKeyPem] }, (client, info) => {
    const socket = [...sockets].find((s) => s.remotePort === info.port && s.remoteAddress === info.ip);
    // The empty write's callback runs once what the CLI already wrote has left, so the part sent arrives whole.
    serveConnection(client, spec, cli, keys, () => socket?.write("", () => socket.destroy()));
  });
  let toDrop = spec.dropFirstConnections ?? 0;
  const tcp = createServer((socket) => {
    spec.authLog?.push("connection");
    if (toDrop > 0) {
      toDrop--;
      socket.destroy();
      return;
    }
    // The CLI echoes keystrokes one by one, as a device does; without this, Nagle's algorithm holds each echo
    // back ~40 ms waiting for the client's ACK, and every simulated command looks slow.
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    ssh.injectSocket(socket);
  });
  const port = await listen(tcp, host);
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      tcp.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  return { device: { spec, host, port, knownHostsLine: knownHostsLine(host, port, hostKey) }, close };
}

export async function startFleet(specs: SimDeviceSpec[], options: { host?: string } = {}): Promise<SimFleet> {
  const host = options.host ?? "127.0.0.1";
  const started = await Promise.allSettled(specs.map((spec) => startDevice(spec, host)));
  const running = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const closeAll = async (): Promise<void> => {
    await Promise.all(running.map((device) => device.close()));
  };
  const failure = started.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failure) {
    await closeAll();
    throw failure.reason;
  }
  const devices = running.map((device) => device.device);
  return {
    devices,
    knownHosts: () => devices.map((device) => `${device.knownHostsLine}\n`).join(""),
    close: closeAll,
  };
}
