// Markdown for tickets: the structure a change request needs, and device text that cannot add table columns,
// code spans, links or HTML to the ticket.

import { describe, expect, it } from "vitest";
import { escapeMarkdown, renderMarkdown } from "../../src/report/markdown.js";
import { sampleReport } from "./sample-report.js";

describe("renderMarkdown", () => {
  const md = renderMarkdown(sampleReport());

  it("has the summary, the blocked devices with their findings and the incomplete ones with reasons", () => {
    expect(md).toMatch(/^# preflight readiness report\n/);
    expect(md).toContain("| Blocked | 2 | a check at or above the gating severity failed |");
    expect(md).toContain("## Blocked devices (2)\n\n### fw-dc1-edge-02 (10.10.1.2) — PA-3220, 9.1.17");
    expect(md).toContain("| `panos-transceivers-supported` | Critical | Fail | ethernet1/21 | 10.2.0 |");
    expect(md).toContain("## Incomplete audits (3)");
    expect(md).toContain("| fw-branch-07 | 10.20.7.1 | Unreachable | connect ECONNREFUSED 10.20.7.1:22 |");
    expect(md.indexOf("fw-dc1-edge-02")).toBeLessThan(md.indexOf("fw-branch-09"));
  });

  it("keeps every table row to its column count", () => {
    const report = sampleReport();
    report.devices[1]!.checks[0]!.findings[0]!.message = "a | b | c\nnew line `code` <img src=x onerror=alert(1)> [link](http://x) *bold* $x$";
    const text = renderMarkdown(report);
    const row = text.split("\n").find((l) => l.includes("ethernet1/21 |"))!;
    // Unescaped pipes delimit cells: 8 columns -> 9 delimiters.
    expect(row.match(/(?<!\\)\|/g)).toHaveLength(9);
    expect(row).toContain("a \\| b \\| c new line \\`code\\` \\<img src=x onerror=alert(1)\\> \\[link\\](http://x) \\*bold\\* \\$x\\$");
    expect(text).not.toMatch(/(?<!\\)<img/);
  });

  it("escapes what Markdown would interpret", () => {
    expect(escapeMarkdown("a|b`c<d>e*f_g[h]i\\j~k&l#m")).toBe("a\\|b\\`c\\<d\\>e\\*f\\_g\\[h\\]i\\\\j\\~k\\&l\\#m");
    expect(escapeMarkdown("two\nlines")).toBe("two lines");
  });

  it("names the devices with warnings and the waived checks with their reason", () => {
    expect(md).toContain("| fw-dc2-edge-02 | `panos-ntp-synced` Warn |");
    expect(md).toContain("| fw-dc2-edge-02 | `panos-licenses-valid` | Waived by CHG-20240514 until 2024-06-30 |");
  });

  it("says so when no device is blocked", () => {
    const report = sampleReport();
    report.devices = report.devices.filter((d) => d.status !== "blocked");
    report.summary.byStatus.blocked = 0;
    expect(renderMarkdown(report)).toContain("## Blocked devices (0)\n\nNo device is blocked.");
  });
});
