// The transport's run-wide options (--login-rate, --max-logins-per-credential, --connect-retries, ...), validated by
// the CLI, and turned here, once per run, into what every device's openSshSession gets: one shared login gate, the
// retry policy. The runner spreads `sessionOptionsFor(request)` into each SshSessionOptions.
import { LoginGate } from "./login-gate.js";
import type { SshSessionOptions } from "./ssh-session.js";

export interface TransportRequest {
  /** Logins started per second across the run. */
  loginRate?: number;
  /** Logins in progress at once per user name. */
  loginsPerCredential?: number;
  /** Retries of transport failures before authentication (0: none). */
  connectRetries: number;
  /** First retry's wait; doubles each time. */
  retryBackoffMs?: number;
}

export const DEFAULT_TRANSPORT: TransportRequest = { connectRetries: 0 };

/** Built once per run: the gate must be shared by every device to limit anything. */
export function sessionOptionsFor(request: TransportRequest = DEFAULT_TRANSPORT): Pick<SshSessionOptions, "loginGate" | "connectRetries" | "retryBackoffMs"> {
  const limited = request.loginRate !== undefined || request.loginsPerCredential !== undefined;
  return {
    ...(limited
      ? {
          loginGate: new LoginGate({
            ...(request.loginRate !== undefined ? { ratePerSecond: request.loginRate } : {}),
            ...(request.loginsPerCredential !== undefined ? { perCredential: request.loginsPerCredential } : {}),
          }),
        }
      : {}),
    connectRetries: request.connectRetries,
    ...(request.retryBackoffMs !== undefined ? { retryBackoffMs: request.retryBackoffMs } : {}),
  };
}

const RATE = /^(\d+(?:\.\d+)?)\s*(?:\/\s*(s|sec|second|m|min|minute))?$/i;

/** "5", "5/s", "0.5/s", "120/min" -> logins per second; undefined when the text is not a rate. */
export function parseLoginRate(text: string): number | undefined {
  const m = RATE.exec(text.trim());
  if (m === null) return undefined;
  const n = Number(m[1]);
  const perSecond = /^m/i.test(m[2] ?? "s") ? n / 60 : n;
  return perSecond > 0 && Number.isFinite(perSecond) ? perSecond : undefined;
}

/** What one device adds to its session options (the connector spreads it next to sessionOptionsFor's). */
export function deviceSessionOptions(device: { legacyAlgorithms?: string[] }): Pick<SshSessionOptions, "legacyAlgorithms"> {
  return device.legacyAlgorithms?.length ? { legacyAlgorithms: device.legacyAlgorithms } : {};
}
