// The built CLI's `preflight serve` as systemd or Kubernetes run it: SIGTERM stops it gracefully (503 to new
// requests while it drains, the run in progress cancelled with its report, its webhook delivered, exit 0), a stop
// that cannot finish in --shutdown-timeout exits 1 regardless; and HTTPS with --tls-cert/--tls-key, checked with a
// self-signed certificate the test makes (openssl), bad TLS files refused with exit 3 before anything listens.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { request as httpsRequest } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Document } from "yaml";
import type { RunReport } from "../../src/model/result.js";
import { panosDevice } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import { withSuiteOutputs } from "../../src/platforms/paloalto_panos/simulator/suite/index.js";
import { startFleet } from "../../src/simulator/fleet.js";
import type { SimFleet } from "../../src/simulator/types.js";
import { BIN, preflight, ROOT } from "../helpers/cli.js";

const CREDS = { username: "audit", password: "serve-stop-Pa55word" };
const ADMIN = "pft_admin-token-for-the-stop-tests";
const ENV = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", ...{ PREFLIGHT_USERNAME: CREDS.username, PREFLIGHT_PASSWORD: CREDS.password, PREFLIGHT_ADMIN_TOKEN: ADMIN, PREFLIGHT_WEBHOOK_SECRET: "whsec-stop-tests-0123456789" } };

