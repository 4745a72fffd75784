// known_hosts reading, matching and appending, against files written the way OpenSSH writes them.
import { createHmac, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { utils } from "ssh2";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateEd25519KeyPair } from "../../src/simulator/keys.js";
import { KnownHosts, fingerprintSha256, hostLookupName, keyTypeOf, patternsMatch } from "../../src/transport/known-hosts.js";

function publicBlob(type: "ed25519" | "ecdsa" = "ed25519"): Buffer {
  // generateEd25519KeyPair works around ssh2's 1-in-256 malformed ed25519 key (see src/simulator/keys.ts).
  const pair = type === "ed25519" ? generateEd25519KeyPair() : utils.generateKeyPairSync("ecdsa", { bits: 256 });
  const parsed = utils.parseKey(pair.public);
  if (parsed instanceof Error) throw parsed;
  return (Array.isArray(parsed) ? parsed[0] : parsed).getPublicSSH();
}

const line = (hosts: string, blob: Buffer): string => `${hosts} ${keyTypeOf(blob)} ${blob.toString("base64")}`;

/** What `ssh-keygen -H` writes: |1|base64(salt)|base64(HMAC-SHA1(salt, name)). */
function hashed(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString("base64")}|${createHmac("sha1", salt).update(name).digest("base64")}`;
}

let dir: string;
let file: string;
const keyA = publicBlob();
const keyB = publicBlob();
const keyEcdsa = publicBlob("ecdsa");

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "preflight-kh-"));
  file = join(dir, "known_hosts");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function known(...lines: string[]): Promise<KnownHosts> {
  await writeFile(file, lines.join("\n") + "\n");
  return new KnownHosts(file);
}

describe("helpers", () => {
  it("names a host like OpenSSH and reads the key type from the blob", () => {
    expect(hostLookupName("FW1.example.com", 22)).toBe("fw1.example.com");
    expect(hostLookupName("10.0.0.1", 2222)).toBe("[10.0.0.1]:2222");
    expect(keyTypeOf(keyA)).toBe("ssh-ed25519");
    expect(keyTypeOf(keyEcdsa)).toBe("ecdsa-sha2-nistp256");
    expect(keyTypeOf(Buffer.from([0, 0]))).toBe("");
    expect(fingerprintSha256(keyA)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it("matches comma lists, wildcards and negation", () => {
    expect(patternsMatch("fw1,fw2", "fw2")).toBe(true);
    expect(patternsMatch("fw*.example.com", "fw17.example.com")).toBe(true);
    expect(patternsMatch("fw?.example.com", "fw17.example.com")).toBe(false);
    expect(patternsMatch("fw?.example.com", "fw1.example.com")).toBe(true);
    expect(patternsMatch("*.example.com,!fw9.example.com", "fw9.example.com")).toBe(false);
    expect(patternsMatch("*.example.com,!fw9.example.com", "fw8.example.com")).toBe(true);
    expect(patternsMatch("!fw9", "fw8")).toBe(false);
    expect(patternsMatch("fw.example.com", "fwxexample.com")).toBe(false);
    expect(patternsMatch("[10.0.0.*]:2222", "[10.0.0.7]:2222")).toBe(true);
  });
});

describe("verify", () => {
  it("finds plain, ported, listed and hashed entries; ignores comments, blanks and junk", async () => {
    const kh = await known(
      "# managed by hand",
      "",
      "not-a-valid line",
      line("fw1.example.com,10.0.0.1", keyA),
      line("[10.0.0.2]:2222", keyB),
      line(hashed("10.0.0.3"), keyA),
      line(hashed("[10.0.0.4]:8022"), keyB),
    );
    expect(await kh.verify("10.0.0.1", 22, keyA)).toBe("match");
    expect(await kh.verify("FW1.example.com", 22, keyA)).toBe("match");
    expect(await kh.verify("10.0.0.2", 2222, keyB)).toBe("match");
    // A non-22 port is a different name: the plain entry for 10.0.0.1 does not cover port 2222.
    expect(await kh.verify("10.0.0.1", 2222, keyA)).toBe("unknown");
    expect(await kh.verify("10.0.0.3", 22, keyA)).toBe("match");
    expect(await kh.verify("10.0.0.4", 8022, keyB)).toBe("match");
    expect(await kh.verify("10.0.0.4", 22, keyB)).toBe("unknown");
    expect(await kh.verify("10.9.9.9", 22, keyA)).toBe("unknown");
  });

  it("reports a different key, of the same or another type, as changed", async () => {
    const kh = await known(line("fw1", keyA), line(hashed("fw2"), keyA));
    expect(await kh.verify("fw1", 22, keyB)).toBe("changed");
    expect(await kh.verify("fw2", 22, keyB)).toBe("changed");
    expect(await kh.verify("fw1", 22, keyEcdsa)).toBe("changed");
    expect(await kh.knownKeyTypes("fw1", 22)).toEqual(["ssh-ed25519"]);
  });

  it("wildcards and negation decide which hosts an entry covers", async () => {
    const kh = await known(line("*.lab.example.com,!fw9.lab.example.com", keyA), line("[10.1.*]:2222", keyB));
    expect(await kh.verify("fw1.lab.example.com", 22, keyA)).toBe("match");
    expect(await kh.verify("fw9.lab.example.com", 22, keyA)).toBe("unknown");
    expect(await kh.verify("10.1.2.3", 2222, keyB)).toBe("match");
    expect(await kh.verify("10.1.2.3", 2222, keyA)).toBe("changed");
  });

  it("a revoked key fails even when another line trusts it; @cert-authority lines are skipped", async () => {
    const kh = await known(line("fw1,fw2", keyA), `@revoked * ${keyTypeOf(keyA)} ${keyA.toString("base64")}`, `@cert-authority *.example.com ${keyTypeOf(keyB)} ${keyB.toString("base64")}`);
    expect(await kh.verify("fw1", 22, keyA)).toBe("revoked");
    expect(await kh.verify("anything", 2222, keyA)).toBe("revoked");
    expect(await kh.verify("fw3.example.com", 22, keyB)).toBe("unknown");
  });

  it("treats a missing file as no known hosts", async () => {
    const kh = new KnownHosts(join(dir, "nope", "known_hosts"));
    expect(await kh.verify("fw1", 22, keyA)).toBe("unknown");
  });
});

describe("addKey", () => {
  it("creates the directory (700) and file (600) and writes OpenSSH lines", async () => {
    const path = join(dir, "ssh", "known_hosts");
    const kh = new KnownHosts(path);
    await kh.addKey("10.0.0.1", 22, keyA);
    await kh.addKey("10.0.0.2", 2222, keyB);
    expect(await readFile(path, "utf8")).toBe(`10.0.0.1 ssh-ed25519 ${keyA.toString("base64")}\n[10.0.0.2]:2222 ssh-ed25519 ${keyB.toString("base64")}\n`);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, "ssh"))).mode & 0o777).toBe(0o700);
    expect(await kh.verify("10.0.0.2", 2222, keyB)).toBe("match");
  });

  it("does not glue a new line onto a last line without newline", async () => {
    await writeFile(file, line("fw1", keyA));
    const kh = new KnownHosts(file);
    await kh.addKey("fw2", 22, keyB);
    expect(await kh.verify("fw1", 22, keyA)).toBe("match");
    expect(await kh.verify("fw2", 22, keyB)).toBe("match");
  });

  it("keeps every line when many devices add keys at once, from several instances", async () => {
    const keys = Array.from({ length: 60 }, () => publicBlob());
    const instances = [new KnownHosts(file), new KnownHosts(file), new KnownHosts(file)];
    await Promise.all(keys.map((key, i) => (instances[i % 3] as KnownHosts).addKey("10.2.0.1", 10000 + i, key)));
    const lines = (await readFile(file, "utf8")).split("\n").filter((l) => l !== "");
    expect(lines).toHaveLength(60);
    for (const l of lines) expect(l).toMatch(/^\[10\.2\.0\.1\]:\d{5} ssh-ed25519 [A-Za-z0-9+/=]+$/);
    const results = await Promise.all(keys.map((key, i) => new KnownHosts(file).verify("10.2.0.1", 10000 + i, key)));
    expect(results.every((r) => r === "match")).toBe(true);
  });

  it("accept-new racing on one host records the first key and refuses a different second one", async () => {
    const [a, b] = [publicBlob(), publicBlob()];
    const results = await Promise.allSettled([new KnownHosts(file).addKey("fw9", 2222, a), new KnownHosts(file).addKey("fw9", 2222, b), new KnownHosts(file).addKey("fw9", 2222, a)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((await readFile(file, "utf8")).split("\n").filter((l) => l.startsWith("[fw9]:2222"))).toHaveLength(1);
    expect(await new KnownHosts(file).verify("fw9", 2222, b)).toBe("changed");
  });

  it("refuses a malformed key blob", async () => {
    await expect(new KnownHosts(file).addKey("fw1", 22, Buffer.from("junk"))).rejects.toThrow(/malformed/);
  });
});
