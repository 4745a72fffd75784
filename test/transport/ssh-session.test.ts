// openSshSession against the device simulator: login paths, host keys, prompt/echo/pager handling and every fault.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { utils } from "ssh2";
import { generateEd25519KeyPair } from "../../src/simulator/keys.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Secrets } from "../../src/inventory/types.js";
import { panos } from "../../src/platforms/paloalto_panos/profile.js";
import type { PlatformProfile } from "../../src/platforms/types.js";
import { startFleet } from "../../src/simulator/fleet.js";
import { PANOS_SYSTEM_INFO_COMMAND, panosDevice } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import type { Fault, SimDevice, SimDeviceSpec, SimFleet } from "../../src/simulator/types.js";
import { KnownHosts } from "../../src/transport/known-hosts.js";
import { RefusedCommandError, answerPrompt, openSshSession, type SshSessionOptions } from "../../src/transport/ssh-session.js";
import { SessionError, type SessionErrorKind, type SessionTimeouts } from "../../src/transport/types.js";

const PASSWORD = "s3cret-Pw!";
const LONG_COMMAND = "show log system";
const LONG_OUTPUT = Array.from({ length: 45 }, (_, i) => `2025/01/13 09:${String(i).padStart(2, "0")}:00 info general  general 0  line ${i + 1}`).join("\n");
// Output lines that look like a prompt of another box must not end the command.
const PROMPTISH_COMMAND = "show admins";
const PROMPTISH_OUTPUT = "sessions seen:\nroot@elsewhere> \nadmin@fw-other# \nend of list";
const clientKey = generateEd25519KeyPair();
const FAST: SessionTimeouts = { connectMs: 5000, authMs: 5000, commandMs: 5000 };

/** A pattern that counts its hits, to see whether the pager was answered. */
class CountingRegExp extends RegExp {
  hits = 0;
  override test(text: string): boolean {
    const hit = super.test(text);
    if (hit) this.hits++;
    return hit;
  }
}

/** Records which commands the simulated CLI looked up, i.e. which ones reached the device. */
function recordLookups(spec: SimDeviceSpec, seen: string[]): SimDeviceSpec {
  spec.outputs = new Proxy(spec.outputs, {
    get(target, key: string) {
      seen.push(key);
      return target[key];
    },
  });
  return spec;
}

function device(name: string, extra: { faults?: Fault[]; loginBanner?: string; authorizedKeys?: string[] } = {}): SimDeviceSpec {
  const spec = panosDevice({ name, model: "PA-3220", swVersion: "10.1.9", ports: [], username: "admin", password: PASSWORD, ...extra });
  spec.outputs[LONG_COMMAND] = `${LONG_OUTPUT}\n`;
  spec.outputs[PROMPTISH_COMMAND] = `${PROMPTISH_OUTPUT}\n`;
  spec.outputs["show clock"] = "Mon Jan 13 09:12:44 UTC 2025\n";
  spec.outputs["show interface all"] = `${LONG_OUTPUT}\n`;
  return spec;
}

const lookups: string[] = [];
const specs = [
  recordLookups(device("fw-ok", { authorizedKeys: [clientKey.public] }), lookups),
  device("fw-banner", { loginBanner: "Authorized access only. Activity is monitored." }),
  device("fw-reject", { faults: [{ kind: "auth-reject" }] }),
  device("fw-refuse", { faults: [{ kind: "refuse" }] }),
  device("fw-hang-login", { faults: [{ kind: "hang-after-login" }] }),
  device("fw-hang-cmd", { faults: [{ kind: "hang-on-command", command: "show jobs all" }] }),
  device("fw-drop", { faults: [{ kind: "disconnect-mid-output", command: "show interface all" }] }),
  device("fw-slow", {
    faults: [
      { kind: "slow-output", command: PANOS_SYSTEM_INFO_COMMAND, chunkBytes: 13, delayMs: 1 },
      { kind: "slow-output", command: PROMPTISH_COMMAND, chunkBytes: 1, delayMs: 1 },
    ],
  }),
  device("fw-garbage", { faults: [{ kind: "garbage", command: "show clock" }] }),
];

let fleet: SimFleet;
let dir: string;
let knownHosts: KnownHosts;

beforeAll(async () => {
  fleet = await startFleet(specs);
  dir = await mkdtemp(join(tmpdir(), "preflight-ssh-"));
  await writeFile(join(dir, "known_hosts"), fleet.knownHosts());
  knownHosts = new KnownHosts(join(dir, "known_hosts"));
});
afterAll(async () => {
  await fleet?.close();
  await rm(dir, { recursive: true, force: true });
});

function sim(name: string): SimDevice {
  const found = fleet.devices.find((d) => d.spec.name === name);
  if (!found) throw new Error(`no simulated device ${name}`);
  return found;
}

function open(name: string, options: Partial<SshSessionOptions> = {}, secrets: Partial<Secrets> = {}) {
  const d = sim(name);
  return openSshSession({ name, host: d.host, port: d.port }, { username: "admin", password: PASSWORD, ...secrets }, {
    profile: panos,
    timeouts: FAST,
    knownHosts,
    acceptNewHostKeys: false,
    ...options,
  });
}

