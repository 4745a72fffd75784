// `preflight explain`: a check in words (needs, does, outcome, tests), conditions read as sentences, and the
// command's exit codes with did-you-mean.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeCondition, explainCheck, explainedOperators } from "../../src/checks/explain.js";
import { operatorNames } from "../../src/checks/operators.js";
import { packagePath } from "../../src/util/package-root.js";
import { loadOk, sink } from "./helpers.js";
import { explainCommand } from "../../src/cli/explain-command.js";

const OPTICS = packagePath("checks", "paloalto_panos", "panos-transceivers-supported.yaml");


describe("explainCheck", () => {
  it("says what the optics check needs, does and means, in words", async () => {
    const text = explainCheck(await loadOk(OPTICS), { cwd: packagePath() });
    const lines = text.split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "panos-transceivers-supported: Installed optics are supported on every PAN-OS release of the upgrade path",
      "severity critical · platforms paloalto_panos · tags optics, hardware, upgrade",
      "file checks/paloalto_panos/panos-transceivers-supported.yaml",
    ]);
    expect(lines).toContain("    $phy: show system state filter-pretty sys.s*.p*.phy   (parser panos-phy)");
    expect(lines).toContain("    approved: data/transceivers.local.yaml   (optional: read as empty when absent)");
    expect(lines).toContain("      source: Palo Alto Networks transceiver SKUs, matched on the EEPROM pair genuine optics report");
    expect(lines).toContain("      retrieved: 2026-11-22");
    expect(lines).toContain("  a target version (--target-version or target_version in the inventory); without one the check is error");
    expect(lines).toContain("  only the items where");
    expect(lines).toContain("    `sfp` is present");
    expect(text).toMatch(/`\{vendor: sfp."vendor-name", part: sfp."vendor-part-number"\}` is one of the values of `\[\$data\.supported\.parts.*` \(text compared trimmed, ignoring case\)/);
    expect(text).toContain("evaluated once for every release of the upgrade path");
    expect(text).toContain("an empty list: error (no data is never a pass)");
    expect(text).toContain("fail when there is a finding, each worded:");
    expect(text).toContain("Remediation\n  Replace the listed optics");
    expect(text).toContain("References\n  - https://docs.paloaltonetworks.com/hardware/transceivers");
    expect(text).not.toContain("Test cases");
  });

  it("lists the test cases with their expected status, or where to add them", async () => {
    const check = await loadOk(OPTICS);
    const withCases = explainCheck(check, { cwd: "/", tests: { file: "/t/x.yaml", problems: 0, cases: [{ name: "OEM only", expect: { status: "pass" } }] } });
    expect(withCases).toContain("Test cases\n  t/x.yaml\n    - OEM only  →  pass\n");
    expect(explainCheck(check, { cwd: "/", tests: { file: "/t/x.yaml", problems: 0, cases: [] } })).toContain("Test cases\n  none yet: add t/x.yaml (see docs/check-tests.md)\n");
    expect(explainCheck(check, { cwd: "/", tests: { file: "/t/x.yaml", problems: 2, cases: [] } })).toContain("t/x.yaml has 2 problem(s): run `preflight test` to see them");
  });

  it("explains when, depends_on and params", async () => {
    const dir = mkdtempSync(join(tmpdir(), "preflight-explain-"));
    writeFileSync(
      join(dir, "site-disk.yaml"),
      `id: site-disk
title: Enough free space for the image
description: d
severity: medium
warn_only: true
platforms: [paloalto_panos]
when:
  target_version: ">=10.2.0"
  models: ["PA-3*"]
  condition: { path: "$params.min_free_gb", gt: 1 }
params:
  min_free_gb: { description: Free space needed, type: number, default: 6 }
gather:
  disk: { command: show system disk-space, parser: text }
assert:
  require: { at_least: 1 }
  expect: { path: "$disk", not_empty: true }
message: not enough
remediation: r
`,
    );
    const text = explainCheck(await loadOk(join(dir, "site-disk.yaml")), { cwd: dir });
    expect(text).toContain("severity medium (warn only: never blocks)");
    expect(text).toContain("  applies only when:\n    the target release is in >=10.2.0\n    the model matches one of PA-3*\n    `$params.min_free_gb` is greater than 1\n  otherwise the result is not-applicable");
    expect(text).toContain("    $params.min_free_gb: Free space needed   (default 6)");
    expect(text).toContain("  one device-wide item holding every gathered output\n");
    expect(text).toContain("  at least 1 selected item(s) must satisfy\n    `$disk` is not empty\n");
    expect(text).toContain("warn when there is a finding");
  });
});

describe("describeCondition", () => {
  it("nests all/any/not and words literal operands", () => {
    expect(
      describeCondition({
        all: [
          { path: "cpu", range: { min: 0, max: 80, max_inclusive: false } },
          { any: [{ path: "name", matches: "^fw-", ignore_case: true }, { not: { path: "ver", version_lt: "10.2.0" } }] },
          { path: "zones", in: Array.from({ length: 30 }, (_, i) => `zone-${i}`) },
          { path: "n", eq: "10", loose: true },
        ],
      }),
    ).toEqual([
      "all of:",
      "- `cpu` is a number in [0, 80)",
      "- any of:",
      "  - `name` matches the regular expression /^fw-/ (text compared trimmed, ignoring case)",
      "  - not:",
      "    - `ver` is a release before 10.2.0",
      "- `zones` is one of a list of 30 values",
      '- `n` equals "10" (text compared trimmed, ignoring case; numbers and numeric strings compared as numbers)',
    ]);
    expect(describeCondition({ tolerance: { target: 100, percent: 5 } })).toEqual(["the item is within 100 ± 5%"]);
  });

  it("has words for every operator the engine knows", () => {
    expect(explainedOperators().sort()).toEqual(operatorNames().sort());
  });
});

describe("explainCommand", () => {
  it("prints the explanation with the built-in check's test cases and exits 0", async () => {
    const io = sink();
    expect(await explainCommand("panos-transceivers-supported", { ...io, cwd: packagePath() })).toBe(0);
    expect(io.out()).toContain("Test cases\n  checks/paloalto_panos/tests/panos-transceivers-supported.yaml\n    - a Palo Alto-supplied SFP+ as a real firewall prints it (OEM, PAN-SFP-PLUS-SR, no serial) passes  →  pass\n");
    expect(io.err()).toBe("");
  });

  it("takes a check file too", async () => {
    const io = sink();
    expect(await explainCommand(OPTICS, io)).toBe(0);
    expect(io.out()).toMatch(/^panos-transceivers-supported: /);
  });

  it("exits 3 on an unknown id, with did-you-mean", async () => {
    const io = sink();
    expect(await explainCommand("panos-transceiver-supported", io)).toBe(3);
    expect(io.out()).toBe("");
    expect(io.err()).toBe('--checks: "panos-transceiver-supported" is neither a file, a folder nor a known check id (did you mean "panos-transceivers-supported"?)\n');
  });

  it("exits 3 on a folder or a glob: explain takes one check", async () => {
    const io = sink();
    expect(await explainCommand("panos-*", io)).toBe(3);
    expect(io.err()).toBe('"panos-*" is not a check id or a check file\n');
  });
});
