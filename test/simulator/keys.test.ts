// Generated key pairs always parse, working around ssh2's dropped leading zero byte (mscdex/ssh2#1390).
import { utils } from "ssh2";
import { describe, expect, it } from "vitest";
import { generateEd25519KeyPair } from "../../src/simulator/keys.js";

describe("generateEd25519KeyPair", () => {
  it("returns pairs whose halves both parse and match, over enough draws to meet the 1-in-256 case", () => {
    for (let i = 0; i < 1000; i++) {
      const pair = generateEd25519KeyPair();
      const priv = utils.parseKey(pair.private);
      const pub = utils.parseKey(pair.public);
      if (priv instanceof Error || pub instanceof Error) throw new Error(`draw ${i} does not parse`);
      expect(priv.getPublicSSH().equals(pub.getPublicSSH())).toBe(true);
    }
  });
});
