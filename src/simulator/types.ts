// The device simulator's contract: a fleet of SSH servers on 127.0.0.1 (ssh2's Server), one per device,
// used by the tests, the demo and the benchmark. Test and demo infrastructure, never the product path.

/** A failure the simulated device injects. `command` limits a command fault to one command (default: any). */
export type Fault =
  | { kind: "refuse" } // nothing listens on the port: connection refused
  | { kind: "auth-reject" } // every login attempt is rejected
  | { kind: "hang-after-login" } // shell opens but never prints a prompt
  | { kind: "hang-on-command"; command?: string } // prints nothing and never returns the prompt
  | { kind: "disconnect-mid-output"; command?: string } // sends part of the output, then drops the connection
  | { kind: "slow-output"; command?: string; chunkBytes: number; delayMs: number } // output trickles
  | { kind: "garbage"; command?: string } // answers with random bytes instead of the real output
  | { kind: "unknown-command"; command: string }; // answers like the CLI does for a command it lacks

export interface SimDeviceSpec {
  name: string;
  hostname: string;
  /** netmiko name of the platform whose simulated CLI answers (its plugin's `simulator`). */
  platform: string;
  username: string;
  password: string;
  /** OpenSSH public key lines accepted for publickey auth. */
  authorizedKeys?: string[];
  /** PEM/OpenSSH private host key; generated when absent. */
  hostKey?: string;
  /** Exact command -> output text (as the device prints it, \n line endings). */
  outputs: Record<string, string>;
  /** Exact command -> XML printed after `set cli op-command-xml-output on` (the XML API's response). */
  xmlOutputs?: Record<string, string>;
  /** Keyboard-interactive banner that must be acknowledged before the password is asked. */
  loginBanner?: string;
  faults?: Fault[];
  /** Inventory tags written for this device (model, release train, ...). */
  tags?: string[];
  /**
   * When present, the device appends what each login attempt sent, as an AAA server would count it: "publickey"
   * (a signed key), "publickey offer" (a key offered without signature), "password" (by the password method), "keyboard-interactive password" (one typed at a prompt),
   * "connection" (a TCP connection accepted, dropped ones included).
   */
  authLog?: string[];
  /** Login faults (kept out of `faults`, which the platforms' CLIs read per command): close the first N TCP
   * connections at once, as sshd does beyond MaxStartups. */
  dropFirstConnections?: number;
  /** Keyboard-interactive asks for the password again after a wrong one, as some devices do. */
  passwordReprompts?: boolean;
  /**
   * Everything the shell prints reaches the client this many milliseconds late, in order (a WAN link's delay, or a
   * busy control plane): each command, each set-up command and the login prompt cost at least this long. Used by
   * the benchmark (`--latency-ms`); SSH's own handshake is not delayed.
   */
  latencyMs?: number;
}

export interface SimDevice {
  spec: SimDeviceSpec;
  host: string;
  port: number;
  /** known_hosts line for this device's host key: `[127.0.0.1]:PORT ssh-ed25519 AAAA...`. */
  knownHostsLine: string;
}

export interface SimFleet {
  devices: SimDevice[];
  /** All devices' known_hosts lines, one per line. */
  knownHosts(): string;
  close(): Promise<void>;
}

/** What a simulated CLI needs from the SSH connection it runs on. */
export interface CliConnection {
  /** Drops the TCP connection without an SSH goodbye, as a crashing device or a cut link does. */
  drop(): void;
}
