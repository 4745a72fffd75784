// The textfsm parser in a user's check: `parser: { textfsm: ./FILE }` resolved against the check's folder, a template
// by name from the pinned ntc-templates, template errors at load with file:line, and a catastrophically backtracking
// regex in a user's template stopped by the time limit: the check is `error` with a message that says why, through
// the built `preflight test` binary, not a hung run.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCheckFile } from "../../src/checks/load.js";
import { getParser } from "../../src/parse/registry.js";
import { ParseError } from "../../src/parse/types.js";
import { preflight } from "../helpers/cli.js";

const check = (parser: string, options = ""): string => `id: user-lines
title: Every line is well formed
description: A user's check on a user's template.
severity: high
platforms: [cisco_ios]
tags: [site]
gather:
  lines:
    command: show lines
    parser: ${parser}
${options}assert:
  for_each: $lines
  key: a
  expect: { path: a, matches: "^a" }
message: "{{key}} is not well formed"
remediation: Fix it.
`;

// Python and JS both backtrack exponentially on (a+)+b against a run of a's with no b.
const SLOW = "Value A ((a+)+)\n\nStart\n  ^${A}b -> Record\n";

function pack(parser: string, template: string, options = ""): string {
  const dir = mkdtempSync(join(tmpdir(), "preflight-textfsm-"));
  mkdirSync(join(dir, "templates"));
  mkdirSync(join(dir, "tests"));
  writeFileSync(join(dir, "templates", "lines.textfsm"), template);
  writeFileSync(join(dir, "user-lines.yaml"), check(parser, options));
  return dir;
}

describe("the textfsm parser in a check", () => {
  it("resolves ./FILE against the check's folder and parses as TextFSM does", async () => {
    const dir = pack("{ textfsm: ./templates/lines.textfsm }", "Value A (\\S+)\n\nStart\n  ^${A} -> Record\n");
    const loaded = await loadCheckFile(join(dir, "user-lines.yaml"));
    expect(loaded.diagnostics).toEqual([]);
    const spec = loaded.check?.definition.gather.lines;
    expect(spec).toMatchObject({ parser: "textfsm", options: { template: join(dir, "templates", "lines.textfsm") } });
    expect(getParser("textfsm")?.("ab\ncd\n", spec?.options)).toEqual([{ a: "ab" }, { a: "cd" }]);
  });

  it("reports a broken template at load with its file and line", async () => {
    const dir = pack("{ textfsm: ./templates/lines.textfsm }", "Value A (\\S+\n\nStart\n  ^${A} -> Record\n");
    const loaded = await loadCheckFile(join(dir, "user-lines.yaml"));
    expect(loaded.check).toBeUndefined();
    expect(loaded.diagnostics.map((d) => d.message).join("\n")).toContain(`${join(dir, "templates", "lines.textfsm")}:1:`);
  });

  it("names an unknown ntc-templates template at load", async () => {
    const dir = pack("{ textfsm: cisco_ios_show_nothing }", "");
    const loaded = await loadCheckFile(join(dir, "user-lines.yaml"));
    expect(loaded.diagnostics.map((d) => d.message).join("\n")).toContain("cisco_ios_show_nothing");
  });

  it("gives ntc-templates' records for a template by name", () => {
    const records = getParser("textfsm")?.("Cisco IOS Software, C3750E Software (C3750E-UNIVERSALK9-M), Version 15.0(2)SE11, RELEASE SOFTWARE (fc3)\nrouter1 uptime is 1 week, 2 days\n", { template: "cisco_ios_show_version" }) as Record<string, unknown>[];
    expect(records[0]).toMatchObject({ version: "15.0(2)SE11", hostname: "router1", uptime: "1 week, 2 days" });
  });

  it("stops a catastrophic regex at the time limit with an error naming the template", () => {
    const dir = pack("{ textfsm: ./templates/lines.textfsm }", SLOW);
    const file = join(dir, "templates", "lines.textfsm");
    const started = Date.now();
    let error: unknown;
    try {
      getParser("textfsm")?.(`${"a".repeat(40)}c\n`, { template: file, time_limit_ms: 300 });
    } catch (err) {
      error = err;
    }
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as Error).message).toContain(`${file}: parsing took longer than 300 ms and was stopped; a rule's regex probably backtracks catastrophically`);
  });

  it("makes that check an error through the preflight test binary, the other cases still decided", async () => {
    const dir = pack("{ textfsm: ./templates/lines.textfsm }", SLOW, "    options: { time_limit_ms: 300 }\n");
    writeFileSync(
      join(dir, "tests", "user-lines.yaml"),
      `check: user-lines
cases:
  - name: lines that match quickly pass
    outputs: { lines: "aab\\naaab\\n" }
    expect: { status: pass }
  - name: a line that makes the regex backtrack is an error, not a hang
    outputs: { lines: "${"a".repeat(40)}c\\n" }
    expect: { status: error, reason: "parsing took longer than 300 ms and was stopped" }
`,
    );
    const started = Date.now();
    const ran = await preflight(["test", dir]);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(ran.stderr).toBe("");
    expect(ran.stdout).toContain("2 passed, 0 failed");
    expect(ran.code).toBe(0);
  }, 30_000);
});
