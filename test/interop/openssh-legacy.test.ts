// Legacy algorithms, opt-in, against a real OpenSSH sshd that speaks only SHA-1 key exchange and a CBC cipher (as
// an old IOS box does): refused by default with a clear handshake error, accepted when the device is allowed them,
// and the session names the legacy algorithms it negotiated (for the report).
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { panos } from "../../src/platforms/paloalto_panos/profile.js";
import { KnownHosts } from "../../src/transport/known-hosts.js";
import { openSshSession, type SshSessionOptions } from "../../src/transport/ssh-session.js";
import { SessionError } from "../../src/transport/types.js";
import { keygen, startSshd, type Sshd } from "../helpers/sshd.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const SHELL = join(HERE, "fake-panos-shell.mjs");
const CAPTURE = join(HERE, "..", "..", "fixtures", "paloalto_panos", "show_system_info", "ntc-templates__tests__paloalto_panos__show_system_info__paloalto_panos_show_system_info.raw");

describe.skipIf(!existsSync("/usr/sbin/sshd") && !process.env.CI)("legacy algorithms against OpenSSH", () => {
  let dir: string;
  let sshd: Sshd;
  let key: Buffer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "preflight-legacy-"));
    keygen(join(dir, "client"));
    key = await readFile(join(dir, "client"));
    sshd = await startSshd({
      dir: join(dir, "sshd"),
      authorizedKeys: [(await readFile(join(dir, "client.pub"), "utf8")).trim()],
      config: ["KexAlgorithms diffie-hellman-group14-sha1", "Ciphers aes128-cbc", "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no", "LogLevel ERROR", `ForceCommand "${process.execPath}" "${SHELL}" "${CAPTURE}"`],
    });
    await writeFile(join(dir, "known_hosts"), `${sshd.knownHostsLine}\n`);
  });
  afterAll(async () => {
    await sshd?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const open = (options: Partial<SshSessionOptions> = {}) =>
    openSshSession({ name: "old-ios", host: "127.0.0.1", port: sshd.port }, { username: userInfo().username, privateKey: key }, {
      profile: panos,
      timeouts: { connectMs: 5000, authMs: 5000, commandMs: 5000 },
      knownHosts: new KnownHosts(join(dir, "known_hosts")),
      acceptNewHostKeys: false,
      ...options,
    });

  it("is refused by default: no legacy algorithm is offered", async () => {
    const err = await open().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(SessionError);
    expect((err as SessionError).kind).toBe("protocol");
    expect((err as SessionError).message).toMatch(/handshake failed: .*(kex|key exchange|cipher)/i);
  });

  it("connects when the device is allowed them, and names what it negotiated", async () => {
    const session = await open({ legacyAlgorithms: ["diffie-hellman-group14-sha1", "aes128-cbc"] });
    try {
      expect((await session.run("show clock")).output).toBe("Mon Jan 13 09:12:44 UTC 2025");
      expect(session.legacyAlgorithmsUsed).toEqual(["diffie-hellman-group14-sha1", "aes128-cbc"]);
    } finally {
      await session.close();
    }
  });
});
