// An interactive CLI session over SSH (ssh2): host key check against known_hosts, login, prompt learning, session
// set-up, then one read-only command at a time with pager, echo and prompt handling.
import type { Duplex } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import ssh2, { type CipherAlgorithm, type KexAlgorithm, type MacAlgorithm, type AnyAuthMethod, type AuthenticationType, type Client, type ClientChannel, type ConnectConfig, type KeyboardInteractiveCallback, type NextAuthHandler, type Prompt, type ServerHostKeyAlgorithm } from "ssh2";
import type { Secrets } from "../inventory/types.js";
import type { PlatformProfile } from "../platforms/types.js";
import { commandOutput, matchingLine, toPlainText } from "./cli-output.js";
import { runAgent } from "./agent.js";
import { defaultLists, legacyInUse, withLegacy, type AlgorithmLists, type Negotiated } from "./algorithms.js";
import { PrivateKeyError, privateKeyFor } from "./private-key.js";
import { fingerprintSha256, HostKeyConflict, hostKeyAlgorithmsFor, keyTypeOf, type KnownHosts } from "./known-hosts.js";
import type { LoginGate } from "./login-gate.js";
import { SessionError, type CommandOutput, type ConnectAttempt, type DeviceSession, type SessionTimeouts } from "./types.js";

// ssh2 is CommonJS: Node's ESM loader cannot see `utils` as a named export (vitest's transform hides this).
const { Client: SshClient } = ssh2;

export interface SshTarget {
  name: string;
  host: string;
  port: number;
  /**
   * Jump hosts (ProxyJump), outermost first: preflight logs in to each with the device's credentials (the hop's
   * own username when it names one), verifies its host key against known_hosts like the device's, and opens the
   * next hop through it (direct-tcpip, ssh2's forwardOut) as the next connection's socket.
   */
  jumps?: readonly JumpTarget[];
}

export interface JumpTarget {
  host: string;
  port: number;
  username?: string;
}

export interface SshSessionOptions {
  profile: PlatformProfile;
  timeouts: SessionTimeouts;
  knownHosts: KnownHosts;
  /** Record the key of a host that known_hosts does not know yet (never a changed or revoked one). */
  acceptNewHostKeys: boolean;
  /** Aborting closes the session at once; pending work rejects with SessionError('disconnected'). */
  signal?: AbortSignal;
  /** Largest output one command may produce (characters); default 16 MiB. */
  maxOutputChars?: number;
  /**
   * Legacy algorithms this device may use (inventory `legacy_algorithms`, e.g. diffie-hellman-group14-sha1, ssh-rsa,
   * aes128-cbc): off by default; each is appended last to its list. The session names those really negotiated.
   */
  legacyAlgorithms?: readonly string[];
  /** Shared by the whole run: the login rate and the per-credential cap on logins in progress (login-gate.ts). */
  loginGate?: LoginGate;
  /** Transport failures before authentication are tried again this many times (default 0); auth failures never. */
  connectRetries?: number;
  /** Algorithm lists set by ssh_config (KexAlgorithms, Ciphers, ...), in place of the defaults; legacy opt-ins still apply. */
  algorithms?: Partial<AlgorithmLists>;
  /** ssh_config ServerAliveInterval: a keepalive request after this much silence (ssh2 keepaliveInterval). */
  keepaliveIntervalMs?: number;
  /** Wait before the first retry; it doubles for each further one (±25% jitter, at most 30 s). Default 1000 ms. */
  retryBackoffMs?: number;
}

/** A command the platform's read-only policy refuses; it is never sent to the device. */
export class RefusedCommandError extends Error {
  readonly command: string;
  readonly reason: string;
  constructor(command: string, reason: string) {
    super(`refused to send "${command}": ${reason}`);
    this.name = "RefusedCommandError";
    this.command = command;
    this.reason = reason;
  }
}

