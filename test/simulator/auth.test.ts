// Logging in to a simulated device: password, public key with a verified signature, the keyboard-interactive
// banner that must be acknowledged, the host key matching the known_hosts line, and the auth-reject fault.
import { Client, type ConnectConfig } from "ssh2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BANNER_QUESTION } from "../../src/simulator/auth.js";
import { startFleet } from "../../src/simulator/fleet.js";
import { generateEd25519KeyPair } from "../../src/simulator/keys.js";
import { panosDevice } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import type { SimDevice, SimFleet } from "../../src/simulator/types.js";
import { connect, loginShell } from "./ssh-client.js";

const BANNER = "Authorized access only. All activity is logged.";
const userKey = generateEd25519KeyPair();
const otherKey = generateEd25519KeyPair();
const hostKey = generateEd25519KeyPair();
let fleet: SimFleet;
let plain: SimDevice;
let bannered: SimDevice;
let rejecting: SimDevice;
let keyed: SimDevice;

const device = (name: string, extra: Partial<Parameters<typeof panosDevice>[0]> = {}) =>
  panosDevice({ name, model: "PA-850", swVersion: "10.1.9-h1", ports: [], username: "audit", password: "secret", ...extra });

beforeAll(async () => {
  const keyedSpec = { ...device("keyed", { authorizedKeys: [userKey.public] }), hostKey: hostKey.private };
  fleet = await startFleet([
    device("plain"),
    device("banner", { loginBanner: BANNER }),
    device("reject", { faults: [{ kind: "auth-reject" }] }),
    keyedSpec,
  ]);
  [plain, bannered, rejecting, keyed] = fleet.devices as [SimDevice, SimDevice, SimDevice, SimDevice];
});
afterAll(() => fleet.close());

/** Connects and reports whether authentication succeeded (an auth error is `false`, anything else throws). */
async function logsIn(target: SimDevice, config: Partial<ConnectConfig>): Promise<boolean> {
  try {
    const client = await connect(target, config);
    client.end();
    return true;
  } catch (error) {
    if ((error as { level?: string }).level === "client-authentication") return false;
    throw error;
  }
}

describe("password", () => {
  it("logs in with the right password and shows the prompt", async () => {
    const { client, shell } = await loginShell(plain);
    expect(shell.text()).toMatch(/audit@plain> $/);
    client.end();
  });

  it("rejects a wrong password and a wrong user", async () => {
    expect(await logsIn(plain, { password: "nope" })).toBe(false);
    expect(await logsIn(plain, { username: "admin" })).toBe(false);
  });
});

describe("host key", () => {
  it("presents the key of its known_hosts line in OpenSSH format", async () => {
    expect(plain.knownHostsLine).toMatch(/^\[127\.0\.0\.1\]:\d+ ssh-ed25519 [A-Za-z0-9+/]+=*$/);
    expect(plain.knownHostsLine).toContain(`]:${plain.port} `);
    expect(fleet.knownHosts().split("\n").filter(Boolean)).toEqual(fleet.devices.map((d) => d.knownHostsLine));
    // connect() verifies the presented key against the line.
    expect(await logsIn(plain, {})).toBe(true);
  });

  it("uses the spec's host key when one is given, and each device has its own", async () => {
    expect(keyed.knownHostsLine.split(" ")[2]).toBe(hostKey.public.split(" ")[1]);
    expect(new Set(fleet.devices.map((d) => d.knownHostsLine.split(" ")[2])).size).toBe(fleet.devices.length);
  });
});

describe("public key", () => {
  it("accepts an authorized key (signature verified)", async () => {
    expect(await logsIn(keyed, { password: undefined, privateKey: userKey.private })).toBe(true);
  });

  it("rejects a key that is not authorized", async () => {
    expect(await logsIn(keyed, { password: undefined, privateKey: otherKey.private })).toBe(false);
  });
});

describe("keyboard-interactive banner", () => {
  async function bannerLogin(answer: string, password: string): Promise<{ ok: boolean; prompts: string[] }> {
    const prompts: string[] = [];
    const client = new Client();
    client.on("keyboard-interactive", (_name, _instructions, _lang, asked, finish) => {
      prompts.push(...asked.map((p) => p.prompt));
      finish(asked.map((p) => (p.prompt.endsWith(BANNER_QUESTION) ? answer : password)));
    });
    const ok = await new Promise<boolean>((resolve, reject) => {
      client.once("ready", () => resolve(true));
      client.on("error", (error: Error & { level?: string }) =>
        error.level === "client-authentication" ? resolve(false) : reject(error),
      );
      client.connect({ host: bannered.host, port: bannered.port, username: "audit", tryKeyboard: true, readyTimeout: 3000 });
    });
    client.end();
    return { ok, prompts };
  }

  it("shows the banner with the acknowledge question, then asks for the password", async () => {
    const { ok, prompts } = await bannerLogin("yes", "secret");
    expect(ok).toBe(true);
    expect(prompts).toEqual([`${BANNER}\n\n${BANNER_QUESTION}`, "Password: "]);
  });

  it("refuses the login when the banner is not accepted or the password is wrong", async () => {
    expect((await bannerLogin("no", "secret")).ok).toBe(false);
    expect((await bannerLogin("yes", "wrong")).ok).toBe(false);
  });

  it("does not offer plain password auth, so a client must handle the banner", async () => {
    expect(await logsIn(bannered, {})).toBe(false);
  });
});

describe("auth-reject fault", () => {
  it("rejects the right password, keyboard-interactive included", async () => {
    expect(await logsIn(rejecting, {})).toBe(false);
    expect(await logsIn(rejecting, { tryKeyboard: true })).toBe(false);
  });
});
