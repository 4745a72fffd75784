// docs/platforms.md carries the `preflight platforms --markdown` table; this keeps it current, and checks that the
// table reads the registry and the packs (every registered platform, every built-in check counted once).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadChecks } from "../../src/checks/library.js";
import { platformRows, platformTableMarkdown, platformTableText } from "../../src/checks/platform-table.js";
import { knownPlatforms } from "../../src/platforms/registry.js";
import { packagePath } from "../../src/util/package-root.js";

const START = /<!-- platforms-table:start[^>]*-->\n/;
const END = "<!-- platforms-table:end -->";

describe("the platforms table", async () => {
  const { checks, diagnostics } = await loadChecks([]);
  const rows = await platformRows(checks);

  it("has a row per registered platform with its pack, commands and parsers", () => {
    expect(diagnostics).toEqual([]);
    expect(rows.map((r) => r.platform)).toEqual(knownPlatforms());
    const eos = rows.find((r) => r.platform === "arista_eos")!;
    expect(eos.checks).toContain("eos-transceivers-approved");
    expect(eos.commands).toContain("show version | json");
    expect(eos.parsers.json).toBeGreaterThan(0);
    expect(eos.demoFleet).toBe(true);
    expect(rows.find((r) => r.platform === "paloalto_panos")!.upgradePaths).toBe(true);
    expect(rows.find((r) => r.platform === "paloalto_panos")!.commands).toContain("show system info (xml)");
    const perPlatform = checks.flatMap((c) => c.definition.platforms.filter((p) => knownPlatforms().includes(p)));
    expect(rows.reduce((n, r) => n + r.checks.length, 0)).toBe(perPlatform.length);
  });

  it("renders text for the terminal with one line per platform", () => {
    const text = platformTableText(rows);
    for (const r of rows) expect(text).toMatch(new RegExp(`^${r.platform}\\s+${r.checks.length}\\s`, "m"));
  });

  it("is the table docs/platforms.md holds (regenerate: npm run build && node dist/src/cli/main.js platforms --markdown)", () => {
    const doc = readFileSync(packagePath("docs", "platforms.md"), "utf8");
    const start = START.exec(doc);
    expect(start, "docs/platforms.md has the start marker").not.toBeNull();
    const body = doc.slice(start!.index + start![0].length, doc.indexOf(END));
    expect(body).toBe(platformTableMarkdown(rows));
  });
});
