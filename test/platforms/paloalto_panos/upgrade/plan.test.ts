// The PAN-OS path planner against the shipped rules: a table of real upgrade cases with the hops, the rule behind
// each hop and the downloads; the errors (downgrade, unknown train, bad versions); and explicit-path validation,
// including the MSSP's incident path.
import { beforeAll, describe, expect, it } from "vitest";
import { explicitPath, PathError, planPanosPath, type PlanOptions, type UpgradePath } from "../../../../src/platforms/paloalto_panos/upgrade/plan.js";
import { loadUpgradeRules, parseUpgradeRules, type UpgradeRules } from "../../../../src/platforms/paloalto_panos/upgrade/rules.js";
import { readFileSync } from "node:fs";

let rules: UpgradeRules;
beforeAll(async () => {
  rules = await loadUpgradeRules();
});

const hopsOf = (path: UpgradePath) => path.hops.map((h) => [h.version, h.rule]);

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PathError);
    return (err as PathError).problems;
  }
  throw new Error("expected a PathError");
}

describe("planPanosPath: real cases", () => {
  const cases: Array<{ name: string; from: string; to: string; options?: PlanOptions; hops: string[][]; downloads: string[] }> = [
    {
      name: "the incident: 9.1 to 10.2.4-h4 boots a 10.0 and a 10.1 release, bases downloaded only",
      from: "9.1.14",
      to: "10.2.4-h4",
      hops: [
        ["10.0.12-h6", "sequential-feature-releases"],
        ["10.1.14-h20", "sequential-feature-releases"],
        ["10.2.4-h4", "sequential-feature-releases"],
      ],
      downloads: ["10.0.0", "10.0.12-h6", "10.1.0", "10.1.14-h20", "10.2.0", "10.2.4-h4"],
    },
    {
      name: "the incident with maintenance none: the minimum, one base image of each intermediate train",
      from: "9.1.14",
      to: "10.2.4-h4",
      options: { maintenance: "none" },
      hops: [
        ["10.0.0", "sequential-feature-releases"],
        ["10.1.0", "sequential-feature-releases"],
        ["10.2.4-h4", "sequential-feature-releases"],
      ],
      downloads: ["10.0.0", "10.1.0", "10.2.0", "10.2.4-h4"],
    },
    {
      name: "10.1 to 11.1 skips 10.2 and 11.0",
      from: "10.1.9",
      to: "11.1.4-h7",
      hops: [["11.1.4-h7", "skip-up-to-three"]],
      downloads: ["11.1.0", "11.1.4-h7"],
    },
    {
      name: "10.2 to 12.1 skips 11.0, 11.1 and 11.2; 12.1's base image is 12.1.2",
      from: "10.2.9",
      to: "12.1.4",
      hops: [["12.1.4", "skip-up-to-three"]],
      downloads: ["12.1.2", "12.1.4"],
    },
    {
      name: "10.2 to the 12.1 base image: the base is the target, so it is booted",
      from: "10.2.9",
      to: "12.1.2",
      hops: [["12.1.2", "skip-up-to-three"]],
      downloads: ["12.1.2"],
    },
    {
      name: "11.0 to 11.2 skips 11.1",
      from: "11.0.3",
      to: "11.2.4",
      hops: [["11.2.4", "skip-up-to-three"]],
      downloads: ["11.2.0", "11.2.4"],
    },
    {
      name: "8.1 to 10.1: no skipping before 10.1",
      from: "8.1.21",
      to: "10.1.14",
      hops: [
        ["9.0.17-h5", "sequential-feature-releases"],
        ["9.1.19", "sequential-feature-releases"],
        ["10.0.12-h6", "sequential-feature-releases"],
        ["10.1.14", "sequential-feature-releases"],
      ],
      downloads: ["9.0.0", "9.0.17-h5", "9.1.0", "9.1.19", "10.0.0", "10.0.12-h6", "10.1.0", "10.1.14"],
    },
    {
      name: "same train: one hop, no base image",
      from: "10.2.3",
      to: "10.2.4-h4",
      hops: [["10.2.4-h4", "same-feature-release"]],
      downloads: ["10.2.4-h4"],
    },
    {
      name: "10.1 to 12.1 would skip four: the device stops at the furthest train it can reach, 11.2",
      from: "10.1.9",
      to: "12.1.4",
      hops: [
        ["11.2.10-h3", "skip-up-to-three"],
        ["12.1.4", "sequential-feature-releases"],
      ],
      downloads: ["11.2.0", "11.2.10-h3", "12.1.2", "12.1.4"],
    },
    {
      name: "10.0 to 12.1: 10.1 first (no skipping from 10.0), then skipping from 10.1",
      from: "10.0.8",
      to: "12.1.4",
      hops: [
        ["10.1.14-h20", "sequential-feature-releases"],
        ["11.2.10-h3", "skip-up-to-three"],
        ["12.1.4", "sequential-feature-releases"],
      ],
      downloads: ["10.1.0", "10.1.14-h20", "11.2.0", "11.2.10-h3", "12.1.2", "12.1.4"],
    },
    {
      name: "an HA pair steps through every feature release",
      from: "10.2.9",
      to: "11.1.4-h7",
      options: { ha: true },
      hops: [
        ["11.0.6-h1", "ha-peers-step-each-release"],
        ["11.1.4-h7", "sequential-feature-releases"],
      ],
      downloads: ["11.0.0", "11.0.6-h1", "11.1.0", "11.1.4-h7"],
    },
  ];

  it.each(cases)("$name", ({ from, to, options, hops, downloads }) => {
    const path = planPanosPath(from, to, rules, options);
    expect(path.from).toBe(from);
    expect(path.to).toBe(to);
    expect(hopsOf(path)).toEqual(hops);
    expect(path.downloads).toEqual(downloads);
  });

  it("says why each hop is needed, naming the blocked step and the releases it would skip", () => {
    const [first, second, target] = planPanosPath("9.1.14", "10.2.4-h4", rules).hops;
    expect(first!.featureRelease).toBe("10.0");
    expect(first!.reason).toContain("10.2.4-h4 cannot be installed on 9.1.14 directly");
    expect(first!.reason).toContain("skips 2 feature releases (10.0, 10.1)");
    expect(first!.reason).toContain("downloading the base image 10.0.0 without installing it [base-image-download]");
    expect(second!.reason).toContain("cannot be installed on 10.0.12-h6 directly");
    expect(target!.reason).toBe("the target; 10.2 is the next feature release after 10.1");
  });

  it("explains a hop forced by the skip limit", () => {
    const [stop] = planPanosPath("10.1.9", "12.1.4", rules).hops;
    expect(stop!.reason).toContain("skips 4 feature releases (10.2, 11.0, 11.1, 11.2), more than the 3 that may be skipped from 10.1");
    expect(stop!.reason).toContain("The furthest feature release it can reach first is 11.2");
  });

  it("with maintenance none, says the base image is booted against the recommendation", () => {
    const [first] = planPanosPath("9.1.14", "10.2.4-h4", rules, { maintenance: "none" }).hops;
    expect(first!.reason).toContain("it boots the base image 10.0.0 (maintenance mode 'none'");
    expect(first!.reason).toContain("Palo Alto recommends booting the latest 10.0 maintenance release instead");
  });

  it("falls back to the base image, and says so, when the data knows no later release of a train", () => {
    const text = readFileSync(rules.file, "utf8").replace('    latest_known: "10.0.12-h6"\n', "");
    const { rules: edited } = parseUpgradeRules(text, "edited.yaml");
    const [first] = planPanosPath("9.1.14", "10.1.14", edited!).hops;
    expect(first!.version).toBe("10.0.0");
    expect(first!.reason).toContain("the data knows no 10.0 release later than its base image");
  });
});

