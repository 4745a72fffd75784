// The production Connector: SSH with the device's resolved secrets, the platform profile, known_hosts
// checking, the session time limits, and the removal of secrets from everything the device prints.
import { redact } from "../inventory/secrets.js";
import type { Secrets } from "../inventory/types.js";
import type { KnownHosts } from "../transport/known-hosts.js";
import { deviceSessionOptions } from "../transport/run-options.js";
import { SshConfigError, type SshConfigFile } from "../transport/ssh-config.js";
import { openSshSession, type SshSessionOptions, type SshTarget } from "../transport/ssh-session.js";
import { SessionError, type SessionTimeouts } from "../transport/types.js";
import type { Device } from "../inventory/types.js";
import type { Connector } from "./run.js";

export interface SshConnectorOptions {
  /** Secrets per credential set name, resolved before any device is contacted. */
  secrets: ReadonlyMap<string, Secrets>;
  knownHosts: KnownHosts;
  acceptNewHostKeys: boolean;
  timeouts: SessionTimeouts;
  /** Run-wide: the shared login gate and the retry policy (run-options.ts sessionOptionsFor, built once). */
  session?: Pick<SshSessionOptions, "loginGate" | "connectRetries" | "retryBackoffMs">;
  /** The OpenSSH client config, when one is read (--ssh-config; ~/.ssh/config by default). */
  sshConfig?: SshConfigFile;
}

/**
 * Where and how to reach a device. The inventory wins where it says something: its host address, port and jump
 * hosts are what the audit was reviewed against. ssh_config fills in what the inventory leaves open: the HostName
 * behind an alias, the Port when the inventory gives none, ProxyJump, ConnectTimeout, ServerAliveInterval and the
 * algorithm lists. A ProxyCommand for the device fails that device (ssh-config.ts says why).
 */
export function sshTargetFor(device: Device, username: string, sshConfig: SshConfigFile | undefined, timeouts: SessionTimeouts): { target: SshTarget; options: Partial<SshSessionOptions> } {
  const inventoryJumps = device.jumps;
  if (sshConfig === undefined) return { target: { name: device.name, host: device.host, port: device.port, ...(inventoryJumps?.length ? { jumps: inventoryJumps } : {}) }, options: {} };
  let resolved;
  try {
    resolved = sshConfig.resolve(device.host, username);
  } catch (err) {
    if (err instanceof SshConfigError) throw new SessionError("protocol", `${device.name}: ${err.message}`);
    throw err;
  }
  const jumps = inventoryJumps ?? resolved.jumps.map((j) => ({ host: j.host, port: j.port, ...(j.user !== undefined ? { username: j.user } : {}) }));
  const target: SshTarget = { name: device.name, host: resolved.hostName, port: device.portGiven ? device.port : (resolved.port ?? device.port), ...(jumps.length ? { jumps } : {}) };
  const options: Partial<SshSessionOptions> = {};
  if (resolved.connectTimeoutMs !== undefined) options.timeouts = { ...timeouts, connectMs: resolved.connectTimeoutMs };
  if (resolved.serverAliveIntervalMs) options.keepaliveIntervalMs = resolved.serverAliveIntervalMs;
  if (Object.keys(resolved.algorithms).length) options.algorithms = resolved.algorithms;
  return { target, options };
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
    const reach = (() => {
      try {
        return sshTargetFor(plan.device, secrets.username, options.sshConfig, options.timeouts);
      } catch (err) {
        return err as SessionError;
      }
    })();
    if (reach instanceof SessionError) throw reach;
    const session = await openSshSession(reach.target, secrets, {
      profile: plan.profile,
      timeouts: options.timeouts,
      knownHosts: options.knownHosts,
      acceptNewHostKeys: options.acceptNewHostKeys,
      signal,
      ...options.session,
      ...deviceSessionOptions(plan.device),
      ...reach.options,
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
