// Load-time validation: every problem in a check file is reported at once, each at its file:line:col,
// worded as a sentence, with did-you-mean where a name is close to a known one.
import { describe, expect, it } from "vitest";
import { loadCheckFile } from "../../src/checks/load.js";
import { loadChecks } from "../../src/checks/library.js";
import { formatDiagnostic } from "../../src/util/diagnostics.js";

const BAD = new URL("./bad/", import.meta.url).pathname;

async function problems(file: string): Promise<string[]> {
  const { check, diagnostics } = await loadCheckFile(BAD + file);
  expect(check).toBeUndefined();
  return diagnostics.map((d) => formatDiagnostic({ ...d, file: d.file.replace(BAD, "") }));
}

describe("check loading", () => {
  it("reports schema problems with positions and did-you-mean, all at once", async () => {
    const out = await problems("broken-check.yaml");
    expect(out).toEqual(
      expect.arrayContaining([
        'broken-check.yaml:4:11: "severity" must be one of "critical", "high", "medium", "low", "info"',
        'broken-check.yaml:11:26: unknown key "eqq" in "assert.expect" (did you mean "eq"?)',
        'broken-check.yaml:14:1: unknown key "colour" in the check',
      ]),
    );
  });

  it("once the schema holds, reports every semantic problem: id, platform, parser, write command, JMESPath, operator", async () => {
    const out = await problems("two-operators.yaml");
    expect(out).toEqual([
      "two-operators.yaml:9:10: the condition has 2 operators (eq, ne); use one per condition and combine with all/any",
      expect.stringMatching(/^two-operators\.yaml:12:9: the condition has no operator; use one of exists, not_exists, .*version_eq$/),
      "two-operators.yaml:13:24: in expects a list, got number 5",
      expect.stringMatching(/^two-operators\.yaml:14:29: matches invalid regular expression/),
      expect.stringMatching(/^two-operators\.yaml:15:10: placeholder \{\{ foo\[ \}\}/),
    ]);
  });

  it("refuses a command that could change the device, and names unknown platforms and parsers with did-you-mean", async () => {
    const fixed = (await import("node:fs")).readFileSync(BAD + "broken-check.yaml", "utf8").replace("severity: urgent", "severity: low").replace("eqq", "eq").replace("colour: red\n", "");
    const knownPlatform = fixed.replace("paloalto_pnos", "paloalto_panos").replace("id: not-the-file-name", "id: write");
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const dir = mkdtempSync("/tmp/preflight-check-");
    writeFileSync(`${dir}/broken.yaml`, fixed);
    writeFileSync(`${dir}/write.yaml`, knownPlatform);
    const refused = (await loadCheckFile(`${dir}/write.yaml`)).diagnostics.map((d) => formatDiagnostic({ ...d, file: "write.yaml" }));
    expect(refused).toEqual([
      expect.stringMatching(/^write\.yaml:7:54: unknown parser "key-valeu"/),
      'write.yaml:7:20: refused: "request restart system" is not read-only on paloalto_panos: "request" commands can change a PAN-OS device; only "show" and known read-only commands are allowed',
      expect.stringMatching(/^write\.yaml:9:13: invalid JMESPath/),
    ]);
    const { diagnostics } = await loadCheckFile(`${dir}/broken.yaml`);
    const out = diagnostics.map((d) => formatDiagnostic({ ...d, file: "broken.yaml" }));
    expect(out).toEqual(
      expect.arrayContaining([
        'broken.yaml:1:5: id "not-the-file-name" must equal the file name "broken"',
        expect.stringMatching(/^broken\.yaml:5:13: unknown platform "paloalto_pnos" \(did you mean "paloalto_panos"\?\)/),
        expect.stringMatching(/^broken\.yaml:7:54: unknown parser "key-valeu" \(did you mean "key-value"\?\)/),
        expect.stringMatching(/^broken\.yaml:9:13: invalid JMESPath "\$info\.\[\["/),
      ]),
    );
  });

  it("a parameter's schema must compile and its default must satisfy it", async () => {
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const dir = mkdtempSync("/tmp/preflight-params-");
    const text = (await import("node:fs")).readFileSync(BAD + "two-operators.yaml", "utf8")
      .replace("id: two-operators", "id: params")
      .replace("assert:\n  where: { path: a, eq: 1, ne: 2 }", "params:\n  n: { description: x, type: integer, minimum: ten, default: 5 }\n  m: { description: y, type: integer, minimum: 1, default: 0 }\nassert:");
    writeFileSync(`${dir}/params.yaml`, text);
    const out = (await loadCheckFile(`${dir}/params.yaml`)).diagnostics.map((d) => d.message);
    expect(out).toEqual(expect.arrayContaining([expect.stringMatching(/^parameter "n": invalid schema/), 'parameter "m": the default 0 must be >= 1']));
  });

  it("reports YAML syntax errors with their position", async () => {
    const out = await problems("broken-yaml.yaml");
    expect(out.length).toBeGreaterThan(0);
    expect(out[0]).toMatch(/^broken-yaml\.yaml:\d+:\d+: invalid YAML: /);
  });

  it("suggests the closest built-in id for an unknown check id", async () => {
    const { diagnostics } = await loadChecks(["panos-transceiver-supported"]);
    expect(diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('(did you mean "panos-transceivers-supported"?)')]);
  });
});