describe("planPanosPath: what it refuses", () => {
  it("returns an empty path when the device already runs the target", () => {
    expect(planPanosPath("10.2.4-h4", "10.2.4-h4", rules)).toEqual({ from: "10.2.4-h4", to: "10.2.4-h4", hops: [], downloads: [] });
  });

  it("refuses a downgrade and says why", () => {
    const [problem] = problemsOf(() => planPanosPath("10.2.4-h4", "10.1.14", rules));
    expect(problem).toContain("10.1.14 is older than 10.2.4-h4: that is a downgrade, and preflight plans upgrades only");
  });

  it("refuses a hotfix downgrade inside a train", () => {
    expect(problemsOf(() => planPanosPath("10.2.4-h4", "10.2.4-h2", rules))[0]).toContain("downgrade");
  });

  it("names an unknown feature release and lists the known ones, for both ends at once", () => {
    const problems = problemsOf(() => planPanosPath("8.0.20", "12.2.1", rules));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain("the running release: 8.0.20 belongs to feature release 8.0, which the upgrade-path data");
    expect(problems[1]).toContain("the target: 12.2.1 belongs to feature release 12.2");
    expect(problems[1]).toContain("it knows 8.1, 9.0, 9.1, 10.0, 10.1, 10.2, 11.0, 11.1, 11.2, 12.1");
  });

  it("rejects a string that is not a PAN-OS version", () => {
    expect(problemsOf(() => planPanosPath("9.1.x", "10.2.4-h4", rules))).toEqual([
      'the running release: "9.1.x" is not a PAN-OS version (expected MAJOR.MINOR.PATCH with an optional -hN, e.g. 10.2.4-h4)',
    ]);
  });

  it("rejects a target older than its train's base image (there is no 12.1.0)", () => {
    expect(problemsOf(() => planPanosPath("11.2.10", "12.1.0", rules))[0]).toContain(
      "the target: 12.1.0 is older than 12.1.2, the base image of 12.1",
    );
  });
});

