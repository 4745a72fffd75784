// ed25519 key pairs for simulated devices (host keys) and for tests (user keys).
import ssh2 from "ssh2";

const { utils } = ssh2;

/**
 * ssh2's generateKeyPairSync('ed25519') strips leading zero bytes from the public key, so about one pair in 256
 * is one that ssh2's own parseKey rejects as malformed (mscdex/ssh2#1390, open in 1.17). Draw again until both
 * halves parse; a 500-device fleet would otherwise fail to start about once in two runs.
 */
export function generateEd25519KeyPair(): { private: string; public: string } {
  for (;;) {
    const pair = utils.generateKeyPairSync("ed25519");
    if (!(utils.parseKey(pair.private) instanceof Error) && !(utils.parseKey(pair.public) instanceof Error)) return pair;
  }
}
