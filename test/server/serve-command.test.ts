// `preflight serve` as a user starts it: the built binary on 127.0.0.1:0, one request, Ctrl-C stops it cleanly.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseListen } from "../../src/cli/serve-command.js";
import { BIN } from "../helpers/cli.js";

describe("preflight serve", () => {
  it("parses --listen host:port, IPv6 in brackets, and refuses the rest", () => {
    expect(parseListen("127.0.0.1:8080")).toEqual({ host: "127.0.0.1", port: 8080 });
    expect(parseListen("[::1]:0")).toEqual({ host: "::1", port: 0 });
    expect(parseListen("8080")).toBeUndefined();
    expect(parseListen("host:99999")).toBeUndefined();
  });

  // The first start creates the embedded database in --state-dir (about 10 s; longer on a loaded machine).
  it("listens, answers /healthz, and exits 0 on SIGINT", { timeout: 120_000 }, async () => {
    const child = spawn(process.execPath, [BIN, "serve", "--listen", "127.0.0.1:0", "--state-dir", mkdtempSync(join(tmpdir(), "preflight-serve-"))], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    const address = await new Promise<string>((resolve, reject) => {
      child.stderr.on("data", (c: Buffer) => {
        stderr += c.toString();
        const m = /listening on (http:\/\/\S+)/.exec(stderr);
        if (m?.[1]) resolve(m[1]);
      });
      child.on("close", () => reject(new Error(`serve exited: ${stderr}`)));
    });
    const res = await fetch(`${address}/healthz`);
    expect(res.status).toBe(200);
    const code = await new Promise<number | null>((resolve) => {
      child.on("close", (c) => resolve(c));
      child.kill("SIGINT");
    });
    expect(code).toBe(0);
  });

  it("refuses a bad --listen with exit 3", async () => {
    const child = spawn(process.execPath, [BIN, "serve", "--listen", "nope"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    expect(code).toBe(3);
    expect(stderr).toContain('"nope" is not host:port');
  });
});