async function failure(promise: Promise<unknown>): Promise<SessionError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SessionError);
  return err as SessionError;
}

async function expectKind(promise: Promise<unknown>, kind: SessionErrorKind): Promise<SessionError> {
  const err = await failure(promise);
  expect(err.kind, err.message).toBe(kind);
  expect(err.message).not.toContain(PASSWORD);
  return err;
}

describe("a healthy device", () => {
  it("logs in, runs the set-up commands and returns clean output", async () => {
    const pager = new CountingRegExp(panos.pagerPattern.source, panos.pagerPattern.flags);
    const session = await open("fw-ok", { profile: { ...panos, pagerPattern: pager } });
    try {
      const info = await session.run(PANOS_SYSTEM_INFO_COMMAND);
      expect(info.output).toBe(sim("fw-ok").spec.outputs[PANOS_SYSTEM_INFO_COMMAND]?.trimEnd());
      expect(info.output).not.toMatch(/show system info|admin@fw-ok|\r/);
      // `set cli pager off` was sent: a 45-line answer comes without a pager stop.
      const long = await session.run(LONG_COMMAND);
      expect(long.output).toBe(LONG_OUTPUT);
      expect(pager.hits).toBe(0);
      expect(lookups).toEqual(expect.arrayContaining([PANOS_SYSTEM_INFO_COMMAND, LONG_COMMAND]));
    } finally {
      await session.close();
    }
  });

  it("answers the pager and removes its artefacts when paging is on", async () => {
    const pager = new CountingRegExp(panos.pagerPattern.source, panos.pagerPattern.flags);
    const session = await open("fw-ok", { profile: { ...panos, sessionSetup: [], pagerPattern: pager } });
    try {
      const long = await session.run(LONG_COMMAND);
      expect(long.output).toBe(LONG_OUTPUT);
      expect(pager.hits).toBe(2);
    } finally {
      await session.close();
    }
  });

  it("runs concurrent calls one at a time, in order", async () => {
    const session = await open("fw-ok");
    try {
      const results = await Promise.all([session.run("show clock"), session.run(LONG_COMMAND), session.run("show clock")]);
      expect(results.map((r) => r.output)).toEqual(["Mon Jan 13 09:12:44 UTC 2025", LONG_OUTPUT, "Mon Jan 13 09:12:44 UTC 2025"]);
    } finally {
      await session.close();
    }
  });

  it("reports CLI errors with the command and stays usable", async () => {
    const session = await open("fw-ok");
    try {
      const err = await expectKind(session.run("show bogus thing"), "cli-error");
      expect(err.message).toContain("Invalid syntax.");
      expect(err.message).toContain("show bogus thing");
      expect((await session.run("show clock")).output).toBe("Mon Jan 13 09:12:44 UTC 2025");
    } finally {
      await session.close();
    }
    // The stock policy would refuse an unknown verb before sending it; let it through to see the CLI's answer.
    const permissive: PlatformProfile = { ...panos, isReadOnly: () => ({ ok: true }) };
    const other = await open("fw-ok", { profile: permissive });
    try {
      const err = await expectKind(other.run("frobnicate now"), "cli-error");
      expect(err.message).toContain("Unknown command: frobnicate");
    } finally {
      await other.close();
    }
  });

  it("refuses a write command without sending it", async () => {
    const session = await open("fw-ok");
    try {
      const before = lookups.length;
      await expect(session.run("request restart system")).rejects.toBeInstanceOf(RefusedCommandError);
      await expect(session.run("show clock | tee /tmp/x")).rejects.toBeInstanceOf(RefusedCommandError);
      await session.run("show clock");
      expect(lookups.slice(before)).toEqual(["show clock"]);
    } finally {
      await session.close();
    }
  });

  it("logs in with a public key and no password", async () => {
    const session = await open("fw-ok", {}, { password: undefined, privateKey: Buffer.from(clientKey.private) });
    try {
      expect((await session.run("show clock")).output).toBe("Mon Jan 13 09:12:44 UTC 2025");
    } finally {
      await session.close();
    }
  });

  it("close is idempotent, never throws, and later runs fail as disconnected", async () => {
    const session = await open("fw-ok");
    await Promise.all([session.close(), session.close()]);
    await session.close();
    await expectKind(session.run("show clock"), "disconnected");
  });
});

