// The login gate on its own, on a fake clock: the rate spaces logins evenly, the per-credential cap holds per user
// name and hands a freed slot to the next in line, and cancelling a wait gives nothing away.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LoginGate, type Release } from "../../src/transport/login-gate.js";
import { SessionError } from "../../src/transport/types.js";

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Starts `count` acquisitions and records when each was granted (fake time). */
function start(gate: LoginGate, credential: (i: number) => string, count: number, signal?: AbortSignal) {
  const grantedAt: (number | undefined)[] = new Array(count).fill(undefined);
  const releases: (Release | undefined)[] = new Array(count).fill(undefined);
  const errors: unknown[] = [];
  const all = Array.from({ length: count }, (_, i) =>
    gate.acquire(credential(i), signal).then(
      (release) => {
        grantedAt[i] = Date.now();
        releases[i] = release;
      },
      (err: unknown) => errors.push(err),
    ),
  );
  return { grantedAt, releases, errors, all };
}

describe("LoginGate", () => {
  it("without limits lets every login start at once", async () => {
    const run = start(new LoginGate(), () => "audit", 50);
    await vi.runAllTimersAsync();
    expect(run.grantedAt.every((t) => t === 0)).toBe(true);
  });

  it("spaces logins evenly at the login rate, with no burst", async () => {
    const run = start(new LoginGate({ ratePerSecond: 4 }), () => "audit", 6);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(run.grantedAt).toEqual([0, 250, 500, 750, 1000, 1250]);
  });

  it("caps logins in progress per user name, not across user names", async () => {
    const gate = new LoginGate({ perCredential: 2 });
    const run = start(gate, (i) => (i < 4 ? "audit" : "other"), 6);
    await vi.advanceTimersByTimeAsync(0);
    expect(run.grantedAt).toEqual([0, 0, undefined, undefined, 0, 0]);
    await vi.advanceTimersByTimeAsync(100);
    run.releases[0]?.();
    run.releases[0]?.(); // twice is harmless: it must not free a second slot
    await vi.advanceTimersByTimeAsync(0);
    expect(run.grantedAt).toEqual([0, 0, 100, undefined, 0, 0]);
    run.releases[1]?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(run.grantedAt[3]).toBe(100);
  });

  it("takes the credential slot before the rate slot, so a capped user does not spend the run's rate", async () => {
    const gate = new LoginGate({ ratePerSecond: 1, perCredential: 1 });
    const run = start(gate, (i) => (i < 3 ? "audit" : "other"), 4);
    await vi.advanceTimersByTimeAsync(0);
    // audit#0 at 0; other at 1000 (the second rate slot), not after audit's queued logins.
    await vi.advanceTimersByTimeAsync(1000);
    expect(run.grantedAt).toEqual([0, undefined, undefined, 1000]);
    run.releases[0]?.();
    await vi.advanceTimersByTimeAsync(1000);
    expect(run.grantedAt[1]).toBe(2000);
  });

  it("a cancelled wait rejects as disconnected and leaves its place to the next", async () => {
    const gate = new LoginGate({ perCredential: 1 });
    const first = start(gate, () => "audit", 1);
    await vi.advanceTimersByTimeAsync(0);
    const controller = new AbortController();
    const cancelled = start(gate, () => "audit", 1, controller.signal);
    const later = start(gate, () => "audit", 1);
    controller.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(cancelled.errors[0]).toBeInstanceOf(SessionError);
    expect((cancelled.errors[0] as SessionError).kind).toBe("disconnected");
    first.releases[0]?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(later.grantedAt[0]).toBe(0);
  });

  it("refuses limits that make no sense", () => {
    expect(() => new LoginGate({ ratePerSecond: 0 })).toThrow(/login rate must be above 0/);
    expect(() => new LoginGate({ perCredential: 1.5 })).toThrow(/whole number of at least 1/);
  });
});