describe("explicitPath", () => {
  const mssp = ["10.1.0", "10.2.0", "10.2.4-h4"];

  it("rejects the MSSP's path from 9.1: it skips 10.0", () => {
    expect(problemsOf(() => explicitPath("9.1.14", mssp, "10.2.4-h4", rules))).toEqual([
      "path entry 1 (10.1.0): going from 9.1.14 to 10.1.0 skips 1 feature release (10.0), but a device on 9.1 (before 10.1) cannot skip a feature release [rule sequential-feature-releases]",
    ]);
  });

  it("accepts the MSSP's path from 10.0, warning that it boots base images", () => {
    const path = explicitPath("10.0.8", mssp, "10.2.4-h4", rules);
    expect(hopsOf(path)).toEqual([
      ["10.1.0", "sequential-feature-releases"],
      ["10.2.0", "sequential-feature-releases"],
      ["10.2.4-h4", "same-feature-release"],
    ]);
    expect(path.hops[0]!.reason).toContain("it boots the base image 10.1.0, which Palo Alto recommends installing only as the target");
    expect(path.hops[2]!.reason).toBe("given in the path (the target); same feature release 10.2, installs directly");
    expect(path.downloads).toEqual(mssp);
  });

  it("accepts a skip where the rules allow it", () => {
    expect(hopsOf(explicitPath("10.2.9", ["12.1.4"], "12.1.4", rules))).toEqual([["12.1.4", "skip-up-to-three"]]);
  });

  it("rejects the same skip on an HA pair", () => {
    expect(problemsOf(() => explicitPath("10.2.9", ["12.1.4"], "12.1.4", rules, { ha: true }))[0]).toContain(
      "skips 3 feature releases (11.0, 11.1, 11.2), and HA peers must both reach every feature release [rule ha-peers-step-each-release]",
    );
  });

  it("reports every violation at once", () => {
    const problems = problemsOf(() => explicitPath("9.1.14", ["10.0.5", "10.0.3", "10.2.x", "12.2.0", "11.0.2"], "11.1.4", rules));
    expect(problems).toEqual([
      "the path ends at 11.0.2 but the target is 11.1.4: the path must end at the target",
      "path entry 2 (10.0.3) is not newer than 10.0.5: each release on the path must be newer than the one before",
      'path entry 3 (10.2.x): "10.2.x" is not a PAN-OS version (expected MAJOR.MINOR.PATCH with an optional -hN, e.g. 10.2.4-h4)',
      expect.stringContaining("path entry 4 (12.2.0): 12.2.0 belongs to feature release 12.2, which the upgrade-path data"),
    ]);
  });

  it("rejects a skip from before 10.1 even to 11.0 or later", () => {
    expect(problemsOf(() => explicitPath("10.0.8", ["11.0.6-h1"], "11.0.6-h1", rules))[0]).toContain(
      "skips 2 feature releases (10.1, 10.2), but a device on 10.0 (before 10.1) cannot skip a feature release",
    );
  });

  it("rejects an empty path", () => {
    expect(problemsOf(() => explicitPath("10.2.3", [], "10.2.4-h4", rules))).toEqual([
      "the path is empty: give the releases to boot, ending with the target 10.2.4-h4",
    ]);
  });
});
