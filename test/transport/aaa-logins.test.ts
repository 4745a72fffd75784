// AAA-safe logins against the simulator: a password leaves the client at most once per connection (never again by
// keyboard-interactive, never to a second prompt), authentication failures are never retried, transport failures
// before authentication are retried with backoff and every attempt is kept, and the login gate bounds logins.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Secrets } from "../../src/inventory/types.js";
import { panos } from "../../src/platforms/paloalto_panos/profile.js";
import { panosDevice } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import { startFleet } from "../../src/simulator/fleet.js";
import type { SimDeviceSpec, SimFleet } from "../../src/simulator/types.js";
import { KnownHosts } from "../../src/transport/known-hosts.js";
import { LoginGate } from "../../src/transport/login-gate.js";
import { openSshSession, type SshSessionOptions } from "../../src/transport/ssh-session.js";
import { SessionError } from "../../src/transport/types.js";

const PASSWORD = "Aaa-S4fe-pw";
const FAST = { connectMs: 5000, authMs: 5000, commandMs: 5000 };

function spec(name: string, extra: Partial<SimDeviceSpec> = {}): SimDeviceSpec {
  return { ...panosDevice({ name, model: "PA-3220", swVersion: "10.1.9", ports: [], username: "admin", password: PASSWORD }), authLog: [], ...extra };
}

const specs = {
  // Offers password and keyboard-interactive, as OpenSSH does with both enabled.
  both: spec("fw-both"),
  reprompt: spec("fw-reprompt", { passwordReprompts: true }),
  banner: spec("fw-banner", { loginBanner: "Authorized access only." }),
  flaky: spec("fw-flaky", { dropFirstConnections: 2 }),
  flakyLocked: spec("fw-flaky-locked", { dropFirstConnections: 1 }),
  down: spec("fw-down", { dropFirstConnections: 1000 }),
  gated: Array.from({ length: 8 }, (_, i) => spec(`fw-gated-${i}`)),
};

let fleet: SimFleet;
let dir: string;
let knownHosts: KnownHosts;

beforeAll(async () => {
  fleet = await startFleet([specs.both, specs.reprompt, specs.banner, specs.flaky, specs.flakyLocked, specs.down, ...specs.gated]);
  dir = await mkdtemp(join(tmpdir(), "preflight-aaa-"));
  await writeFile(join(dir, "known_hosts"), fleet.knownHosts());
  knownHosts = new KnownHosts(join(dir, "known_hosts"));
});
afterAll(async () => {
  await fleet?.close();
  await rm(dir, { recursive: true, force: true });
});

function open(target: SimDeviceSpec, options: Partial<SshSessionOptions> = {}, secrets: Partial<Secrets> = {}) {
  const d = fleet.devices.find((x) => x.spec === target);
  if (!d) throw new Error(`no device ${target.name}`);
  return openSshSession({ name: target.name, host: d.host, port: d.port }, { username: "admin", password: PASSWORD, ...secrets }, { profile: panos, timeouts: FAST, knownHosts, acceptNewHostKeys: false, ...options });
}

async function failure(promise: Promise<unknown>): Promise<SessionError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(SessionError);
  return err as SessionError;
}

const passwordsSent = (log: string[] | undefined) => (log ?? []).filter((e) => e.includes("password")).length;