const DEFAULT_MAX_OUTPUT = 16 * 1024 * 1024;
// Prompts and pager markers are short: only this much of the end of the output is examined per chunk, which keeps
// the work per chunk constant however long the output grows.
const TAIL_CHARS = 512;
const PTY = { term: "vt100", cols: 500, rows: 24, width: 0, height: 0 };
const CLOSE_WAIT_MS = 1000;
const MAX_BANNER_ANSWERS = 3;
const KNOWN_HOST_KEY_ALGORITHMS: ServerHostKeyAlgorithm[] = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"];

export async function openSshSession(target: SshTarget, secrets: Secrets, options: SshSessionOptions): Promise<DeviceSession> {
  const where = `${target.name} (${target.host}:${target.port})`;
  if (options.signal?.aborted) throw new SessionError("disconnected", `${where}: cancelled before connecting`);
  const { client, attempts } = await connectWithRetries(target, secrets, options, where);
  let shell: ShellDriver | undefined;
  const onAbort = (): void => {
    shell?.fail(new SessionError("disconnected", `${where}: cancelled`));
    client.destroy();
  };
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const channel = await openShell(client, where, options.timeouts.authMs);
    shell = new ShellDriver(channel, client, where, options.maxOutputChars ?? DEFAULT_MAX_OUTPUT);
    const prompt = await waitForLoginPrompt(shell, options.profile, options.timeouts.authMs, where);
    const session = new SshDeviceSession(shell, client, prompt, options, where, attempts, () => options.signal?.removeEventListener("abort", onAbort));
    await session.setUp();
    return session;
  } catch (err) {
    options.signal?.removeEventListener("abort", onAbort);
    client.destroy();
    // An abort tears the connection down, which surfaces as whatever step was under way: say what really happened.
    if (options.signal?.aborted) throw new SessionError("disconnected", `${where}: cancelled`);
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Connection, host key and authentication

const DEFAULT_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;

/**
 * One login at a time through the login gate; a retryable failure (nothing sent that AAA could count) is tried
 * again after a backoff, a bounded number of times. Every failed attempt is kept: on the session when one finally
 * connects, on the error when none does.
 */
async function connectWithRetries(target: SshTarget, secrets: Secrets, options: SshSessionOptions, where: string): Promise<{ client: Client; attempts: ConnectAttempt[] }> {
  const retries = options.connectRetries ?? 0;
  const attempts: ConnectAttempt[] = [];
  for (let attempt = 1; ; attempt++) {
    const release = await options.loginGate?.acquire(secrets.username, options.signal).catch(() => {
      throw withAttempts(new SessionError("disconnected", `${where}: cancelled while waiting to log in`), attempts);
    });
    let failure: SessionError;
    try {
      return { client: await connectThroughJumps(target, secrets, options, where), attempts };
    } catch (err) {
      failure = err instanceof SessionError ? err : new SessionError("protocol", `${where}: ${String(err)}`);
    } finally {
      release?.();
    }
    if (!failure.retryable || attempt > retries || options.signal?.aborted) throw withAttempts(failure, attempts);
    const retryInMs = backoffMs(options.retryBackoffMs ?? DEFAULT_BACKOFF_MS, attempt);
    attempts.push({ attempt, kind: failure.kind, message: failure.message, retryInMs });
    if (!(await sleep(retryInMs, options.signal))) throw withAttempts(new SessionError("disconnected", `${where}: cancelled between connection attempts`), attempts);
  }
}

/** The last attempt's error, saying how many came before it. */
function withAttempts(err: SessionError, attempts: ConnectAttempt[]): SessionError {
  if (attempts.length === 0) return err;
  const out = new SessionError(err.kind, `${err.message} (attempt ${attempts.length + 1}; earlier: ${attempts.map((a) => a.kind).join(", ")})`, { retryable: err.retryable });
  out.attempts = attempts;
  return out;
}

/** base × 2^(attempt-1), ±25% so that a fleet refused at once does not come back at once, capped. */
function backoffMs(baseMs: number, attempt: number): number {
  const exact = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** (attempt - 1));
  return Math.round(exact * (0.75 + Math.random() * 0.5));
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * The device's connection, through its jump hosts when it has any. One connection per hop per device: a hop's
 * connection ends when the device's closes.
 */
async function connectThroughJumps(target: SshTarget, secrets: Secrets, options: SshSessionOptions, where: string): Promise<Client> {
  const jumps = target.jumps ?? [];
  if (jumps.length === 0) return connectClient(target, secrets, options, where);
  const hops: Client[] = [];
  const closeHops = (): void => {
    for (const hop of hops.reverse()) hop.destroy();
  };
  let sock: Duplex | undefined;
  try {
    for (const [i, jump] of jumps.entries()) {
      const hopWhere = `${target.name}: jump host ${i + 1} of ${jumps.length} (${jump.host}:${jump.port})`;
      const hopTarget: SshTarget = { name: `${target.name}: jump host ${jump.host}:${jump.port}`, host: jump.host, port: jump.port };
      const hopSecrets: Secrets = jump.username === undefined ? secrets : { ...secrets, username: jump.username };
      // Legacy algorithms are opted in for the device, not for the bastions in front of it.
      const { algorithms: _deviceLists, ...hopOptions } = options;
      const hop = await connectClient(hopTarget, hopSecrets, { ...hopOptions, legacyAlgorithms: [] }, hopWhere, sock);
      hops.push(hop);
      const next = jumps[i + 1] ?? target;
      sock = await forwardOut(hop, next.host, next.port, hopWhere, options.timeouts.connectMs);
    }
    const client = await connectClient(target, secrets, options, where, sock);
    client.once("close", closeHops);
    return client;
  } catch (err) {
    closeHops();
    throw err;
  }
}

function forwardOut(client: Client, host: string, port: number, where: string, timeoutMs: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new SessionError("connect-timeout", `${where}: no forwarded connection to ${host}:${port} within ${timeoutMs} ms`, { retryable: true })), timeoutMs);
    client.forwardOut("127.0.0.1", 0, host, port, (err, channel) => {
      clearTimeout(timer);
      // sshd refuses direct-tcpip when the target refuses the connection, or when AllowTcpForwarding is off.
      if (err) reject(new SessionError("connect-refused", `${where}: cannot open a connection to ${host}:${port} through it: ${err.message}`, { retryable: true }));
      else resolve(channel);
    });
  });
}

