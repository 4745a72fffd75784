// ssh-agent ($SSH_AUTH_SOCK) as one run-wide object per socket and key restriction, instead of a socket path that
// ssh2 turns into a fresh agent client for every device:
//   - the agent's key list is asked for once per run (each device then only asks the agent to sign);
//   - with an identity in the credential set, only that key is offered (OpenSSH's IdentitiesOnly): an agent
//     holding many keys otherwise trips a device's "too many authentication failures" before the right key is tried;
//   - an agent that cannot be reached is remembered as one sentence for the device's error, and the next method
//     (password, keyboard-interactive) is still tried.
import ssh2, { type IdentityCallback, type ParsedKey, type PublicKeyEntry, type SignCallback, type SigningRequestOptions } from "ssh2";

// ssh2 is CommonJS: Node's ESM loader only gives its default export.
const { BaseAgent, OpenSSHAgent, utils } = ssh2;

/** An agent connection that lists its keys once and offers only the allowed ones. */
export class RunAgent extends BaseAgent<ParsedKey> {
  private readonly inner: InstanceType<typeof OpenSSHAgent>;
  private identities: Promise<ParsedKey[]> | undefined;

  constructor(
    readonly socketPath: string,
    /** The public key (SSH wire format) the agent may use; undefined: all of the agent's keys. */
    private readonly only?: Buffer,
  ) {
    super();
    this.inner = new OpenSSHAgent(socketPath);
  }

  getIdentities(cb: IdentityCallback<ParsedKey>): void {
    this.identities ??= new Promise<ParsedKey[]>((resolve, reject) => {
      this.inner.getIdentities((err, keys) => {
        if (err) reject(err);
        else resolve((keys ?? []).flatMap(parsedEntry).filter((k) => this.only === undefined || k.getPublicSSH().equals(this.only)));
      });
    });
    this.identities.then(
      (keys) => cb(undefined, keys),
      (err: unknown) => {
        // A failed listing is not kept: the agent may be back for the next device.
        this.identities = undefined;
        cb(agentError(this.socketPath, err));
      },
    );
  }

  sign(pubKey: ParsedKey, data: Buffer, options: SigningRequestOptions, cb?: SignCallback): void;
  sign(pubKey: ParsedKey, data: Buffer, cb: SignCallback): void;
  sign(pubKey: ParsedKey, data: Buffer, options: SigningRequestOptions | SignCallback, cb?: SignCallback): void {
    const done = typeof options === "function" ? options : cb;
    const opts = typeof options === "function" ? {} : options;
    this.inner.sign(pubKey, data, opts, (err, signature) => done?.(err ? agentError(this.socketPath, err) : undefined, signature));
  }
}

/** ssh2's OpenSSH agent client gives parsed keys; its typings also allow `{ pubKey }` entries. */
function parsedEntry(entry: ParsedKey | PublicKeyEntry): ParsedKey[] {
  if ("getPublicSSH" in entry) return [entry];
  const inner = entry.pubKey;
  if ("getPublicSSH" in inner) return [inner];
  const parsed = utils.parseKey(inner.pubKey);
  if (parsed instanceof Error) return [];
  return Array.isArray(parsed) ? parsed.slice(0, 1) : [parsed];
}

function agentError(socketPath: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException).code;
  return new Error(`ssh-agent at ${socketPath} cannot be used (${code ?? (err as Error).message})`);
}

// One RunAgent per socket and restriction, for the life of the process's secrets.
const agents = new Map<string, RunAgent>();

export function runAgent(socketPath: string, only?: Buffer): RunAgent {
  const id = `${socketPath}\0${only?.toString("base64") ?? ""}`;
  let agent = agents.get(id);
  if (agent === undefined) {
    agent = new RunAgent(socketPath, only);
    agents.set(id, agent);
  }
  return agent;
}
