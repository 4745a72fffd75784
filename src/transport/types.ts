// The contract between the runner and whatever talks to a device (SSH today, a capture replay later).

export interface SessionTimeouts {
  /** TCP connect + SSH handshake. */
  connectMs: number;
  /** Authentication, including a login banner. */
  authMs: number;
  /** One command, from send to prompt. */
  commandMs: number;
}

/** Why a device session failed. `unreachable` kinds mean preflight never got a working CLI. */
export type SessionErrorKind =
  | "connect-refused"
  | "connect-timeout"
  | "dns"
  | "auth-failed"
  | "auth-timeout"
  | "host-key-unknown"
  | "host-key-changed"
  | "prompt-timeout"
  | "command-timeout"
  | "disconnected"
  | "cli-error"
  | "output-too-large"
  | "protocol";

/** One failed connection attempt of a device that was retried (--connect-retries). */
export interface ConnectAttempt {
  /** 1 for the first attempt. */
  attempt: number;
  kind: SessionErrorKind;
  message: string;
  /** How long preflight waited before the next attempt. */
  retryInMs: number;
}

export class SessionError extends Error {
  readonly kind: SessionErrorKind;
  /**
   * True only for transport failures before authentication began (refused, reset, timed out, closed during the
   * handshake): nothing was sent that an AAA server could count, so the connection may be tried again.
   */
  readonly retryable: boolean;
  /** The earlier attempts, when this error ends a device's retries. */
  attempts: ConnectAttempt[] = [];
  constructor(kind: SessionErrorKind, message: string, options: { retryable?: boolean } = {}) {
    super(message);
    this.name = "SessionError";
    this.kind = kind;
    this.retryable = options.retryable ?? false;
  }
  /** True when the device could not be logged in to at all (status `unreachable` rather than `error`). */
  get unreachable(): boolean {
    return isUnreachableKind(this.kind);
  }
}

const UNREACHABLE_KINDS: readonly SessionErrorKind[] = ["connect-refused", "connect-timeout", "dns", "auth-failed", "auth-timeout", "host-key-unknown", "host-key-changed", "protocol"];

/** The kinds that mean preflight never got a working CLI. */
export function isUnreachableKind(kind: SessionErrorKind): boolean {
  return UNREACHABLE_KINDS.includes(kind);
}

export interface CommandOutput {
  command: string;
  /** Output with echo, prompt and pager artefacts removed; line endings normalised to \n. */
  output: string;
  durationMs: number;
}

/** An open CLI session on one device. Commands run one at a time, in order. */
export interface DeviceSession {
  /** Failed attempts before this session's connection succeeded (empty without retries). */
  readonly connectAttempts?: readonly ConnectAttempt[];
  /** Legacy algorithms the connection negotiated (opt-in per device: inventory `legacy_algorithms`); empty when none. */
  readonly legacyAlgorithmsUsed?: readonly string[];
  /** Runs one read-only command. Rejects with SessionError (cli-error, command-timeout, disconnected). */
  run(command: string): Promise<CommandOutput>;
  close(): Promise<void>;
}