interface Serving {
  child: ChildProcess;
  base: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

async function serve(args: string[]): Promise<Serving> {
  const child = spawn(process.execPath, [BIN, "serve", "--listen", "127.0.0.1:0", ...args], { cwd: ROOT, env: ENV, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const base = await new Promise<string>((resolve, reject) => {
    child.stderr!.on("data", (c: Buffer) => {
      stderr += c.toString();
      const m = /listening on (https?:\/\/\S+)/.exec(stderr);
      if (m?.[1]) resolve(m[1]);
    });
    void exited.then((code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  return { child, base, stderr: () => stderr, exited };
}

let fleet: SimFleet;
let inventory: string;
let stateDir: string;
/** The webhook receiver: holds each request `holdMs` (never answers when Infinity), then 204. */
let receiver: Server;
let receiverUrl: string;
let holdMs = 0;
const received: { event: string; at: number }[] = [];
const held = new Set<ServerResponse>();

beforeAll(async () => {
  fleet = await startFleet([withSuiteOutputs(panosDevice({ name: "fw-hang", model: "PA-3220", swVersion: "10.1.9-h1", ports: [{ slot: 1, port: 1, sfp: { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", serial: "OEM1" } }], ...CREDS, faults: [{ kind: "hang-after-login" }] }))]);
  const d = fleet.devices[0]!;
  inventory = new Document({ defaults: { credentials: "default", target_version: "10.2.4-h4" }, hosts: { [d.spec.name]: { host: d.host, port: d.port, platform: d.spec.platform } } }).toString();
  stateDir = mkdtempSync(join(tmpdir(), "preflight-serve-stop-"));
  receiver = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on("end", () => {
      received.push({ event: String(req.headers["x-preflight-event"]), at: Date.now() });
      if (holdMs === Infinity) {
        held.add(res);
        return;
      }
      setTimeout(() => res.writeHead(204).end(), holdMs);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
}, 60_000);

afterAll(async () => {
  for (const res of held) res.destroy();
  await new Promise((resolve) => receiver?.close(resolve));
  await fleet?.close();
});

const api = (base: string, path: string, init: RequestInit = {}) =>
  fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN}`, ...(init.body ? { "content-type": "application/json" } : {}) } });
const startHangingRun = async (base: string) => {
  const res = await api(base, "/api/v1/runs", { method: "POST", body: JSON.stringify({ inventory, knownHosts: fleet.knownHosts() }) });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
};

describe("preflight serve: stopping with SIGTERM", () => {
  it("drains on SIGTERM: 503 to new requests, the run cancelled and stored with its report, its webhook delivered, exit 0", { timeout: 240_000 }, async () => {
    holdMs = 2500; // the drain waits for the run.finished delivery: time to see the 503s
    const server = await serve(["--state-dir", stateDir, "--webhook", receiverUrl]);
    const id = await startHangingRun(server.base);
    await new Promise((r) => setTimeout(r, 800)); // logged in, hanging
    const signalledAt = Date.now();
    server.child.kill("SIGTERM");
    // While it drains, a new run is refused with 503 (before the signal lands, this bad request is a 422; bounded: 40
    // tries over about 2 s).
    const statuses: (number | undefined)[] = [];
    for (let i = 0; i < 40 && !statuses.includes(503); i++) {
      await new Promise((r) => setTimeout(r, 50));
      statuses.push(await api(server.base, "/api/v1/runs", { method: "POST", body: JSON.stringify({ inventory: "hosts: [" }) }).then((r) => r.status, () => undefined));
    }
    expect(statuses).toContain(503);
    expect(statuses.filter((s) => s !== 503 && s !== 422)).toEqual([]);
    expect(await server.exited).toBe(0);
    const stoppedAt = Date.now();
    expect(server.stderr()).toMatch(/SIGTERM: stopping/);
    expect(server.stderr()).toMatch(/preflight serve: stopped/);
    // The webhook went out before the process ended (the receiver answered it 2.5 s later, within the drain).
    const finished = received.find((r) => r.event === "run.finished" && r.at >= signalledAt);
    expect(finished).toBeDefined();
    expect(stoppedAt - finished!.at).toBeGreaterThanOrEqual(holdMs - 100);

    holdMs = 0;
    const again = await serve(["--state-dir", stateDir]);
    try {
      expect(again.stderr()).not.toMatch(/were in progress/);
      expect(((await (await api(again.base, `/api/v1/runs/${id}`)).json()) as { status: string }).status).toBe("cancelled");
      const report = (await (await api(again.base, `/api/v1/runs/${id}/report`)).json()) as RunReport;
      expect(report.meta.interrupted).toBe(true);
      expect(report.devices.map((d) => [d.name, d.status])).toEqual([["fw-hang", "not-run"]]);
      const deliveries = (await (await api(again.base, `/api/v1/webhooks/deliveries?run=${id}`)).json()) as { deliveries: { event: string; delivered: boolean }[] };
      expect(deliveries.deliveries).toEqual([expect.objectContaining({ event: "run.finished", delivered: true })]);
    } finally {
      again.child.kill("SIGTERM");
      expect(await again.exited).toBe(0);
    }
  });

  it("exits 1 when the stop takes longer than --shutdown-timeout (a webhook receiver that never answers)", { timeout: 240_000 }, async () => {
    holdMs = Infinity;
    const server = await serve(["--state-dir", stateDir, "--webhook", receiverUrl, "--shutdown-timeout", "1.5"]);
    await startHangingRun(server.base);
    await new Promise((r) => setTimeout(r, 800));
    const signalledAt = Date.now();
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(1);
    const took = Date.now() - signalledAt;
    expect(took).toBeGreaterThanOrEqual(1400);
    expect(took).toBeLessThan(15_000);
    expect(server.stderr()).toMatch(/did not stop within 1\.5 s/);
    holdMs = 0;
  });

  it("refuses a --shutdown-timeout that is not a positive number (exit 3)", async () => {
    const ran = await preflight(["serve", "--listen", "127.0.0.1:0", "--state-dir", stateDir, "--shutdown-timeout", "soon"], ENV);
    expect(ran.code).toBe(3);
    expect(ran.stderr).toContain('--shutdown-timeout: "soon" is not a number of seconds above 0');
  });
});

describe("preflight serve: TLS", () => {
  let dir: string;
  let ca: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "preflight-serve-tls-"));
    // A self-signed certificate for 127.0.0.1 (its own CA), and a second key that does not belong to it.
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "2", "-subj", "/CN=preflight test", "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore" });
    execFileSync("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", join(dir, "other-key.pem")], { stdio: "ignore" });
    writeFileSync(join(dir, "not-pem.txt"), "hello\n");
    ca = readFileSync(join(dir, "cert.pem"), "utf8");
  });

  /** GET over HTTPS trusting only the test's certificate. */
  const getTls = (url: string) =>
    new Promise<{ status: number; body: string; authorized: boolean }>((resolve, reject) => {
      const req = httpsRequest(url, { ca, agent: false }, (res) => {
        const authorized = (res.socket as unknown as { authorized: boolean }).authorized;
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, authorized }));
      });
      req.on("error", reject);
      req.end();
    });

  it("serves HTTPS with --tls-cert and --tls-key: /healthz and the API over TLS, verified against the certificate", { timeout: 240_000 }, async () => {
    const server = await serve(["--state-dir", stateDir, "--tls-cert", join(dir, "cert.pem"), "--tls-key", join(dir, "key.pem")]);
    try {
      expect(server.base).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(await getTls(`${server.base}/healthz`)).toEqual({ status: 200, body: '{"status":"ok"}', authorized: true });
      expect((await getTls(`${server.base}/api/v1/runs`)).status).toBe(401);
      // Without the CA the certificate is refused, and plain HTTP gets no answer from the TLS port.
      await expect(new Promise((resolve, reject) => httpsRequest(`${server.base}/healthz`, { agent: false }, resolve).on("error", reject).end())).rejects.toThrow(/self[- ]signed/);
      await expect(fetch(server.base.replace("https:", "http:") + "/healthz", { signal: AbortSignal.timeout(3000) })).rejects.toThrow();
    } finally {
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
    }
  });

  it("refuses bad TLS files with exit 3 before listening: missing, not PEM, a key of another certificate, one of the two", { timeout: 120_000 }, async () => {
    const run = (args: string[]) => preflight(["serve", "--listen", "127.0.0.1:0", "--state-dir", stateDir, ...args], ENV);
    const missing = await run(["--tls-cert", join(dir, "nope.pem"), "--tls-key", join(dir, "not-pem.txt")]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain(`--tls-cert: cannot read "${join(dir, "nope.pem")}": no such file`);
    expect(missing.stderr).toContain(`--tls-key: "${join(dir, "not-pem.txt")}" is not a PEM private key`);
    expect(missing.stderr).not.toMatch(/listening/);
    const mismatch = await run(["--tls-cert", join(dir, "cert.pem"), "--tls-key", join(dir, "other-key.pem")]);
    expect(mismatch.code).toBe(3);
    expect(mismatch.stderr).toMatch(/--tls-cert\/--tls-key: .* cannot be used together: .*key values mismatch/);
    const half = await run(["--tls-cert", join(dir, "cert.pem")]);
    expect(half.code).toBe(3);
    expect(half.stderr).toContain("--tls-cert: give --tls-key too");
  });
});