// What each connection negotiated (ssh2's "handshake" event), read when the session is built.
const negotiatedBy = new WeakMap<Client, Negotiated>();

function connectClient(target: SshTarget, secrets: Secrets, options: SshSessionOptions, where: string, sock?: Duplex): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new SshClient();
    const { connectMs, authMs } = options.timeouts;
    let handshakeDone = false;
    // A failure ssh2 only reports generically (host key refused, key file unreadable) is remembered here first.
    let cause: SessionError | undefined;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;

    const finish = (err?: SessionError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      if (err === undefined) {
        resolve(client);
        return;
      }
      client.destroy();
      reject(err);
    };
    const onAbort = (): void => finish(new SessionError("disconnected", `${where}: cancelled while connecting`));
    options.signal?.addEventListener("abort", onAbort, { once: true });

    timer = setTimeout(() => finish(new SessionError("connect-timeout", `${where}: no SSH handshake within ${connectMs} ms`, { retryable: true })), connectMs);
    client.on("handshake", (negotiated: Negotiated) => {
      negotiatedBy.set(client, negotiated);
      handshakeDone = true;
      clearTimeout(timer);
      timer = setTimeout(() => finish(new SessionError("auth-timeout", `${where}: authentication did not finish within ${authMs} ms`)), authMs);
    });
    // ssh2 reports an agent it cannot use as an error, then goes on with the next method: remember, do not fail.
    let agentProblem: string | undefined;
    client.on("ready", () => finish());
    client.on("error", (err: Error & { level?: string; code?: string }) => {
      if (err.level === "agent") {
        agentProblem ??= err.message;
        return;
      }
      finish(withAgentProblem(cause ?? mapConnectError(err, where, handshakeDone, connectMs + authMs), agentProblem));
    });
    client.on("close", () => {
      // After "ready" a close is the session's business (ShellDriver), not the login's: no error to build.
      if (!settled) finish(cause ?? new SessionError("protocol", `${where}: connection closed during ${handshakeDone ? "authentication" : "the SSH handshake"}`, { retryable: !handshakeDone }));
    });

    // Ending the connection from inside authentication (a password asked for twice): the cause says why.
    const giveUp = (): void => {
      client.end();
    };
    void buildConfig(target, secrets, options, where, (err) => (cause = err), giveUp)
      .then((config) => {
        if (settled) return;
        client.connect(sock === undefined ? config : { ...config, sock });
        // An interactive CLI exchanges many small packets; Nagle's algorithm would hold each for the peer's ACK.
        if (sock === undefined) client.setNoDelay(true);
      })
      .catch((err: unknown) => finish(err instanceof SessionError ? err : new SessionError("protocol", `${where}: ${String(err)}`)));
  });
}

