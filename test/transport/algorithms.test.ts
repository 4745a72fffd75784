// Algorithm lists: modern by default (ssh-rsa's SHA-1 signature off, as in OpenSSH 8.8+), legacy only by opt-in and
// only real legacy names, OpenSSH's list syntax, what a handshake used, and the inventory's legacy_algorithms.
import { describe, expect, it } from "vitest";
import { parseYamlInventory } from "../../src/inventory/yaml-inventory.js";
import { applyConfigList, DEFAULTS, defaultLists, isLegacy, legacyInUse, withLegacy } from "../../src/transport/algorithms.js";

describe("algorithms", () => {
  it("offers no legacy algorithm by default", () => {
    expect(DEFAULTS.serverHostKey).not.toContain("ssh-rsa");
    expect(DEFAULTS.serverHostKey).toContain("rsa-sha2-256");
    expect(DEFAULTS.kex).not.toContain("diffie-hellman-group14-sha1");
    expect(DEFAULTS.cipher).not.toContain("aes128-cbc");
    for (const name of ["diffie-hellman-group14-sha1", "diffie-hellman-group1-sha1"]) expect(isLegacy("kex", name)).toBe(true);
    expect(isLegacy("serverHostKey", "ssh-rsa")).toBe(true);
    expect(isLegacy("cipher", "aes128-ctr")).toBe(false);
  });

  it("appends opted-in legacy names last in their own lists, and refuses others", () => {
    const lists = withLegacy(defaultLists(), ["ssh-rsa", "diffie-hellman-group14-sha1", "aes128-cbc", "hmac-sha1-96"]);
    expect(lists.serverHostKey.at(-1)).toBe("ssh-rsa");
    expect(lists.kex.at(-1)).toBe("diffie-hellman-group14-sha1");
    expect(lists.cipher.at(-1)).toBe("aes128-cbc");
    expect(lists.hmac.at(-1)).toBe("hmac-sha1-96");
    expect(() => withLegacy(defaultLists(), ["aes128-ctr"])).toThrow(/not a legacy algorithm \(it is on by default\)/);
    expect(() => withLegacy(defaultLists(), ["des-cbc"])).toThrow(/not an SSH algorithm preflight supports; legacy ones are: .*aes128-cbc/);
  });

  it("reads OpenSSH's list syntax", () => {
    expect(applyConfigList("cipher", ["a", "b"], "+aes128-cbc")).toEqual(["a", "b", "aes128-cbc"]);
    expect(applyConfigList("cipher", ["aes128-ctr", "aes256-ctr"], "-aes128-ctr")).toEqual(["aes256-ctr"]);
    expect(applyConfigList("cipher", ["aes128-ctr", "aes256-ctr"], "^aes256-ctr")).toEqual(["aes256-ctr", "aes128-ctr"]);
    expect(applyConfigList("kex", ["x"], "curve25519-sha256")).toEqual(["curve25519-sha256"]);
    expect(() => applyConfigList("kex", [], "+sntrup761x25519-sha512")).toThrow(/KexAlgorithms: "sntrup761x25519-sha512" is not supported by ssh2/);
    expect(() => applyConfigList("cipher", [], "aes*")).toThrow(/wildcards/);
  });

  it("names the legacy algorithms a handshake used, once each", () => {
    expect(legacyInUse({ kex: "diffie-hellman-group14-sha1", serverHostKey: "ssh-rsa", cs: { cipher: "aes128-cbc", mac: "hmac-sha1" }, sc: { cipher: "aes128-cbc", mac: "hmac-sha1" } })).toEqual(["diffie-hellman-group14-sha1", "ssh-rsa", "aes128-cbc"]);
    expect(legacyInUse({ kex: "curve25519-sha256", serverHostKey: "ssh-ed25519", cs: { cipher: "aes128-gcm@openssh.com", mac: "" }, sc: { cipher: "aes128-gcm@openssh.com", mac: "" } })).toEqual([]);
  });

  it("the inventory opts in per group, and a wrong name is reported at its host", () => {
    const text = ["groups:", "  old-ios: { platform: linux, legacy_algorithms: [diffie-hellman-group14-sha1, ssh-rsa] }", "hosts:", "  r1: { groups: [old-ios] }", "  r2: { platform: linux }", "  r3: { platform: linux, legacy_algorithms: [aes128-ctr] }", ""].join("\n");
    const parsed = parseYamlInventory(text, "inv.yaml");
    expect(parsed.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/legacy_algorithms: "aes128-ctr" is not a legacy algorithm/)]);
    const ok = parseYamlInventory(text.replace("  r3: { platform: linux, legacy_algorithms: [aes128-ctr] }\n", ""), "inv.yaml");
    expect(ok.inventory?.devices.map((d) => [d.name, d.legacyAlgorithms])).toEqual([
      ["r1", ["diffie-hellman-group14-sha1", "ssh-rsa"]],
      ["r2", undefined],
    ]);
  });
});
