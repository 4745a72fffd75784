// A device as the rest of the pipeline sees it, after inventory inheritance is resolved.
import type { Diagnostic } from "../util/diagnostics.js";

/** Where a device's credentials come from. Secrets themselves are never stored here. */
export interface CredentialRef {
  /** Name of a credential set (see README "Credentials"); "default" when the inventory names none. */
  name: string;
  /** Environment variable holding the user name. */
  usernameEnv: string;
  /** Environment variable holding the password (optional when a key or the agent is used). */
  passwordEnv: string;
  /** Private key file, if any; its passphrase comes from passphraseEnv. */
  identityFile?: string;
  passphraseEnv: string;
  /** Try ssh-agent ($SSH_AUTH_SOCK) when set. */
  useAgent: boolean;
}

export interface Device {
  /** Position in the inventory: results are stored and reported in this order. */
  index: number;
  name: string;
  host: string;
  port: number;
  /** netmiko's platform names (src/platforms/registry.ts lists the known ones) */
  platform: string;
  groups: string[];
  tags: string[];
  targetVersion?: string;
  /** Explicit upgrade path (releases to boot, in order) when the inventory gives one. */
  upgradePath?: string[];
  credentials: CredentialRef;
  /** True when the inventory set the port (defaults, a group or the host); otherwise ssh_config's Port may apply. */
  portGiven?: boolean;
  /** Jump hosts (inventory `jump`, ProxyJump syntax), outermost first. */
  jumps?: { host: string; port: number; username?: string }[];
  /** Legacy SSH algorithms this device may negotiate (opt-in; empty or absent: modern ones only). */
  legacyAlgorithms?: string[];
  /** The site the device sits in (inventory `site`): with `run --queue`, only that site's workers audit it. */
  site?: string;
  /** Free-form variables from defaults/groups/host (check parameters, site, ...). */
  vars: Record<string, unknown>;
}

/** Resolved secrets for one device: kept in memory only, never logged or reported. */
export interface Secrets {
  username: string;
  password?: string;
  privateKey?: Buffer;
  passphrase?: string;
  /** ssh-agent socket ($SSH_AUTH_SOCK) when the credential set uses the agent. */
  agent?: string;
  /**
   * With an identity in the credential set, the agent offers only this public key (SSH wire format), as OpenSSH's
   * IdentitiesOnly does. Read from the key (or from its .pub file when the key is encrypted and the agent holds it).
   */
  agentKey?: Buffer;
}

/** A loaded inventory: devices in file order, and every credential set they may reference. */
export interface Inventory {
  file: string;
  /** `devices[i].index === i`: file order. */
  devices: Device[];
  /** Always contains "default". */
  credentialSets: Record<string, CredentialRef>;
  /** The inventory's `data_dir`, resolved against the inventory's folder (--data-dir wins over it). */
  dataDir?: string;
}

/** What parsing an inventory file gives: the inventory, or every problem found in it. */
export interface InventoryParseResult {
  /** Present only when there is no diagnostic. */
  inventory?: Inventory;
  diagnostics: Diagnostic[];
}