function withAgentProblem(err: SessionError, problem: string | undefined): SessionError {
  if (problem !== undefined && err.kind === "auth-failed") err.message += `; ${problem}`;
  return err;
}

async function buildConfig(target: SshTarget, secrets: Secrets, options: SshSessionOptions, where: string, setCause: (err: SessionError) => void, giveUp: () => void): Promise<ConnectConfig> {
  const known = await options.knownHosts.knownKeyTypes(target.host, target.port);
  // Like OpenSSH, ask first for the key types known_hosts already holds, so a host known by its ECDSA key is not
  // reported as changed because it also offers Ed25519.
  const lists = withLegacy({ ...defaultLists(), ...options.algorithms }, options.legacyAlgorithms ?? []);
  const preferred = known.flatMap(hostKeyAlgorithmsFor).filter((a): a is ServerHostKeyAlgorithm => (KNOWN_HOST_KEY_ALGORITHMS as string[]).includes(a) && lists.serverHostKey.includes(a));
  return {
    host: target.host,
    port: target.port,
    username: secrets.username,
    // Our own timers distinguish connect and auth timeouts; this is ssh2's backstop for the same total.
    readyTimeout: options.timeouts.connectMs + options.timeouts.authMs,
    ...(options.keepaliveIntervalMs ? { keepaliveInterval: options.keepaliveIntervalMs } : {}),
    // Always explicit lists: legacy algorithms (ssh-rsa's SHA-1 signature included) only when opted in.
    algorithms: {
      kex: lists.kex as KexAlgorithm[],
      cipher: lists.cipher as CipherAlgorithm[],
      hmac: lists.hmac as MacAlgorithm[],
      serverHostKey: [...preferred, ...lists.serverHostKey.filter((a) => !(preferred as string[]).includes(a))] as ServerHostKeyAlgorithm[],
    },
    hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
      checkHostKey(target, key, options)
        .then(() => verify(true))
        .catch((err: unknown) => {
          setCause(err instanceof SessionError ? err : new SessionError("protocol", `${where}: cannot check the host key: ${String(err)}`));
          verify(false);
        });
    },
    authHandler: authHandler(secrets, where, setCause, giveUp),
  };
}

