// Loading checks/paloalto_panos/data/upgrade-paths.yaml: the shipped file is valid and read once, and broken copies of it
// produce file:line:col diagnostics that name the key and what was expected.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultUpgradeRulesFile, loadUpgradeRules, parseUpgradeRules, ruleById } from "../../../../src/platforms/paloalto_panos/upgrade/rules.js";
import { formatDiagnostic, InputError } from "../../../../src/util/diagnostics.js";

const shipped = readFileSync(defaultUpgradeRulesFile(), "utf8");

/** The shipped file with one exact substring replaced; fails loudly if the substring is gone. */
function edited(from: string, to: string): string {
  expect(shipped).toContain(from);
  return shipped.replace(from, to);
}

function problems(text: string): string[] {
  const { rules, diagnostics } = parseUpgradeRules(text, "paths.yaml");
  expect(rules).toBeUndefined();
  return diagnostics.map(formatDiagnostic);
}

/** 1-based line of the first occurrence of `needle` in `text`. */
function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split("\n").length;
}

describe("the shipped upgrade-path data", () => {
  it("loads, in order, with every rule citing known sources", async () => {
    const rules = await loadUpgradeRules();
    expect(rules.releases.map((r) => r.release)).toEqual(["8.1", "9.0", "9.1", "10.0", "10.1", "10.2", "11.0", "11.1", "11.2", "12.1"]);
    expect(rules.releases.find((r) => r.release === "12.1")).toMatchObject({ base: "12.1.2", baseConfidence: "reported" });
    expect(rules.rules.skip).toMatchObject({ id: "skip-up-to-three", fromRelease: "10.1", toRelease: "11.0", maxSkipped: 3 });
    for (const rule of Object.values(rules.rules)) {
      for (const id of rule.sources) expect(rules.sources.get(id)?.url).toMatch(/^https:\/\//);
    }
    expect(ruleById(rules, "base-image-download")?.text).toContain("do not install the base image unless it is the target");
  });

  it("is read once per file", () => {
    expect(loadUpgradeRules()).toBe(loadUpgradeRules());
  });

  it("rejects a missing file with an InputError naming it", async () => {
    const error = await loadUpgradeRules("/nonexistent/upgrade-paths.yaml").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain("/nonexistent/upgrade-paths.yaml: cannot read the upgrade-path data");
  });
});

describe("diagnostics for a broken data file", () => {
  it("an unquoted release: says to quote it, at its line", () => {
    const text = edited('  - release: "10.0"\n', "  - release: 10.0\n");
    expect(problems(text)).toEqual([
      `paths.yaml:${lineOf(text, "release: 10.0")}:14: feature_releases[3].release: expected string, found the number 10: quote it ("10"), YAML reads 10.0 as the number 10`,
    ]);
  });

  it("an unknown key: did-you-mean and the keys allowed", () => {
    const text = edited('    latest_known: "10.2.18-h1"', '    latest_knwon: "10.2.18-h1"');
    const [problem] = problems(text);
    expect(problem).toContain(`paths.yaml:${lineOf(text, "latest_knwon")}:5: feature_releases[5].latest_knwon: unknown key "latest_knwon"`);
    expect(problem).toContain('did you mean "latest_known"');
  });

  it("a rule citing a source that does not exist", () => {
    const text = edited("sources: [livecommunity-ha-upgrade]", "sources: [livecommunity-ha-upgrades]");
    expect(problems(text)).toEqual([
      expect.stringMatching(/^paths\.yaml:\d+:\d+: rules\.ha\.sources\[0\]: no source has the id "livecommunity-ha-upgrades" \(did you mean "livecommunity-ha-upgrade"\?\)$/),
    ]);
  });

  it("releases out of order, a base in the wrong train, a latest release older than the base", () => {
    const text = edited('  - release: "11.1"\n    base: "11.1.0"', '  - release: "10.2"\n    base: "11.2.0"').replace(
      'latest_known: "12.1.5"',
      'latest_known: "12.1.1"',
    );
    expect(problems(text)).toEqual([
      expect.stringContaining('feature_releases[7].release: "10.2" must come after "11.0": list feature releases oldest first, once each'),
      expect.stringContaining("feature_releases[7].base: 11.2.0 belongs to feature release 11.2, not 10.2"),
      expect.stringContaining("feature_releases[7].latest_known: 11.1.13-h2 belongs to feature release 11.1, not 10.2"),
      expect.stringContaining("feature_releases[9].latest_known: 12.1.1 is older than the base image 12.1.2"),
    ]);
  });

  it("a skip rule naming a release that is not listed, and a negative max_skipped", () => {
    const text = edited('from_release: "10.1"', 'from_release: "10.3"').replace("max_skipped: 3", "max_skipped: -1");
    const found = problems(text);
    expect(found).toEqual([expect.stringContaining("rules.skip.max_skipped: must be >= 0")]);
    // Meaning is checked only once the shape is right: fix the number and the release is reported.
    expect(problems(text.replace("max_skipped: -1", "max_skipped: 3"))).toEqual([
      expect.stringContaining('rules.skip.from_release: "10.3" is not one of the feature_releases (8.1, 9.0, 9.1, 10.0'),
    ]);
  });

  it("a base reported without sources, and a version that is not one", () => {
    const text = edited('    base_confidence: reported\n    base_sources: [pan-os-ansible-12-1-base]\n', "    base_confidence: reported\n").replace(
      'latest_known: "9.1.19"',
      'latest_known: "9.1.19h"',
    );
    expect(problems(text)).toEqual([
      expect.stringContaining('feature_releases[2].latest_known: "9.1.19h" is not a PAN-OS version'),
      expect.stringContaining('feature_releases[9].base_confidence: "reported" needs base_sources'),
    ]);
  });

  it("a missing required key and a wrong confidence value", () => {
    const text = edited("latest_known_source: endoflife-date-panos\n", "").replace("base_confidence: unverified", "base_confidence: maybe");
    expect(problems(text)).toEqual([
      expect.stringContaining('(top level): missing key "latest_known_source"'),
      expect.stringContaining('feature_releases[0].base_confidence: expected one of "reported", "unverified", found "maybe"'),
    ]);
  });

  it("a YAML syntax error", () => {
    const [problem] = problems(edited("rules:\n", "rules: [\n"));
    expect(problem).toMatch(/^paths\.yaml:\d+:\d+: invalid YAML: /);
  });
});
