import { describe, expect, it } from "vitest";
import { parseHop, SshConfigError, SshConfigFile } from "../../src/transport/ssh-config.js";
import { defaultLists } from "../../src/transport/algorithms.js";

const FILE = `# site bastions
Host bastion-a
  HostName 192.0.2.10
  Port 2201
  User jump
  IdentityFile /keys/bastion

Host bastion-b
  HostName 192.0.2.11
  ProxyJump bastion-a

Host rtr-*
  HostName %h.example.net
  ProxyJump bastion-b,ops@198.51.100.7:2222
  ConnectTimeout 7
  ServerAliveInterval 15
  KexAlgorithms +diffie-hellman-group14-sha1
  Ciphers ^aes128-ctr
  MACs -hmac-sha1

Match user audit originalhost rtr-9
  Port 2022

Match host rtr-8
  Port 2023

Host *
  User fallback
  Port 22
`;

describe("ssh config resolution", () => {
  const config = SshConfigFile.parse("/home/me/.ssh/config", FILE);

  it("applies Host blocks first value wins, %h, and a chain whose hops are resolved through the file", () => {
    const r = config.resolve("rtr-1");
    expect(r.hostName).toBe("rtr-1.example.net");
    expect(r.port).toBe(22);
    expect(r.user).toBe("fallback");
    expect(r.connectTimeoutMs).toBe(7000);
    expect(r.serverAliveIntervalMs).toBe(15000);
    expect(r.jumps.map((h) => [h.host, h.port, h.user])).toEqual([
      ["192.0.2.10", 2201, "jump"],
      ["192.0.2.11", 22, "fallback"],
      ["198.51.100.7", 2222, "ops"],
    ]);
    expect(r.jumps[0]?.identityFiles).toEqual(["/keys/bastion"]);
  });

  it("applies +, ^ and - algorithm modifiers to the defaults as OpenSSH does", () => {
    const r = config.resolve("rtr-1");
    const d = defaultLists();
    expect(r.algorithms.kex).toEqual([...d.kex, "diffie-hellman-group14-sha1"]);
    expect(r.algorithms.cipher?.[0]).toBe("aes128-ctr");
    expect(r.algorithms.hmac).toEqual(d.hmac.filter((m) => m !== "hmac-sha1"));
    expect(r.algorithms.serverHostKey).toBeUndefined();
  });

  it("evaluates Match user/host with the inventory's username", () => {
    expect(config.resolve("rtr-9", "audit").port).toBe(2022);
    expect(config.resolve("rtr-9", "other").port).toBe(22);
    // As OpenSSH: Match host compares the HostName already set (rtr-8.example.net), originalhost the name asked for.
    expect(config.resolve("rtr-8").port).toBe(22);
  });

  it("leaves hosts without a block to their defaults", () => {
    const r = config.resolve("10.1.1.1");
    expect(r.hostName).toBe("10.1.1.1");
    expect(r.jumps).toEqual([]);
  });

  it("refuses ProxyCommand naming file:line, only for hosts that use it", () => {
    const c = SshConfigFile.parse("/cfg", "Host a\n  HostName 10.0.0.1\n\nHost legacy\n  ProxyCommand nc -X 5 %h %p\n");
    expect(c.resolve("a").hostName).toBe("10.0.0.1");
    expect(() => c.resolve("legacy")).toThrow(SshConfigError);
    expect(() => c.resolve("legacy")).toThrow(/^\/cfg:5: ProxyCommand \(for legacy\) is not supported/);
  });

  it("refuses Match exec when the file is read, naming file:line", () => {
    expect(() => SshConfigFile.parse("/cfg", "Host a\n  Port 1\nMatch exec \"test -f /x\"\n  User y\n")).toThrow(/^\/cfg:3: Match exec is not supported/);
    expect(() => SshConfigFile.parse("/cfg", "Host *\n  CanonicalizeHostname yes\n")).toThrow(/^\/cfg:2: CanonicalizeHostname/);
    expect(() => SshConfigFile.parse("/cfg", "Match localnetwork 10.0.0.0/8\n  User y\n")).toThrow(/^\/cfg:1: Match localnetwork/);
  });

  it("reports bad values and unsupported algorithms at their line", () => {
    expect(() => SshConfigFile.parse("/cfg", "Host a\n  Port seventy\n").resolve("a")).toThrow(/^\/cfg:2: Port "seventy"/);
    expect(() => SshConfigFile.parse("/cfg", "Host a\n  Ciphers +chacha99\n").resolve("a")).toThrow(/^\/cfg:2: Ciphers: "chacha99" is not supported/);
    expect(() => SshConfigFile.parse("/cfg", "Host a\n  ProxyJump a\n").resolve("a")).toThrow(/ProxyJump chain longer than/);
  });

  it("parses hops", () => {
    expect(parseHop("u@h:2200")).toEqual({ user: "u", host: "h", port: 2200 });
    expect(parseHop("[::1]:2200")).toEqual({ host: "::1", port: 2200 });
    expect(parseHop("h")).toEqual({ host: "h" });
    expect(parseHop("h:99999")).toBeUndefined();
    expect(parseHop("a b")).toBeUndefined();
  });

  it("reads ~/.ssh/config only when present, and nothing with none", () => {
    expect(SshConfigFile.load(undefined, "/nonexistent-home")).toBeUndefined();
    expect(SshConfigFile.load("none")).toBeUndefined();
    expect(() => SshConfigFile.load("/nonexistent/ssh_config")).toThrow(/cannot read ssh config/);
  });
});