async function checkHostKey(target: SshTarget, key: Buffer, options: SshSessionOptions): Promise<void> {
  const hostPort = `${target.host}:${target.port}`;
  const described = `${keyTypeOf(key)} key ${fingerprintSha256(key)}`;
  const status = await options.knownHosts.verify(target.host, target.port, key);
  if (status === "match") return;
  if (status === "unknown" && options.acceptNewHostKeys) {
    try {
      await options.knownHosts.addKey(target.host, target.port, key);
    } catch (err) {
      if (err instanceof HostKeyConflict) throw new SessionError("host-key-changed", `${target.name}: host key of ${hostPort}: ${err.message} (${described}); possible man-in-the-middle: verify, then update known_hosts`);
      throw err;
    }
    return;
  }
  if (status === "unknown") {
    throw new SessionError("host-key-unknown", `${target.name}: host key of ${hostPort} is not in ${options.knownHosts.path} (${described}); check the fingerprint, then run with --accept-new-host-keys or add the key to known_hosts`);
  }
  const why = status === "revoked" ? "is marked @revoked" : "does not match the key recorded for this host";
  throw new SessionError("host-key-changed", `${target.name}: host key of ${hostPort} ${why} in ${options.knownHosts.path} (${described}); possible man-in-the-middle, or the device was replaced: verify, then update known_hosts`);
}

/**
 * The methods to try, in order: key, agent, password, keyboard-interactive; each only if the server still allows
 * it, and each at most once. The password leaves this client at most once per connection, by whichever method
 * asks first: a rejected password sent again (by keyboard-interactive after password, or to a second prompt) is a
 * second failed login for the AAA server, and enough of them lock the account.
 */
function authHandler(secrets: Secrets, where: string, setCause: (err: SessionError) => void, giveUp: () => void) {
  const state = { passwordSent: false };
  const methods = authMethods(secrets, where, setCause, giveUp, state);
  let next = 0;
  let asked = false;
  return (authsLeft: AuthenticationType[] | null, partial: boolean, callback: NextAuthHandler): void => {
    // Before the server has named its methods, a password would be sent blind, and a server that does not offer
    // the password method still sees (and an AAA server may count) it: ask first, as OpenSSH does, with "none".
    if (authsLeft === null && !asked && methods[0]?.type !== "publickey" && methods[0]?.type !== "agent") {
      asked = true;
      return callback({ type: "none", username: secrets.username });
    }
    while (next < methods.length) {
      const method = methods[next++] as AnyAuthMethod;
      const wireName = method.type === "agent" ? "publickey" : method.type;
      if (authsLeft !== null && !authsLeft.includes(wireName)) continue;
      // After a rejected password, keyboard-interactive could only ask for it again (a partial success, where the
      // server wants a second factor, is the exception: it may still ask other questions).
      if (method.type === "keyboard-interactive" && state.passwordSent && !partial) continue;
      if (method.type === "password") state.passwordSent = true;
      return callback(method);
    }
    if (state.passwordSent) setCause(new SessionError("auth-failed", `${where}: authentication failed: the password was rejected (sent once, never retried, to keep the account from being locked)`));
    // ssh2 takes `false` as "no method left" (it then reports every method failed); its typings omit it.
    (callback as unknown as (done: false) => void)(false);
  };
}

function authMethods(secrets: Secrets, where: string, setCause: (err: SessionError) => void, giveUp: () => void, state: { passwordSent: boolean }): AnyAuthMethod[] {
  const username = secrets.username;
  const methods: AnyAuthMethod[] = [];
  let keyUsable = false;
  if (secrets.privateKey !== undefined) {
    // Decrypted once per run (private-key.ts); ssh2 takes the parsed key as it is. ssh2 silently skips a key it
    // cannot read: say why instead (never the key or passphrase themselves).
    try {
      methods.push({ type: "publickey", username, key: privateKeyFor(secrets.privateKey, secrets.passphrase) });
      keyUsable = true;
    } catch (err) {
      setCause(new SessionError("auth-failed", `${where}: ${err instanceof PrivateKeyError ? err.message : "the private key cannot be used"}`));
    }
  }
  // An agent restricted to the identity would only offer that same key again: one failed attempt more, nothing gained.
  if (secrets.agent !== undefined && !(keyUsable && secrets.agentKey !== undefined)) methods.push({ type: "agent", username, agent: runAgent(secrets.agent, secrets.agentKey) });
  if (secrets.password !== undefined) methods.push({ type: "password", username, password: secrets.password });
  methods.push({
    type: "keyboard-interactive",
    username,
    prompt: (_name: string, _instructions: string, _lang: string, prompts: Prompt[], finish: KeyboardInteractiveCallback) => {
      const answers: string[] = [];
      for (const p of prompts) {
        const answer = answerPrompt(p.prompt, secrets.password);
        if (answer !== "" && answer === secrets.password) {
          if (state.passwordSent) {
            setCause(new SessionError("auth-failed", `${where}: authentication failed: the device asked for the password again after it was sent once; not sent twice, to keep the account from being locked`));
            giveUp();
            return;
          }
          state.passwordSent = true;
        }
        answers.push(answer);
      }
      finish(answers);
    },
  });
  return methods;
}

