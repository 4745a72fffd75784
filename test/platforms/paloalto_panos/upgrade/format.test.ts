// What `preflight path` prints and returns: the hops with their reasons, rule texts and sources, the downloads,
// and exit code 3 with every problem on stderr for bad input.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { pathCommand, type PathCommandArgs } from "../../../../src/cli/path-command.js";
import { formatPath } from "../../../../src/platforms/paloalto_panos/upgrade/format.js";
import { planPanosPath } from "../../../../src/platforms/paloalto_panos/upgrade/plan.js";
import { defaultUpgradeRulesFile, loadUpgradeRules, type UpgradeRules } from "../../../../src/platforms/paloalto_panos/upgrade/rules.js";

let rules: UpgradeRules;
beforeAll(async () => {
  rules = await loadUpgradeRules();
});

async function run(args: PathCommandArgs): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on("data", (c: Buffer) => out.push(c.toString()));
  stderr.on("data", (c: Buffer) => err.push(c.toString()));
  const code = await pathCommand(args, { stdout, stderr });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("formatPath", () => {
  it("prints one block per hop with its reason and rule, then the downloads and the sources", () => {
    const text = formatPath(planPanosPath("9.1.14", "10.2.4-h4", rules), rules);
    const lines = text.split("\n");
    expect(lines[0]).toBe("PAN-OS upgrade path 9.1.14 -> 10.2.4-h4: 3 reboot(s)");
    expect(lines.filter((l) => /^ {1,2}\d+\. boot /.test(l))).toEqual([
      " 1. boot 10.0.12-h6  (feature release 10.0)",
      " 2. boot 10.1.14-h20  (feature release 10.1)",
      " 3. boot 10.2.4-h4  (feature release 10.2)  <- target",
    ]);
    expect(text).toContain("    rule sequential-feature-releases: An upgrade goes from one feature release to the next");
    expect(text).toContain("downloads, in order:\n  10.0.0  (base image, download only)\n  10.0.12-h6\n  10.1.0  (base image, download only)\n");
    expect(text).toContain("  [techdocs-91-upgrade-path] Determine the Upgrade Path (PAN-OS 9.1 New Features Guide");
    expect(text).toContain("(retrieved 2026-11-22)");
  });

  it("flags a base image the data has not verified", () => {
    const text = formatPath(planPanosPath("11.0.3", "11.2.4", rules), rules);
    expect(text).toContain("  11.2.0  (base image, download only; base image not verified: see the data file)");
  });

  it("says so when there is nothing to do", () => {
    expect(formatPath(planPanosPath("10.2.4-h4", "10.2.4-h4", rules), rules)).toBe(
      "PAN-OS 10.2.4-h4 -> 10.2.4-h4: the device already runs the target; nothing to install.\n",
    );
  });
});

describe("pathCommand", () => {
  it("prints the planned path and exits 0", async () => {
    const { code, stdout, stderr } = await run({ platform: "paloalto_panos", from: "10.2.9", to: "12.1.4" });
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toContain(" 1. boot 12.1.4  (feature release 12.1)  <- target");
    expect(stdout).toContain("  12.1.2  (base image, download only)");
  });

  it("honours maintenance none and ha", async () => {
    const none = await run({ platform: "paloalto_panos", from: "9.1.14", to: "10.2.4-h4", maintenance: "none" });
    expect(none.stdout).toContain(" 1. boot 10.0.0  (feature release 10.0)");
    const ha = await run({ platform: "paloalto_panos", from: "10.2.9", to: "11.1.4-h7", ha: true });
    expect(ha.stdout).toContain("    rule ha-peers-step-each-release:");
  });

  it("validates an explicit path and prints every violation on stderr with exit 3", async () => {
    const { code, stdout, stderr } = await run({ platform: "paloalto_panos", from: "9.1.14", to: "10.2.4-h4", path: ["10.1.0", "10.2.0", "10.2.4-h3"] });
    expect(code).toBe(3);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toEqual([
      "preflight path: the path ends at 10.2.4-h3 but the target is 10.2.4-h4: the path must end at the target",
      "preflight path: path entry 1 (10.1.0): going from 9.1.14 to 10.1.0 skips 1 feature release (10.0), but a device on 9.1 (before 10.1) cannot skip a feature release [rule sequential-feature-releases]",
    ]);
  });

  it("prints a valid explicit path", async () => {
    const { code, stdout } = await run({ platform: "paloalto_panos", from: "10.0.8", to: "10.2.4-h4", path: ["10.1.0", "10.2.0", "10.2.4-h4"] });
    expect(code).toBe(0);
    expect(stdout).toContain(" 2. boot 10.2.0  (feature release 10.2)");
  });

  it("exits 3 on a downgrade", async () => {
    const { code, stderr } = await run({ platform: "paloalto_panos", from: "10.2.4", to: "10.1.3" });
    expect(code).toBe(3);
    expect(stderr).toContain("preflight path: 10.1.3 is older than 10.2.4: that is a downgrade");
  });

  it("exits 3 for another platform", async () => {
    const { code, stderr } = await run({ platform: "cisco_ios", from: "15.2.4", to: "15.2.7" });
    expect(code).toBe(3);
    expect(stderr).toBe('preflight path: upgrade paths are known for paloalto_panos only, not "cisco_ios"\n');
  });

  it("exits 3 with file:line:col diagnostics when the data file is broken", async () => {
    const dir = mkdtempSync(join(tmpdir(), "preflight-paths-"));
    const file = join(dir, "upgrade-paths.yaml");
    writeFileSync(file, readFileSync(defaultUpgradeRulesFile(), "utf8").replace("max_skipped: 3", "max_skiped: 3"));
    const { code, stderr } = await run({ platform: "paloalto_panos", from: "10.2.9", to: "12.1.4", rulesFile: file });
    expect(code).toBe(3);
    expect(stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+: rules\\.skip`, "m"));
    expect(stderr).toContain('rules.skip.max_skiped: unknown key "max_skiped" (did you mean "max_skipped"?)');
    expect(stderr).toContain('missing key "max_skipped"');
    expect(stderr).toContain("preflight path: the upgrade-path data has 2 problem(s)");
  });
});
