// Check test cases (`preflight test`): loading and validating test files, comparing results with what a case
// expects, the report and the command's exit codes. Each scenario writes a small check pack to a temp folder.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { findTestFiles, formatTestReport, loadTestCases, runCheckTests, runTestCases } from "../../src/checks/testing.js";
import { formatDiagnostic } from "../../src/util/diagnostics.js";
import { loadOk, sink } from "./helpers.js";
import { testCommand } from "../../src/cli/test-command.js";

// A device-wide check on `show system info`: the hostname must follow the naming rule.
const CHECK = `id: site-hostname
title: Hostnames follow the naming rule
description: Devices outside the naming rule are missed by monitoring.
severity: high
platforms: [paloalto_panos]
tags: [site]
gather:
  info: { command: show system info, parser: key-value }
assert:
  expect: { path: '$info.hostname', matches: '^fw-' }
message: "hostname {{ $info.hostname }} does not follow the naming rule"
remediation: Rename the device.
`;

const GOOD_CASES = `check: site-hostname
cases:
  - name: a conforming hostname passes
    outputs:
      info: "hostname: fw-1\\nmodel: PA-3220"
    expect: { status: pass }
  - name: another hostname fails
    outputs:
      info: { file: fixtures/core.txt }
    expect:
      status: fail
      findings:
        - { message: "hostname core-1 does not follow the naming rule", actual: core-1 }
  - name: a failed command is an error
    outputs:
      info: { error: "Invalid syntax." }
    expect: { status: error, reason: Invalid syntax. }
`;

