// A passphrase-protected ed25519 key (made by ssh-keygen, OpenSSH's bcrypt KDF at its default 16 rounds) used for
// 200 simulated firewalls at concurrency 100, through the whole pipeline (prepareAudit -> runPreparedAudit): every
// device is audited, and the key is decrypted exactly once for the run. Before the key was decrypted per device
// (twice: preflight, then ssh2), this same run left all 200 devices unreachable ("no SSH handshake within ...").
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { panosDevice, type PortSpec } from "../../src/platforms/paloalto_panos/simulator/outputs.js";
import { prepareAudit, type AuditRequest } from "../../src/runner/prepare.js";
import { runPreparedAudit } from "../../src/runner/audit.js";
import { startFleet } from "../../src/simulator/fleet.js";
import { fleetInventoryYaml } from "../../src/simulator/inventory.js";
import type { SimFleet } from "../../src/simulator/types.js";
import { privateKeyParses } from "../../src/transport/private-key.js";

const DEVICES = 200;
const CONCURRENCY = 100;
const PASSPHRASE = "correct horse battery staple";
// A Palo Alto-supplied optic as the device reports it (vendor-name OEM, the PAN SKU as part number: PR #111 capture).
const OEM: PortSpec = { slot: 1, port: 1, sfp: { vendorName: "OEM", partNumber: "PAN-SFP-PLUS-SR", serial: "OEM1" } };

let dir: string;
let fleet: SimFleet;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "preflight-enckey-"));
  const keygen = spawnSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", PASSPHRASE, "-f", join(dir, "id_ed25519")], { encoding: "utf8" });
  if (keygen.status !== 0) throw new Error(`ssh-keygen failed: ${keygen.stderr}`);
  const pub = (await readFile(join(dir, "id_ed25519.pub"), "utf8")).trim();
  // No password on the device side matches what the client sends: only the key can log in.
  const specs = Array.from({ length: DEVICES }, (_, i) =>
    panosDevice({ name: `fw-${String(i + 1).padStart(3, "0")}`, model: "PA-3220", swVersion: "10.1.9-h1", ports: [OEM], username: "audit", password: "not-sent-by-the-client", authorizedKeys: [pub] }),
  );
  fleet = await startFleet(specs);
  await writeFile(join(dir, "inventory.yaml"), fleetInventoryYaml(fleet, { group: "lab", targetVersion: "10.2.4-h4" }));
  await writeFile(join(dir, "known_hosts"), fleet.knownHosts());
});

afterAll(async () => {
  await fleet?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("an encrypted key at scale", () => {
  it(`audits all ${DEVICES} devices at concurrency ${CONCURRENCY}, decrypting the key once`, async () => {
    const request: AuditRequest = {
      inventory: join(dir, "inventory.yaml"),
      groups: [],
      devices: [],
      tags: [],
      checks: ["panos-transceivers-supported"],
      out: join(dir, "out"),
      concurrency: CONCURRENCY,
      knownHosts: join(dir, "known_hosts"),
      acceptNewHostKeys: false,
      identity: join(dir, "id_ed25519"),
      failOn: "low",
      connectTimeoutMs: 15_000,
      commandTimeoutMs: 30_000,
      deviceTimeoutMs: 60_000,
    };
    const before = privateKeyParses();
    const prepared = await prepareAudit(request, { PREFLIGHT_USERNAME: "audit", PREFLIGHT_KEY_PASSPHRASE: PASSPHRASE });
    if (prepared.kind !== "ready") throw new Error(`not ready: ${JSON.stringify(prepared)}`);
    const { report } = await runPreparedAudit(prepared.audit);
    const notReady = report.devices.filter((d) => d.status !== "ready").map((d) => `${d.name}: ${d.status} ${d.reason ?? ""}`);
    expect(notReady).toEqual([]);
    expect(report.devices).toHaveLength(DEVICES);
    expect(privateKeyParses() - before).toBe(1);
  }, 180_000);
});
