// AAA-safe logins: how fast, and how many at once, preflight may log in, on top of --concurrency (which bounds open
// sessions). TACACS+/RADIUS servers throttle or lock an account that a thousand logins hit at once; a login here is
// one connection attempt from TCP connect to the end of authentication, retries included, so both limits also
// hold while a fleet is being retried.
//
// Two limits, taken in this order so that a rate slot is never spent while waiting for the other:
//   - per credential (the user name, i.e. the AAA account): at most N logins in progress at once;
//   - for the whole run: at most R logins started per second, evenly spaced (no bursts).
import { SessionError } from "./types.js";

export interface LoginLimits {
  /** Logins started per second across the run (fractions allowed: 0.5 = one every 2 s). */
  ratePerSecond?: number;
  /** Logins in progress at once for one user name. */
  perCredential?: number;
}

/** Gives back the slot taken by `acquire`; calling it twice is harmless. */
export type Release = () => void;

interface Waiter {
  grant: () => void;
  cancel: () => void;
}

/** One per run, shared by every device's session. */
export class LoginGate {
  private readonly intervalMs: number;
  private readonly perCredential: number;
  private nextStartAt = 0;
  private readonly inProgress = new Map<string, number>();
  private readonly queues = new Map<string, Waiter[]>();

  constructor(limits: LoginLimits = {}) {
    const rate = limits.ratePerSecond;
    if (rate !== undefined && !(rate > 0)) throw new RangeError(`login rate must be above 0, not ${rate}`);
    const cap = limits.perCredential;
    if (cap !== undefined && !(Number.isInteger(cap) && cap >= 1)) throw new RangeError(`logins per credential must be a whole number of at least 1, not ${cap}`);
    this.intervalMs = rate === undefined ? 0 : 1000 / rate;
    this.perCredential = cap ?? Infinity;
  }

  /** Waits for both limits; rejects with SessionError("disconnected") when `signal` aborts first. */
  async acquire(credential: string, signal?: AbortSignal): Promise<Release> {
    await this.takeCredentialSlot(credential, signal);
    let released = false;
    const release: Release = () => {
      if (released) return;
      released = true;
      this.giveBack(credential);
    };
    try {
      await this.waitForRateSlot(signal);
    } catch (err) {
      release();
      throw err;
    }
    return release;
  }

  private takeCredentialSlot(credential: string, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(cancelled());
    const busy = this.inProgress.get(credential) ?? 0;
    if (busy < this.perCredential) {
      this.inProgress.set(credential, busy + 1);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(credential) ?? [];
      this.queues.set(credential, queue);
      const onAbort = (): void => waiter.cancel();
      const waiter: Waiter = {
        // The slot is handed over directly by giveBack: the count stays as it is.
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        cancel: () => {
          const at = queue.indexOf(waiter);
          if (at !== -1) queue.splice(at, 1);
          reject(cancelled());
        },
      };
      queue.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  private giveBack(credential: string): void {
    const next = this.queues.get(credential)?.shift();
    if (next !== undefined) {
      next.grant();
      return;
    }
    const busy = (this.inProgress.get(credential) ?? 1) - 1;
    if (busy <= 0) {
      this.inProgress.delete(credential);
      this.queues.delete(credential);
    } else this.inProgress.set(credential, busy);
  }

  private waitForRateSlot(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(cancelled());
    if (this.intervalMs === 0) return Promise.resolve();
    const now = Date.now();
    const startAt = Math.max(now, this.nextStartAt);
    this.nextStartAt = startAt + this.intervalMs;
    const delay = startAt - now;
    if (delay <= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(cancelled());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, delay);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }
}

function cancelled(): SessionError {
  return new SessionError("disconnected", "cancelled while waiting to log in");
}