/**
 * Keyboard-interactive answers: "yes" to a banner to accept, the password where one is asked, nothing otherwise.
 * Only the question (the prompt's last line) counts, so a banner that mentions passwords never receives one.
 */
export function answerPrompt(prompt: string, password: string | undefined): string {
  const question = prompt.trimEnd().split("\n").pop() ?? "";
  if (/yes\/no|\(yes|accept|agree|acknowledge/i.test(question)) return "yes";
  if (/pass(word|code|phrase)/i.test(question)) return password ?? "";
  return "";
}

function mapConnectError(err: Error & { level?: string; code?: string }, where: string, handshakeDone: boolean, readyMs: number): SessionError {
  const retryable = { retryable: true };
  switch (err.code) {
    case "ECONNREFUSED":
      return new SessionError("connect-refused", `${where}: connection refused`, retryable);
    case "ENOTFOUND":
      return new SessionError("dns", `${where}: cannot resolve the host name (${err.code})`);
    case "EAI_AGAIN":
      return new SessionError("dns", `${where}: cannot resolve the host name (${err.code})`, retryable);
    case "ETIMEDOUT":
      return new SessionError("connect-timeout", `${where}: TCP connection timed out`, retryable);
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return new SessionError("connect-refused", `${where}: host unreachable (${err.code})`, retryable);
  }
  if (err.level === "client-authentication") return new SessionError("auth-failed", `${where}: authentication failed (every configured method was rejected)`);
  if (err.level === "client-timeout") {
    return handshakeDone
      ? new SessionError("auth-timeout", `${where}: authentication did not finish within ${readyMs} ms`)
      : new SessionError("connect-timeout", `${where}: no SSH handshake within ${readyMs} ms`, retryable);
  }
  // OpenSSH's MaxAuthTries (and the same limit on network OSes) ends the connection with this text: each key or
  // password offered counted against the account, so it is an authentication failure and is never retried.
  if (handshakeDone && /too many authentication failures/i.test(err.message)) {
    return new SessionError("auth-failed", `${where}: authentication failed: the device closed the connection after too many authentication attempts (its MaxAuthTries); an ssh-agent holding many keys does this: name the key with the credential set's identity, so only it is offered`);
  }
  // A reset or a garbled exchange before the handshake finished: no credential has left this client yet.
  return new SessionError("protocol", `${where}: SSH ${handshakeDone ? "error" : "handshake failed"}: ${err.message}`, { retryable: !handshakeDone });
}

/** A device that never answers the shell request fails here, within the login time limit. */
function openShell(client: Client, where: string, timeoutMs: number): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new SessionError("prompt-timeout", `${where}: no interactive shell within ${timeoutMs} ms`)), timeoutMs);
    client.shell(PTY, (err, channel) => {
      clearTimeout(timer);
      if (err) reject(new SessionError("protocol", `${where}: the device refused an interactive shell: ${err.message}`));
      else resolve(channel);
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the shell

/** Decides, from the plain-text end of what arrived so far, whether the wait is over. */
type TailCheck = (plainTail: string) => boolean;

interface Waiter {
  check: TailCheck;
  resolve: () => void;
  reject: (err: SessionError) => void;
}

/** Buffers a shell channel's output and lets one waiter at a time watch its tail. */
class ShellDriver {
  private chunks: string[] = [];
  private length = 0;
  private tail = "";
  private readonly decoder = new StringDecoder("utf8");
  private waiter: Waiter | undefined;
  private failure: SessionError | undefined;

  constructor(
    private readonly channel: ClientChannel,
    client: Client,
    private readonly where: string,
    private readonly maxChars: number,
  ) {
    const onData = (data: Buffer): void => this.receive(this.decoder.write(data));
    channel.on("data", onData);
    channel.stderr.on("data", onData);
    // Only the first failure counts (fail keeps it): the later ones are not built (an Error captures a stack).
    channel.on("close", () => this.failure ?? this.fail(new SessionError("disconnected", `${where}: the device closed the session`)));
    client.on("error", (err: Error) => this.failure ?? this.fail(new SessionError("disconnected", `${where}: connection lost (${err.message})`)));
    client.on("close", () => this.failure ?? this.fail(new SessionError("disconnected", `${where}: connection closed`)));
  }

  get failed(): SessionError | undefined {
    return this.failure;
  }

  write(text: string): void {
    if (this.failure === undefined) this.channel.write(text);
  }

  /** Everything received since the last take, and a fresh start for the next command. */
  take(): string {
    const all = this.chunks.join("");
    this.chunks = [];
    this.length = 0;
    this.tail = "";
    return all;
  }

  /** Forgets the last, unterminated line (a pager or banner question once answered), so it is neither seen again nor kept. */
  dropLastLine(): void {
    while (this.chunks.length > 0) {
      const last = this.chunks[this.chunks.length - 1] as string;
      const nl = last.lastIndexOf("\n");
      if (nl !== -1) {
        this.chunks[this.chunks.length - 1] = last.slice(0, nl + 1);
        this.length -= last.length - nl - 1;
        break;
      }
      this.chunks.pop();
      this.length -= last.length;
    }
    const nl = this.tail.lastIndexOf("\n");
    this.tail = nl === -1 ? "" : this.tail.slice(0, nl + 1);
  }

  /** Resolves when `check` accepts the tail; rejects on timeout, on too much output or when the session fails. */
  waitFor(timeoutMs: number, onTimeout: () => SessionError, check: TailCheck): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.settle(onTimeout()), timeoutMs);
      this.waiter = {
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      this.examine();
    });
  }

  /** Ends the session's usefulness: the current waiter and every later one reject with `err`. */
  fail(err: SessionError): void {
    this.failure ??= err;
    this.settle(this.failure);
  }

  private settle(err?: SessionError): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter === undefined) return;
    if (err === undefined) waiter.resolve();
    else waiter.reject(err);
  }

  private receive(text: string): void {
    if (text === "") return;
    this.chunks.push(text);
    this.length += text.length;
    this.tail = (this.tail + text).slice(-TAIL_CHARS);
    if (this.length > this.maxChars) {
      // Without a waiter nobody wants this data; with one, the command is failed and the session is unusable.
      if (this.waiter === undefined) this.take();
      else this.settle(new SessionError("output-too-large", `${this.where}: output exceeded ${this.maxChars} characters`));
      return;
    }
    this.examine();
  }

  private examine(): void {
    if (this.waiter !== undefined && this.waiter.check(toPlainText(this.tail))) this.settle();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The CLI session

async function waitForLoginPrompt(shell: ShellDriver, profile: PlatformProfile, authMs: number, where: string): Promise<string> {
  let prompt = "";
  let bannerAnswers = 0;
  await shell.waitFor(authMs, () => new SessionError("prompt-timeout", `${where}: no CLI prompt within ${authMs} ms after login`), (tail) => {
    if (bannerAnswers < MAX_BANNER_ANSWERS && profile.bannerPattern.test(tail)) {
      bannerAnswers++;
      shell.dropLastLine();
      shell.write(`${profile.bannerAnswer}\n`);
      return false;
    }
    const m = profile.promptPattern.exec(tail);
    if (m === null) return false;
    prompt = m[0].replace(/^\n/, "");
    return true;
  });
  shell.take();
  return prompt;
}

class SshDeviceSession implements DeviceSession {
  private queue: Promise<unknown> = Promise.resolve();
  private closing: Promise<void> | undefined;
  private clientClosed = false;

  constructor(
    private readonly shell: ShellDriver,
    private readonly client: Client,
    /** The exact prompt seen after login: later matches compare with it, not with the profile's pattern. */
    private readonly prompt: string,
    private readonly options: SshSessionOptions,
    private readonly where: string,
    readonly connectAttempts: readonly ConnectAttempt[],
    private readonly detach: () => void,
  ) {
    client.once("close", () => (this.clientClosed = true));
    const negotiated = negotiatedBy.get(client);
    this.legacyAlgorithmsUsed = negotiated === undefined ? [] : legacyInUse(negotiated);
  }

  /** The legacy algorithms this connection negotiated (only ever ones the device was allowed), for the report. */
  readonly legacyAlgorithmsUsed: readonly string[];

  /** The profile's set-up commands. A CLI error there is tolerated: pager answering and prompt matching still work. */
  async setUp(): Promise<void> {
    for (const command of this.options.profile.sessionSetup) {
      await this.execute(command).catch((err: unknown) => {
        if (!(err instanceof SessionError && err.kind === "cli-error")) throw err;
      });
    }
  }

  run(command: string): Promise<CommandOutput> {
    const verdict = this.options.profile.isReadOnly(command);
    if (!verdict.ok) return Promise.reject(new RefusedCommandError(command, verdict.reason));
    const result = this.queue.then(() => this.execute(command));
    this.queue = result.catch(() => undefined);
    return result;
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async execute(command: string): Promise<CommandOutput> {
    const started = Date.now();
    const { commandMs } = this.options.timeouts;
    this.shell.take();
    this.shell.write(`${command}\n`);
    try {
      await this.shell.waitFor(commandMs, () => new SessionError("command-timeout", `${this.where}: no prompt within ${commandMs} ms after "${command}"`), (tail) => this.commandDone(tail));
    } catch (err) {
      // After a timeout or an overflow the CLI is out of step with us: a late prompt would be taken for the next
      // command's. Closing is the only safe recovery.
      if (err instanceof SessionError && err.kind !== "disconnected") this.shell.fail(new SessionError("disconnected", `${this.where}: session closed after "${command}" failed (${err.kind})`));
      void this.close();
      throw err;
    }
    const output = commandOutput(this.shell.take(), command, this.prompt);
    const errorLine = matchingLine(output, this.options.profile.errorPatterns);
    if (errorLine !== undefined) throw new SessionError("cli-error", `${this.where}: "${command}" was rejected by the CLI: ${errorLine}`);
    return { command, output, durationMs: Date.now() - started };
  }

  private commandDone(tail: string): boolean {
    if (this.options.profile.pagerPattern.test(tail)) {
      this.shell.dropLastLine();
      this.shell.write(" ");
      return false;
    }
    if (!tail.endsWith(this.prompt)) return false;
    const before = tail.slice(0, -this.prompt.length);
    // The prompt must start a line and follow something (at least the echo): a stray prompt printed before the echo
    // is not the end of this command.
    return before.endsWith("\n") && before.trim() !== "";
  }

  private async shutdown(): Promise<void> {
    this.detach();
    const closed = new Promise<void>((resolve) => {
      if (this.clientClosed) resolve();
      this.client.once("close", () => resolve());
      setTimeout(resolve, CLOSE_WAIT_MS).unref();
    });
    try {
      if (this.shell.failed === undefined) this.shell.write("exit\n");
      this.client.end();
    } catch {
      // Closing must never throw: the connection may already be gone.
    }
    await closed;
    if (this.shell.failed === undefined) this.shell.fail(new SessionError("disconnected", `${this.where}: session closed`));
    this.client.destroy();
  }
}
