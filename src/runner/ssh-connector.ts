// The production Connector: SSH with the device's resolved secrets, the platform profile, known_hosts
// checking and the session time limits.
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
    return openSshSession({ name: plan.device.name, host: plan.device.host, port: plan.device.port }, secrets, {
      profile: plan.profile,
      timeouts: options.timeouts,
      knownHosts: options.knownHosts,
      acceptNewHostKeys: options.acceptNewHostKeys,
      signal,
    });
  };
}
