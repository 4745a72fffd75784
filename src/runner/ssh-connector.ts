// The production Connector: SSH with the device's resolved secrets, the platform profile, known_hosts
// checking, the session time limits, and the removal of secrets from everything the device prints.
import { redact } from "../inventory/secrets.js";
import type { Secrets } from "../inventory/types.js";
import type { KnownHosts } from "../transport/known-hosts.js";
import { openSshSession } from "../transport/ssh-session.js";
import type { SessionTimeouts } from "../transport/types.js";
import type { Connector } from "./run.js";

export interface SshConnectorOptions {
  /** Secrets per credential set name, resolved before any device is contacted. */
  secrets: ReadonlyMap<string, Secrets>;
  knownHosts: KnownHosts;
  acceptNewHostKeys: boolean;
  timeouts: SessionTimeouts;
}

export function sshConnector(options: SshConnectorOptions): Connector {
  return async (plan, signal) => {
    const secrets = options.secrets.get(plan.device.credentials.name);
    if (!secrets) throw new Error(`credential set "${plan.device.credentials.name}" was not resolved`);
    // Last line of defence: no message that leaves this connector (a device's DISCONNECT text, a CLI error) may
    // carry the secrets used for this device.
    const scrub = (err: unknown): unknown => {
      if (err instanceof Error) err.message = redact(err.message, secrets);
      return err;
    };
    const session = await openSshSession({ name: plan.device.name, host: plan.device.host, port: plan.device.port }, secrets, {
      profile: plan.profile,
      timeouts: options.timeouts,
      knownHosts: options.knownHosts,
      acceptNewHostKeys: options.acceptNewHostKeys,
      signal,
    }).catch((err: unknown) => {
      throw scrub(err);
    });
    // Secrets in device output (private keys, password hashes) are removed here, before evidence, captures or
    // reports can keep them.
    return {
      run: async (command) => {
        const result = await session.run(command).catch((err: unknown) => {
          throw scrub(err);
        });
        return { ...result, output: plan.profile.redactSecrets(result.output) };
      },
      close: () => session.close(),
    };
  };
}
