// The queue job's pure parts: the queue address, the per-site queue names, the check digest, and a job that
// carries the device without any secret (the credential set by name only).
import { describe, expect, it } from "vitest";
import { loadChecks } from "../../src/checks/library.js";
import { parseYamlInventory } from "../../src/inventory/yaml-inventory.js";
import { planDevice } from "../../src/runner/plan.js";
import { checkQueueOptions } from "../../src/cli/queue-options.js";
import { checkDigest, DEFAULT_SITE, displayQueue, jobForPlan, parseQueueUrl, queueName, siteOf } from "../../src/queue/job.js";

describe("queue address", () => {
  it("reads redis:// and rediss:// URLs and prints them without the password", () => {
    expect(parseQueueUrl("redis://127.0.0.1:6380/2")).toEqual({ host: "127.0.0.1", port: 6380, db: 2 });
    const secured = parseQueueUrl("rediss://ops:s%40cret@queue.example.net");
    expect(secured).toEqual({ host: "queue.example.net", port: 6379, username: "ops", password: "s@cret", tls: true });
    expect(displayQueue(secured as Exclude<typeof secured, string>)).toBe("rediss://queue.example.net:6379");
    expect(displayQueue(parseQueueUrl("redis://[::1]:7000") as never)).toBe("redis://[::1]:7000");
  });

  it("explains what is wrong with a bad URL", () => {
    expect(parseQueueUrl("127.0.0.1:6379")).toMatch(/is not a queue scheme|is not a URL/);
    expect(parseQueueUrl("http://127.0.0.1")).toBe('"http:" is not a queue scheme; use redis://host:port (rediss:// for TLS)');
    expect(parseQueueUrl("redis://127.0.0.1/x")).toBe('"x" is not a Redis database number');
  });
});

describe("audit job", () => {
  it("names the credential set only, and carries the plan's checks with their digests in order", async () => {
    const { inventory, diagnostics } = parseYamlInventory(
      "credentials:\n  ams: { username_env: AMS_USER, password_env: AMS_PASS, identity: /keys/ams }\nhosts:\n  fw-1: { platform: paloalto_panos, site: ams, credentials: ams, target_version: 10.2.4-h4 }\n  fw-2: { platform: paloalto_panos }\n",
      "inv.yaml",
    );
    expect(diagnostics).toEqual([]);
    const loaded = await loadChecks(["tag:optics"]);
    expect(loaded.diagnostics).toEqual([]);
    const [fw1, fw2] = inventory!.devices;
    const plan = planDevice(fw1!, loaded.checks);
    const job = jobForPlan(plan, { runId: "r1", index: 0, tool: "0.1.0", failOn: "low", connectTimeoutMs: 1000, commandTimeoutMs: 2000, deviceTimeoutMs: 3000, returnArtifact: false });
    expect(job.device.credentials).toBe("ams");
    expect(JSON.stringify(job)).not.toMatch(/AMS_PASS|AMS_USER|\/keys\/ams/);
    expect(job.checks.map((c) => c.id)).toEqual(plan.checks.map((c) => c.definition.id));
    expect(job.checks.every((c, i) => c.digest === checkDigest(plan.checks[i]!) && /^[0-9a-f]{64}$/.test(c.digest))).toBe(true);
    expect(job.targetVersion).toBe("10.2.4-h4");
    expect([siteOf(fw1!), siteOf(fw2!)]).toEqual(["ams", DEFAULT_SITE]);
    expect(queueName("ams")).toBe("preflight-site-ams");
  });

  it("gives another digest when a check's data changes", async () => {
    const [check] = (await loadChecks(["panos-transceivers-supported"])).checks;
    const changed = { ...check!, data: { ...check!.data, extra: [1] } };
    expect(checkDigest(changed)).not.toBe(checkDigest(check!));
    expect(checkDigest({ ...check! })).toBe(checkDigest(check!));
  });
});

describe("run --queue options", () => {
  const check = (raw: Parameters<typeof checkQueueOptions>[0]) => {
    const problems: string[] = [];
    const options = checkQueueOptions(raw, (option, message) => problems.push(`${option}: ${message}`));
    return { options, problems };
  };

  it("takes a URL and a timeout in seconds; nothing without --queue", () => {
    expect(check({ queue: "redis://127.0.0.1:6379", queueTimeout: "5" })).toEqual({ options: { queue: "redis://127.0.0.1:6379", queueTimeoutMs: 5000 }, problems: [] });
    expect(check({ queueTimeout: "5" })).toEqual({ options: {}, problems: [] });
  });

  it("refuses a password in the URL, a bad timeout and a capture to replay, all at once", () => {
    expect(check({ queue: "redis://ops:hunter2@127.0.0.1", queueTimeout: "0", fromCapture: "cap" }).problems).toEqual([
      "--queue: the URL holds a password: put it in PREFLIGHT_QUEUE_PASSWORD instead (a URL is visible in the process list and kept in the run's journal)",
      "--queue: a capture is evaluated here, offline: --queue and --from-capture do not go together",
      '--queue-timeout: "0" is not a number of seconds from 1 to 86400',
    ]);
  });
});
