// Private keys are parsed (and, when passphrase-protected, decrypted) once per key and passphrase, not once per
// device. OpenSSH's own key format derives the cipher key with bcrypt_pbkdf (16 rounds by default): ~0.3 s of
// CPU in ssh2's JavaScript implementation, on the event loop. Done per device (twice, as ssh2 re-parses a key
// given as bytes), 60 concurrent logins held the loop for ~40 s and every handshake timed out. The parsed key
// is handed to ssh2 as is (ssh2's parseKey returns a parsed key unchanged), so ssh2 never decrypts it again.
import ssh2, { type ParsedKey } from "ssh2";

// ssh2 is CommonJS: Node's ESM loader only gives its default export.
const { utils } = ssh2;

/** Why a private key cannot be used, in words a user can act on (never the key or the passphrase). */
export type KeyProblem = "needs-passphrase" | "bad-passphrase" | "unsupported";

export class PrivateKeyError extends Error {
  readonly problem: KeyProblem;
  constructor(problem: KeyProblem) {
    super(KEY_PROBLEMS[problem]);
    this.name = "PrivateKeyError";
    this.problem = problem;
  }
}

const KEY_PROBLEMS: Record<KeyProblem, string> = {
  "needs-passphrase": "the private key is encrypted and no passphrase was given",
  "bad-passphrase": "the private key cannot be decrypted: wrong passphrase",
  unsupported: "the private key is not in a format ssh2 reads (OpenSSH, PEM PKCS#1/PKCS#8 or PuTTY PPK)",
};

// Keyed by the key's Buffer (the same object for every device of a credential set: Secrets are resolved once per
// set), then by passphrase. A WeakMap: the parsed key lives exactly as long as the secrets that hold its bytes.
// Failures are remembered too, so a wrong passphrase costs one bcrypt run, not one per device.
const parsed = new WeakMap<Buffer, Map<string, ParsedKey | PrivateKeyError>>();
// The passphrase map's key for "no passphrase": no real passphrase contains a NUL.
const NO_PASSPHRASE = "\0";

/** How many times a key was really parsed (for tests and the benchmark: one per key and passphrase per run). */
let parses = 0;
export function privateKeyParses(): number {
  return parses;
}

/** The parsed private key; throws PrivateKeyError when it cannot be used. */
export function privateKeyFor(key: Buffer, passphrase: string | undefined): ParsedKey {
  let byPassphrase = parsed.get(key);
  if (byPassphrase === undefined) {
    byPassphrase = new Map();
    parsed.set(key, byPassphrase);
  }
  const slot = passphrase ?? NO_PASSPHRASE;
  let entry = byPassphrase.get(slot);
  if (entry === undefined) {
    entry = parse(key, passphrase);
    byPassphrase.set(slot, entry);
  }
  if (entry instanceof PrivateKeyError) throw entry;
  return entry;
}

function parse(key: Buffer, passphrase: string | undefined): ParsedKey | PrivateKeyError {
  parses++;
  const result = utils.parseKey(key, passphrase);
  if (result instanceof Error) return new PrivateKeyError(classify(result.message));
  const first = Array.isArray(result) ? result[0] : result;
  if (first === undefined || !first.isPrivateKey()) return new PrivateKeyError("unsupported");
  return first;
}

function classify(message: string): KeyProblem {
  if (/no passphrase given/i.test(message)) return "needs-passphrase";
  if (/bad passphrase|decrypt|integrity check/i.test(message)) return "bad-passphrase";
  return "unsupported";
}

/** The SSH wire-format blob of an OpenSSH public key line (`ssh-ed25519 AAAA... comment`), if it is one. */
export function publicKeyBlob(line: string): Buffer | undefined {
  const parsed = utils.parseKey(line.trim());
  if (parsed instanceof Error) return undefined;
  const first = Array.isArray(parsed) ? parsed[0] : parsed;
  return first?.getPublicSSH();
}