describe("the password is answered once", () => {
  it("a wrong password is sent once, not again by keyboard-interactive, and is not retried", async () => {
    specs.both.authLog = [];
    const err = await failure(open(specs.both, { connectRetries: 3, retryBackoffMs: 10 }, { password: "Wr0ng-pw" }));
    expect(err.kind).toBe("auth-failed");
    expect(err.message).toMatch(/password was rejected \(sent once, never retried/);
    expect(err.message).not.toContain("Wr0ng-pw");
    expect(specs.both.authLog).toEqual(["connection", "password"]);
    expect(err.attempts).toEqual([]);
  });

  it("a device that asks again after a wrong password gets no second answer", async () => {
    specs.reprompt.authLog = [];
    const err = await failure(open(specs.reprompt, {}, { password: "Wr0ng-pw" }));
    expect(err.kind).toBe("auth-failed");
    expect(passwordsSent(specs.reprompt.authLog)).toBe(1);
  });

  it("the right password still logs in, by whichever method the device offers first", async () => {
    for (const target of [specs.both, specs.banner]) {
      target.authLog = [];
      const session = await open(target);
      await session.close();
      expect(passwordsSent(target.authLog)).toBe(1);
    }
    expect(specs.banner.authLog).toEqual(["connection", "keyboard-interactive password"]);
  });
});

describe("--connect-retries", () => {
  it("retries connections dropped before authentication, with backoff, and keeps every attempt", async () => {
    specs.flaky.authLog = [];
    const session = await open(specs.flaky, { connectRetries: 3, retryBackoffMs: 20 });
    try {
      expect((await session.run("show clock").catch(() => ({ output: "" }))).output).toBeDefined();
      expect(session.connectAttempts?.map((a) => [a.attempt, a.kind])).toEqual([
        [1, "protocol"],
        [2, "protocol"],
      ]);
      // Backoff doubles (±25%): about 20 ms, then about 40 ms.
      const [first, second] = session.connectAttempts ?? [];
      expect(first?.retryInMs).toBeGreaterThanOrEqual(15);
      expect(first?.retryInMs).toBeLessThanOrEqual(25);
      expect(second?.retryInMs).toBeGreaterThanOrEqual(30);
      expect(second?.retryInMs).toBeLessThanOrEqual(50);
    } finally {
      await session.close();
    }
    expect(specs.flaky.authLog).toEqual(["connection", "connection", "connection", "password"]);
  });

  it("gives up after the last retry, saying how many attempts were made", async () => {
    specs.down.authLog = [];
    const err = await failure(open(specs.down, { connectRetries: 2, retryBackoffMs: 10 }));
    expect(err.unreachable).toBe(true);
    expect(err.retryable).toBe(true);
    expect(err.message).toMatch(/\(attempt 3; earlier: protocol, protocol\)$/);
    expect(err.attempts).toHaveLength(2);
    expect(specs.down.authLog).toEqual(["connection", "connection", "connection"]);
  });

  it("retries the transport but never the authentication that follows", async () => {
    specs.flakyLocked.authLog = [];
    const err = await failure(open(specs.flakyLocked, { connectRetries: 5, retryBackoffMs: 10 }, { password: "Wr0ng-pw" }));
    expect(err.kind).toBe("auth-failed");
    expect(err.attempts.map((a) => a.kind)).toEqual(["protocol"]);
    expect(specs.flakyLocked.authLog).toEqual(["connection", "connection", "password"]);
  });

  it("without --connect-retries a dropped connection fails at once", async () => {
    specs.down.authLog = [];
    await failure(open(specs.down));
    expect(specs.down.authLog).toEqual(["connection"]);
  });
});

describe("the login gate", () => {
  it("holds logins per credential to the cap while every device is audited", async () => {
    const gate = new LoginGate({ perCredential: 2, ratePerSecond: 200 });
    let inProgress = 0;
    let most = 0;
    const acquire = gate.acquire.bind(gate);
    gate.acquire = async (credential, signal) => {
      const release = await acquire(credential, signal);
      most = Math.max(most, ++inProgress);
      return () => {
        inProgress--;
        release();
      };
    };
    const sessions = await Promise.all(specs.gated.map((s) => open(s, { loginGate: gate })));
    await Promise.all(sessions.map((s) => s.close()));
    expect(sessions).toHaveLength(8);
    expect(most).toBe(2);
    expect(inProgress).toBe(0);
  });

  it("a cancelled run stops devices waiting at the gate", async () => {
    const gate = new LoginGate({ ratePerSecond: 0.01 });
    const controller = new AbortController();
    const first = await open(specs.gated[0]!, { loginGate: gate });
    await first.close();
    const waiting = open(specs.gated[1]!, { loginGate: gate, signal: controller.signal });
    controller.abort();
    const err = await failure(waiting);
    expect(err.kind).toBe("disconnected");
  });
});
