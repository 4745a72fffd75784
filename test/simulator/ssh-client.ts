// A plain ssh2 Client for the simulator tests (deliberately not the project's transport): connect, open a pty
// shell, type, and wait for output with a bounded timeout.
import { Client, type ClientChannel, type ConnectConfig } from "ssh2";
import type { SimDevice } from "../../src/simulator/types.js";

export const TIMEOUT_MS = 3000;

/** Verifies the host key against the device's known_hosts line, as a strict client must. */
export function hostVerifier(device: SimDevice): (key: Buffer) => boolean {
  const expected = device.knownHostsLine.split(" ")[2];
  return (key) => key.toString("base64") === expected;
}

export function connect(device: SimDevice, config: Partial<ConnectConfig> = {}): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    const timer = setTimeout(() => {
      client.end();
      reject(new Error(`connect to ${device.spec.name} timed out`));
    }, TIMEOUT_MS);
    client.once("ready", () => {
      clearTimeout(timer);
      resolve(client);
    });
    // `on`, not `once`: a late socket error after a timeout must not become an unhandled error.
    client.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    client.connect({
      host: device.host,
      port: device.port,
      username: device.spec.username,
      password: device.spec.password,
      hostVerifier: hostVerifier(device),
      readyTimeout: TIMEOUT_MS,
      ...config,
    });
  });
}

export interface Shell {
  channel: ClientChannel;
  /** Everything received so far, raw. */
  bytes(): Buffer;
  text(): string;
  /** Text received after `mark()` was last called. */
  sinceMark(): string;
  mark(): void;
  send(keys: string): void;
  /** Resolves with the text since the mark once `pattern` matches it; rejects after timeoutMs. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves once no byte arrived for `quietMs`. */
  settle(quietMs: number): Promise<string>;
  closed: Promise<void>;
}

export function openShell(client: Client): Promise<Shell> {
  return new Promise((resolve, reject) => {
    client.shell({ term: "vt100", cols: 200, rows: 24 }, (error, channel) => {
      if (error) return reject(error);
      resolve(wrapChannel(channel));
    });
  });
}

function wrapChannel(channel: ClientChannel): Shell {
  const chunks: Buffer[] = [];
  let markAt = 0;
  let lastData = Date.now();
  const listeners = new Set<() => void>();
  channel.on("data", (data: Buffer) => {
    chunks.push(data);
    lastData = Date.now();
    for (const listener of listeners) listener();
  });
  const closed = new Promise<void>((resolve) => channel.on("close", () => resolve()));
  const bytes = (): Buffer => Buffer.concat(chunks);
  const sinceMark = (): string => bytes().subarray(markAt).toString("utf8");
  return {
    channel,
    bytes,
    text: () => bytes().toString("utf8"),
    sinceMark,
    mark: () => (markAt = bytes().length),
    send: (keys) => channel.write(keys),
    closed,
    waitFor: (pattern, timeoutMs = TIMEOUT_MS) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (!pattern.test(sinceMark())) return;
          cleanup();
          resolve(sinceMark());
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for ${pattern}; got ${JSON.stringify(sinceMark())}`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      }),
    settle: (quietMs) =>
      new Promise((resolve) => {
        const poll = setInterval(() => {
          if (Date.now() - lastData < quietMs) return;
          clearInterval(poll);
          resolve(sinceMark());
        }, quietMs / 4);
      }),
  };
}

/** Logs in and waits for the first prompt; the shell's mark is set just after it. */
export async function loginShell(device: SimDevice, config: Partial<ConnectConfig> = {}): Promise<{ client: Client; shell: Shell }> {
  const client = await connect(device, config);
  const shell = await openShell(client);
  await shell.waitFor(/> $/);
  shell.mark();
  return { client, shell };
}

/** Runs one command and returns what the device printed up to and including the next prompt. */
export async function run(shell: Shell, command: string, ending = "\n"): Promise<string> {
  shell.mark();
  shell.send(command + ending);
  return shell.waitFor(/\r\n[\w.-]+@[\w.-]+> $/);
}