function pack(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "preflight-tests-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const goodPack = () => pack({ "site-hostname.yaml": CHECK, "tests/site-hostname.yaml": GOOD_CASES, "tests/fixtures/core.txt": "hostname: core-1\n" });


async function loadWith(cases: string) {
  const dir = pack({ "site-hostname.yaml": CHECK, "tests/site-hostname.yaml": cases, "tests/fixtures/core.txt": "hostname: core-1\n" });
  const check = await loadOk(join(dir, "site-hostname.yaml"));
  return { dir, check, ...(await loadTestCases(join(dir, "tests/site-hostname.yaml"), check)) };
}

describe("findTestFiles", () => {
  it("maps each check to tests/<id>.yaml beside it and leaves out checks without one", () => {
    const dir = pack({ "a.yaml": CHECK, "b.yaml": CHECK, "tests/a.yaml": GOOD_CASES, "tests/b.yml.txt": "" });
    const found = findTestFiles([join(dir, "a.yaml"), join(dir, "b.yaml")]);
    expect([...found]).toEqual([[join(dir, "a.yaml"), join(dir, "tests/a.yaml")]]);
  });
});

describe("loadTestCases", () => {
  it("builds the device and the outputs by command: inline, from a file, or a failed command", async () => {
    const { cases, diagnostics } = await loadWith(GOOD_CASES);
    expect(diagnostics).toEqual([]);
    expect(cases.map((c) => c.name)).toEqual(["a conforming hostname passes", "another hostname fails", "a failed command is an error"]);
    expect(cases[0]!.device).toMatchObject({ platform: "paloalto_panos", name: "test-device", vars: {}, facts: {} });
    expect(cases[0]!.device.hop).toBeUndefined();
    expect(cases[1]!.outputs.get("show system info")).toEqual({ command: "show system info", output: "hostname: core-1\n" });
    expect(cases[2]!.outputs.get("show system info")).toEqual({ command: "show system info", error: "Invalid syntax." });
    expect(cases[1]!.line).toBe(7);
  });

  it("sets the hop from target_version, and every hop from upgrade_path", async () => {
    const { cases, diagnostics } = await loadWith(`check: site-hostname
cases:
  - { name: target, target_version: 10.2.4-h4, expect: { status: error } }
  - { name: path, upgrade_path: [10.1.0, 10.2.0, 10.2.4-h4], downloads: [10.1.0, 10.2.0, 10.2.4-h4], expect: { status: error } }
`);
    expect(diagnostics).toEqual([]);
    expect(cases[0]!.device.hop).toEqual({ version: "10.2.4-h4", feature_release: "10.2" });
    expect(cases[0]!.device.hops).toBeUndefined();
    expect(cases[1]!.device.hop).toEqual({ version: "10.2.4-h4", feature_release: "10.2" });
    expect(cases[1]!.device.hops?.map((h) => h.feature_release)).toEqual(["10.1", "10.2", "10.2"]);
    expect(cases[1]!.device.downloads).toEqual(["10.1.0", "10.2.0", "10.2.4-h4"]);
    expect(cases[0]!.device.downloads).toBeUndefined();
  });

  it("reports schema problems as file:line:col sentences, and returns no case", async () => {
    const { cases, diagnostics } = await loadWith(`check: site-hostname
cases:
  - name: typo in the status
    outputs: { info: "hostname: fw-1" }
    expect: { status: passed }
  - name: unknown key
    target: 10.2.4
    expect: { status: pass }
`);
    expect(cases).toEqual([]);
    const text = diagnostics.map(formatDiagnostic).map((l) => l.replace(/^.*tests\//, ""));
    expect(text).toEqual([
      'site-hostname.yaml:5:23: "cases.0.expect.status" must be one of "pass", "fail", "warn", "error", "not-applicable"',
      'site-hostname.yaml:7:5: unknown key "target" in "cases.1" (did you mean "target_version"?)',
    ]);
  });

  it("words problems at the root as about the test file", async () => {
    const { diagnostics } = await loadWith("check: site-hostname\n");
    expect(diagnostics.map((d) => d.message)).toEqual(['the test file is missing the required key "cases"']);
  });

  it("reports what the schema cannot see: gather names, files, platforms, versions, names, the check id", async () => {
    const { cases, diagnostics } = await loadWith(`check: site-hostnames
cases:
  - name: one
    outputs: { inof: "hostname: fw-1" }
    expect: { status: pass }
  - name: one
    outputs: { info: { file: fixtures/nope.txt } }
    expect: { status: pass }
  - name: three
    platform: panos
    expect: { status: pass }
  - name: four
    target_version: 10.2.x
    upgrade_path: [10.1.0, 10.2.0]
    expect: { status: pass, findings: [{ key: a }] }
`);
    expect(cases).toEqual([]);
    const byLine = diagnostics.map((d) => `${d.line}: ${d.message}`);
    expect(byLine).toEqual([
      '1: "check" is "site-hostnames" but this file tests "site-hostname"; it must name the check it sits beside',
      '4: "inof" is not a gather name of site-hostname (did you mean "info"?); outputs are given by gather name: info',
      '6: duplicate case name "one" (first at line 3): names must be unique so a failure points at one case',
      expect.stringMatching(/^7: output file "fixtures\/nope.txt" cannot be read: ENOENT/),
      '10: unknown platform "panos" (did you mean "paloalto_panos"?); known: paloalto_panos, linux, arista_eos, cisco_nxos, juniper_junos, fortinet, frr, cisco_ios, cisco_xe',
      expect.stringMatching(/^13: "10.2.x" is not a paloalto_panos version: /),
      '14: upgrade_path ends with "10.2.0" but target_version is "10.2.x": the target is the last release booted',
      '15: a check that ends "pass" has no findings: remove expect.findings or expect fail, warn or error',
    ]);
    expect(diagnostics[1]!.col).toBe(16);
  });
});

describe("runTestCases", () => {
  it("passes the cases whose result matches", async () => {
    const { check, cases } = await loadWith(GOOD_CASES);
    const results = runTestCases(check, cases);
    expect(results.map((r) => [r.name, r.passed])).toEqual([
      ["a conforming hostname passes", true],
      ["another hostname fails", true],
      ["a failed command is an error", true],
    ]);
    expect(results[1]!.actual.findings[0]!.actual).toBe("core-1");
    expect(results.every((r) => r.explanation === undefined)).toBe(true);
  });

  it("explains a wrong status and reason: expected, got, then the actual result", async () => {
    const { check, cases } = await loadWith(`check: site-hostname
cases:
  - name: wrong
    outputs: { info: "hostname: core-1" }
    expect: { status: pass, reason: nope }
`);
    const [result] = runTestCases(check, cases);
    expect(result!.passed).toBe(false);
    expect(result!.explanation!.split("\n")).toEqual([
      "status: expected pass, got fail",
      'reason: expected to contain "nope", got no reason',
      "actual: fail, 1 finding(s):",
      '  {"message":"hostname core-1 does not follow the naming rule"}',
    ]);
  });

  it("compares findings in number and order, on the fields given", async () => {
    const { check, cases } = await loadWith(`check: site-hostname
cases:
  - name: field mismatches
    outputs: { info: "hostname: core-1" }
    expect:
      status: fail
      findings:
        - { key: core, message_contains: naming rules, actual: core-2 }
  - name: a missing finding
    outputs: { info: "hostname: core-1" }
    expect:
      status: fail
      findings: [{ message_contains: naming }, { message_contains: second }]
  - name: an extra finding
    outputs: { info: "hostname: core-1" }
    expect: { status: fail, findings: [] }
  - name: reason differs
    outputs: { info: { error: "timed out" } }
    expect: { status: error, reason: Invalid syntax }
`);
    const [fields, missing, extra, reason] = runTestCases(check, cases);
    expect(fields!.explanation!.split("\n").slice(0, 3)).toEqual([
      'finding 1: key: expected "core", got nothing',
      'finding 1: actual: expected "core-2", got "core-1"',
      'finding 1: message: expected to contain "naming rules", got "hostname core-1 does not follow the naming rule"',
    ]);
    expect(missing!.explanation!.split("\n").slice(0, 2)).toEqual(["findings: expected 2, got 1", 'finding 2: expected {"message_contains":"second"}, got none']);
    expect(extra!.explanation!.split("\n").slice(0, 2)).toEqual([
      "findings: expected 0, got 1",
      'finding 1: not expected: {"message":"hostname core-1 does not follow the naming rule"}',
    ]);
    expect(reason!.explanation!.split("\n")[0]).toBe('reason: expected to contain "Invalid syntax", got "\\"show system info\\" failed: timed out"');
  });
});

describe("runCheckTests and the report", () => {
  it("runs the cases of the selected checks and names the checks without tests", async () => {
    const dir = pack({ "site-hostname.yaml": CHECK, "tests/site-hostname.yaml": GOOD_CASES, "tests/fixtures/core.txt": "hostname: core-1\n", "other.yaml": CHECK.replace("id: site-hostname", "id: other") });
    const run = await runCheckTests([dir]);
    expect(run.diagnostics).toEqual([]);
    expect(run.checksWithoutTests).toEqual(["other"]);
    expect(run.results.map((r) => [r.check, r.cases.length])).toEqual([["site-hostname", 3]]);
  });

  it("accepts a test file as the spec of its check", async () => {
    const dir = goodPack();
    const run = await runCheckTests([join(dir, "tests/site-hostname.yaml")]);
    expect(run.diagnostics).toEqual([]);
    expect(run.results.map((r) => r.check)).toEqual(["site-hostname"]);
  });

  it("reports a test file whose check does not exist, so it cannot be silently skipped", async () => {
    const dir = pack({ "site-hostname.yaml": CHECK, "tests/site-hostname.yaml": GOOD_CASES, "tests/fixtures/core.txt": "x: y\n", "tests/site-hostnme.yaml": GOOD_CASES });
    const run = await runCheckTests([dir]);
    expect(run.diagnostics.map((d) => d.message)).toEqual(['test file for "site-hostnme", but there is no check site-hostnme.yaml in the folder above (did you mean "site-hostname"?)']);
  });

  it("formats ✓/✗ per case, the differences under a failure, and the counts on their own line", async () => {
    const dir = pack({
      "site-hostname.yaml": CHECK,
      "tests/site-hostname.yaml": `check: site-hostname\ncases:\n  - name: good\n    outputs: { info: "hostname: fw-1" }\n    expect: { status: pass }\n  - name: bad\n    outputs: { info: "hostname: fw-1" }\n    expect: { status: fail }\n`,
    });
    const report = formatTestReport(await runCheckTests([dir]), dir);
    expect(report).toBe(
      [
        "site-hostname.yaml  (tests/site-hostname.yaml)",
        "  ✓ good",
        "  ✗ bad",
        "      at tests/site-hostname.yaml:6:5",
        "      status: expected fail, got pass",
        "      actual: pass",
        "",
        "1 passed, 1 failed",
        "",
      ].join("\n"),
    );
  });
});

describe("testCommand", () => {
  it("exits 0 when every case passes", async () => {
    const io = sink();
    expect(await testCommand([goodPack()], io)).toBe(0);
    expect(io.out()).toMatch(/\n3 passed, 0 failed\n$/);
    expect(io.err()).toBe("");
  });

  it("exits 1 when a case fails", async () => {
    const dir = pack({ "site-hostname.yaml": CHECK, "tests/site-hostname.yaml": GOOD_CASES.replace("status: fail", "status: warn"), "tests/fixtures/core.txt": "hostname: core-1\n" });
    const io = sink();
    expect(await testCommand([dir], io)).toBe(1);
    expect(io.out()).toContain("✗ another hostname fails");
    expect(io.out()).toContain("2 passed, 1 failed");
  });

  it("exits 3 on a test file with problems, printing them as file:line:col", async () => {
    const dir = pack({ "site-hostname.yaml": CHECK, "tests/site-hostname.yaml": GOOD_CASES.replace("info: {", "inof: {") });
    const io = sink();
    expect(await testCommand([dir], { ...io, cwd: dir })).toBe(3);
    expect(io.err()).toContain('tests/site-hostname.yaml:9:7: "inof" is not a gather name of site-hostname (did you mean "info"?)');
    expect(io.out()).toBe("site-hostname.yaml  (tests/site-hostname.yaml)\n  not run: the test file has problems\n\nno test cases ran\n");
  });

  it("exits 3 on an unknown check id, with did-you-mean", async () => {
    const io = sink();
    expect(await testCommand(["panos-transceiver-supported"], io)).toBe(3);
    expect(io.err()).toContain('(did you mean "panos-transceivers-supported"?)');
  });

  it("exits 4 when no case ran", async () => {
    const dir = pack({ "site-hostname.yaml": CHECK });
    const io = sink();
    expect(await testCommand([dir], io)).toBe(4);
    expect(io.out()).toBe("no test cases for: site-hostname\n\nno test cases ran\n");
  });
});
