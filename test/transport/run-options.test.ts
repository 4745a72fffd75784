// The transport's run-wide flags: parsed and checked with the other run options (exit 3 on nonsense), and turned
// once per run into one shared login gate and the retry policy.
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { addTransportOptions, checkRunOptions, type RawRunOptions } from "../../src/cli/options.js";
import { LoginGate } from "../../src/transport/login-gate.js";
import { parseLoginRate, sessionOptionsFor } from "../../src/transport/run-options.js";

const BASE: RawRunOptions = { inventory: "i.yaml", group: [], device: [], tag: [], checks: [], path: [], out: "out", format: [], concurrency: "20", acceptNewHostKeys: false, failOn: "low", connectTimeout: "15", commandTimeout: "60", deviceTimeout: "300", progress: false };

describe("--login-rate", () => {
  it("reads logins per second or per minute", () => {
    expect(parseLoginRate("5")).toBe(5);
    expect(parseLoginRate("0.5/s")).toBe(0.5);
    expect(parseLoginRate("120/min")).toBe(2);
    expect(parseLoginRate("0")).toBeUndefined();
    expect(parseLoginRate("fast")).toBeUndefined();
    expect(parseLoginRate("5/h")).toBeUndefined();
  });
});

describe("checkRunOptions: transport flags", () => {
  it("defaults to no limits and no retries", () => {
    const { options, diagnostics } = checkRunOptions(BASE);
    expect(diagnostics).toEqual([]);
    expect(options.transport).toEqual({ connectRetries: 0 });
  });

  it("takes the flags as commander parses them", () => {
    const command = addTransportOptions(new Command().exitOverride());
    command.parse(["--login-rate", "120/min", "--max-logins-per-credential", "4", "--connect-retries", "3"], { from: "user" });
    const { options, diagnostics } = checkRunOptions({ ...BASE, ...command.opts() });
    expect(diagnostics).toEqual([]);
    expect(options.transport).toEqual({ loginRate: 2, loginsPerCredential: 4, connectRetries: 3 });
  });

  it("names each bad flag", () => {
    const { diagnostics } = checkRunOptions({ ...BASE, loginRate: "lots", maxLoginsPerCredential: "0", connectRetries: "99" });
    expect(diagnostics.map((d) => `${d.file}: ${d.message}`)).toEqual([
      '--connect-retries: "99" is not a whole number from 0 to 10',
      '--login-rate: "lots" is not a login rate; use a number of logins per second (5, 0.5/s) or per minute (120/min)',
      '--max-logins-per-credential: "0" is not a whole number from 1 to 1000',
    ]);
  });
});

describe("sessionOptionsFor", () => {
  it("builds one gate only when a limit is asked for", () => {
    expect(sessionOptionsFor({ connectRetries: 2 })).toEqual({ connectRetries: 2 });
    const limited = sessionOptionsFor({ loginRate: 5, connectRetries: 0 });
    expect(limited.loginGate).toBeInstanceOf(LoginGate);
  });
});
