// ssh-agent, a real one (OpenSSH's ssh-agent, started here and stopped by its PID), with per-device credential sets
// through the whole pipeline: a set naming an encrypted identity that only the agent can use (no passphrase in the
// environment) offers that one key and no other; a set with the agent alone offers what the agent holds; a password
// set next to them is untouched; an agent that has gone away is named, and the password is still tried.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { panosDevice, type PortSpec } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import { runPreparedAudit } from "../../src/runner/audit.js";
import { prepareAudit, type AuditRequest } from "../../src/runner/prepare.js";
import { startFleet } from "../../src/simulator/fleet.js";
import type { SimDeviceSpec, SimFleet } from "../../src/simulator/types.js";
import { stopDaemon } from "../helpers/sshd.js";

const PASSPHRASE = "agent-held passphrase";
const PASSWORD = "Pw-for-the-other-set";
// A Palo Alto-supplied optic as the device reports it (vendor-name OEM, the PAN SKU as part number: PR #111 capture).
const OEM: PortSpec = { slot: 1, port: 1, sfp: { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", serial: "OEM1" } };
const haveAgent = existsSync("/usr/bin/ssh-agent");

let dir: string;
let agent: ChildProcess | undefined;
let socket: string;
let fleet: SimFleet;
const specs: Record<string, SimDeviceSpec> = {};

function keygen(name: string, passphrase = ""): void {
  const run = spawnSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", passphrase, "-C", name, "-f", join(dir, name)], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`ssh-keygen: ${run.stderr}`);
}

function sshAdd(...args: string[]): void {
  // ssh-add asks for the passphrase through SSH_ASKPASS when forced to; the script prints it.
  const run = spawnSync("ssh-add", args, { encoding: "utf8", env: { PATH: process.env.PATH ?? "", SSH_AUTH_SOCK: socket, SSH_ASKPASS: join(dir, "askpass"), SSH_ASKPASS_REQUIRE: "force", DISPLAY: "none" } });
  if (run.status !== 0) throw new Error(`ssh-add ${args.join(" ")}: ${run.stderr}`);
}

async function waitForSocket(path: string): Promise<void> {
  for (let i = 0; i < 100 && !existsSync(path); i++) await new Promise((r) => setTimeout(r, 20));
  if (!existsSync(path)) throw new Error(`ssh-agent did not create ${path}`);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "preflight-agent-"));
  socket = join(dir, "agent.sock");
  await writeFile(join(dir, "askpass"), `#!/bin/sh\necho '${PASSPHRASE}'\n`);
  await chmod(join(dir, "askpass"), 0o700);
  // Five decoys first: an unrestricted agent offers them all before the right one.
  for (let i = 1; i <= 5; i++) keygen(`decoy${i}`);
  keygen("device", PASSPHRASE);
  agent = spawn("ssh-agent", ["-D", "-a", socket], { stdio: ["ignore", "ignore", "pipe"] });
  await waitForSocket(socket);
  for (let i = 1; i <= 5; i++) sshAdd(join(dir, `decoy${i}`));
  sshAdd(join(dir, "device"));
  const pub = (await readFile(join(dir, "device.pub"), "utf8")).trim();
  const device = (name: string, extra: Partial<SimDeviceSpec>): SimDeviceSpec => ({
    ...panosDevice({ name, model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM], username: "audit", password: PASSWORD }),
    authLog: [],
    ...extra,
  });
  specs.identity = device("fw-identity", { authorizedKeys: [pub], password: "not-the-password" });
  specs.agentAll = device("fw-agent-all", { authorizedKeys: [pub], password: "not-the-password" });
  specs.password = device("fw-pw", {});
  fleet = await startFleet(Object.values(specs));
  const where = (spec: SimDeviceSpec) => fleet.devices.find((d) => d.spec === spec)!;
  const host = (spec: SimDeviceSpec, credentials: string) => `  ${spec.name}: { host: 127.0.0.1, port: ${where(spec).port}, platform: paloalto_panos, credentials: ${credentials} }`;
  await writeFile(
    join(dir, "inventory.yaml"),
    [
      "defaults: { target_version: 10.2.4-h4 }",
      "credentials:",
      `  agent-identity: { username_env: LAB_USER, identity: ${join(dir, "device")}, passphrase_env: DEVICE_KEY_PASSPHRASE, agent: true }`,
      "  agent-only: { username_env: LAB_USER, agent: true }",
      "  pw-only: { username_env: LAB_USER, password_env: LAB_PASSWORD }",
      "  agent-or-pw: { username_env: LAB_USER, password_env: LAB_PASSWORD, agent: true }",
      "hosts:",
      host(specs.identity, "agent-identity"),
      host(specs.agentAll, "agent-only"),
      host(specs.password, "pw-only"),
      "",
    ].join("\n"),
  );
  await writeFile(join(dir, "known_hosts"), fleet.knownHosts());
});

