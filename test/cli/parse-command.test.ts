// `preflight parse` against the built CLI: a template by index, by name, by file; its errors and exit codes.
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { preflight, ROOT } from "../helpers/cli.js";

const RAW = join(ROOT, "test/fixtures/textfsm/ntc/cisco_ios/show_version/cisco_ios_show_version.raw");
const dir = mkdtempSync(join(tmpdir(), "preflight-parse-"));

describe("preflight parse", () => {
  it("chooses the template through the index by platform and abbreviated command", async () => {
    const ran = await preflight(["parse", "--platform", "cisco_ios", "--command", "sh ver", RAW]);
    expect(ran.code).toBe(0);
    const records = JSON.parse(ran.stdout) as Record<string, unknown>[];
    expect(records[0]).toMatchObject({ hostname: "router1", version: "12.2(54)SG1", hardware: ["WS-C4948E"] });
  });

  it("takes a template by name, and the same records come out", async () => {
    const byName = await preflight(["parse", "--textfsm", "cisco_ios_show_version", RAW]);
    const byIndex = await preflight(["parse", "--platform", "cisco_ios", "--command", "show version", RAW]);
    expect(byName.code).toBe(0);
    expect(byName.stdout).toBe(byIndex.stdout);
  });

  it("reports a template error as file:line:col and exits 3", async () => {
    const bad = join(dir, "bad.textfsm");
    writeFileSync(bad, "Value A (\\S+)\n\nStart\n  ^x ${B}\n");
    const ran = await preflight(["parse", "--textfsm", bad, RAW]);
    expect(ran.code).toBe(3);
    expect(ran.stderr).toContain(`${bad}:4:6: unknown Value 'B'`);
  });

  it("exits 1 when the time limit stops a catastrophic regex", async () => {
    const slow = join(dir, "slow.textfsm");
    writeFileSync(slow, "Value A ((a+)+)\n\nStart\n  ^${A}b -> Record\n");
    const input = join(dir, "input.txt");
    writeFileSync(input, `${"a".repeat(40)}c\n`);
    const ran = await preflight(["parse", "--textfsm", slow, "--time-limit", "300", input]);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain("parsing took longer than 300 ms and was stopped");
  });

  it("explains what is missing", async () => {
    expect((await preflight(["parse", RAW])).stderr).toContain("give --textfsm TEMPLATE_OR_NAME, or --platform and --command");
    const none = await preflight(["parse", "--platform", "cisco_ios", "--command", "show nothing", RAW]);
    expect(none.code).toBe(3);
    expect(none.stderr).toContain('has no template for platform "cisco_ios" command "show nothing"');
  });
});