describe("login", () => {
  it("answers keyboard-interactive questions, never a banner with the password", () => {
    expect(answerPrompt("Password: ", PASSWORD)).toBe(PASSWORD);
    expect(answerPrompt("Authorized use only. Never share your password.\n\nDo you accept? (yes/no) : ", PASSWORD)).toBe("yes");
    expect(answerPrompt("Do you agree to the terms", PASSWORD)).toBe("yes");
    expect(answerPrompt("Verification code: ", PASSWORD)).toBe("");
    expect(answerPrompt("Password: ", undefined)).toBe("");
  });

  it("accepts a keyboard-interactive banner before the password", async () => {
    const session = await open("fw-banner");
    try {
      expect((await session.run("show clock")).output).toBe("Mon Jan 13 09:12:44 UTC 2025");
    } finally {
      await session.close();
    }
  });

  it("a wrong password or a rejecting device is auth-failed", async () => {
    const err = await expectKind(open("fw-ok", {}, { password: "wrong-password" }), "auth-failed");
    expect(err.message).not.toContain("wrong-password");
    await expectKind(open("fw-reject"), "auth-failed");
  });

  it("a key whose passphrase is wrong is auth-failed without revealing the passphrase", async () => {
    const locked = utils.generateKeyPairSync("ed25519", { passphrase: "right-phrase", cipher: "aes256-cbc", rounds: 2 });
    const err = await expectKind(open("fw-ok", {}, { password: undefined, privateKey: Buffer.from(locked.private), passphrase: "wrong-phrase" }), "auth-failed");
    expect(err.message).toMatch(/private key/);
    expect(err.message).not.toContain("wrong-phrase");
  });

  it("a refused port is connect-refused", async () => {
    await expectKind(open("fw-refuse"), "connect-refused");
  });

  it("no prompt after login is prompt-timeout", async () => {
    await expectKind(open("fw-hang-login", { timeouts: { ...FAST, authMs: 600 } }), "prompt-timeout");
  });

  it("an abort signal cancels a session that waits", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    await expectKind(open("fw-hang-login", { signal: controller.signal }), "disconnected");
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe("host keys", () => {
  it("an unknown key fails with its fingerprint; accept-new records it and the next login matches", async () => {
    const path = join(dir, "fresh", "known_hosts");
    const fresh = new KnownHosts(path);
    const d = sim("fw-ok");
    const err = await expectKind(open("fw-ok", { knownHosts: fresh }), "host-key-unknown");
    expect(err.message).toContain(`${d.host}:${d.port}`);
    expect(err.message).toMatch(/ssh-ed25519 key SHA256:[A-Za-z0-9+/]{43}/);
    expect(err.message).toContain("--accept-new-host-keys");

    const first = await open("fw-ok", { knownHosts: fresh, acceptNewHostKeys: true });
    await first.close();
    expect((await readFile(path, "utf8")).trim()).toBe(d.knownHostsLine);
    const again = await open("fw-ok", { knownHosts: fresh });
    await again.close();
  });

  it("a changed key fails even with accept-new", async () => {
    const path = join(dir, "changed_known_hosts");
    const d = sim("fw-ok");
    const other = sim("fw-banner").knownHostsLine.split(" ").slice(1).join(" ");
    await writeFile(path, `[${d.host}]:${d.port} ${other}\n`);
    const err = await expectKind(open("fw-ok", { knownHosts: new KnownHosts(path), acceptNewHostKeys: true }), "host-key-changed");
    expect(err.message).toMatch(/man-in-the-middle/);
    expect(await readFile(path, "utf8")).toBe(`[${d.host}]:${d.port} ${other}\n`);
  });
});

describe("faults during commands", () => {
  it("a command that never returns is command-timeout, and the session is then closed", async () => {
    const session = await open("fw-hang-cmd", { timeouts: { ...FAST, commandMs: 500 } });
    await expectKind(session.run("show jobs all"), "command-timeout");
    await expectKind(session.run("show clock"), "disconnected");
    await session.close();
  });

  it("a connection dropped mid-output is disconnected", async () => {
    const session = await open("fw-drop");
    await expectKind(session.run("show interface all"), "disconnected");
    await session.close();
  });

  it("slow output, even byte by byte around prompt-like lines, arrives whole", async () => {
    const session = await open("fw-slow");
    try {
      expect((await session.run(PANOS_SYSTEM_INFO_COMMAND)).output).toBe(sim("fw-slow").spec.outputs[PANOS_SYSTEM_INFO_COMMAND]?.trimEnd());
      expect((await session.run(PROMPTISH_COMMAND)).output).toBe(PROMPTISH_OUTPUT);
    } finally {
      await session.close();
    }
  });

  it("garbage output does not crash the session", async () => {
    const session = await open("fw-garbage");
    try {
      const result = await session.run("show clock").then(
        (r) => r.output,
        (e: unknown) => e,
      );
      // Returned output is plain text: no NUL, BEL, backspace or escape survives the cleaning.
      if (typeof result === "string") expect([...result].some((ch) => "\x00\x07\x08\x1b".includes(ch))).toBe(false);
      else expect(result).toBeInstanceOf(SessionError);
      expect((await session.run(LONG_COMMAND)).output).toBe(LONG_OUTPUT);
    } finally {
      await session.close();
    }
  });

  it("an abort signal rejects the running command at once", async () => {
    const controller = new AbortController();
    const session = await open("fw-hang-cmd", { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    await expectKind(session.run("show jobs all"), "disconnected");
    await session.close();
  });

  it("output above the limit fails clearly", async () => {
    const session = await open("fw-ok", { maxOutputChars: 1000 });
    const err = await expectKind(session.run(LONG_COMMAND), "output-too-large");
    expect(err.message).toContain("1000");
    await session.close();
  });
});