afterAll(async () => {
  await fleet?.close();
  if (agent) await stopDaemon(agent);
  if (dir) await rm(dir, { recursive: true, force: true });
});

function request(devices: string[] = []): AuditRequest {
  return {
    inventory: join(dir, "inventory.yaml"),
    groups: [],
    devices,
    tags: [],
    checks: ["panos-transceivers-supported"],
    out: join(dir, "out"),
    concurrency: 10,
    knownHosts: join(dir, "known_hosts"),
    acceptNewHostKeys: false,
    failOn: "low",
    connectTimeoutMs: 10_000,
    commandTimeoutMs: 10_000,
    deviceTimeoutMs: 30_000,
  };
}

async function audit(req: AuditRequest, env: Record<string, string>) {
  const prepared = await prepareAudit(req, env);
  if (prepared.kind !== "ready") throw new Error(`not ready: ${JSON.stringify(prepared)}`);
  return (await runPreparedAudit(prepared.audit)).report;
}

describe.skipIf(!haveAgent && !process.env.CI)("ssh-agent with per-device credential sets", () => {
  it("each device logs in with its own set; an identity restricts the agent to that key", async () => {
    for (const spec of Object.values(specs)) spec.authLog = [];
    // No DEVICE_KEY_PASSPHRASE: the encrypted identity is usable only through the agent, which holds it.
    const report = await audit(request(), { LAB_USER: "audit", LAB_PASSWORD: PASSWORD, SSH_AUTH_SOCK: socket });
    expect(report.devices.map((d) => [d.name, d.status, d.reason ?? ""])).toEqual([
      ["fw-identity", "ready", ""],
      ["fw-agent-all", "ready", ""],
      ["fw-pw", "ready", ""],
    ]);
    // Restricted: the one key is offered, then signed; no decoy, no password.
    expect(specs.identity!.authLog).toEqual(["connection", "publickey offer", "publickey"]);
    // Unrestricted: the five decoys are offered first, as the agent lists them.
    expect(specs.agentAll!.authLog?.filter((e) => e === "publickey offer")).toHaveLength(6);
    expect(specs.password!.authLog?.filter((e) => e.startsWith("publickey"))).toEqual([]);
  });

  it("an agent that has gone away is named, and the password is still tried", async () => {
    const gone = join(dir, "gone.sock");
    const env = { LAB_USER: "audit", LAB_PASSWORD: PASSWORD, SSH_AUTH_SOCK: gone };
    await writeFile(join(dir, "inventory-gone.yaml"), (await readFile(join(dir, "inventory.yaml"), "utf8")).replace("credentials: pw-only }", "credentials: agent-or-pw }"));
    const report = await audit({ ...request(["fw-agent-all", "fw-pw"]), inventory: join(dir, "inventory-gone.yaml") }, env);
    const [agentOnly, fallback] = report.devices;
    expect(agentOnly?.status).toBe("unreachable");
    expect(agentOnly?.reason).toMatch(/authentication failed.*ssh-agent at .*gone\.sock cannot be used \(Failed to connect to agent\)/);
    expect(fallback?.status, fallback?.reason).toBe("ready");
  });
});
