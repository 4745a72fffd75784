// The HTML report: device text stays inert however hostile, the page is self-contained and readable without
// the script, devices come in reading order, and the tables carry what assistive technology needs.

import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { RunReport } from "../../src/model/result.js";
import { renderHtml } from "../../src/report/html.js";
import { HOSTILE_MARKUP, HOSTILE_SCRIPT, sampleReport } from "./sample-report.js";

const html = renderHtml(sampleReport());

/** Every string in the report that is free text replaced by a hostile payload; closed-set fields are kept. */
function hostileEverywhere(report: RunReport): RunReport {
  const closed = new Set(["status", "severity", "failOn", "startedAt", "finishedAt", "sha256", "schemaVersion"]);
  const payload = `${HOSTILE_SCRIPT}${HOSTILE_MARKUP}<img src=x onerror=alert(2)>'--></pre></table>`;
  const walk = (value: unknown, key: string): unknown => {
    if (typeof value === "string") return closed.has(key) ? value : `${value}${payload}`;
    if (Array.isArray(value)) return value.map((v) => walk(v, key));
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [`${k}`, walk(v, k)]));
    }
    return value;
  };
  const hostile = walk(report, "") as RunReport;
  hostile.devices[0]!.facts[`key${payload}`] = payload;
  // The inventory's name selects the optics section (a closed value, like a status): keep it, so that section's
  // free text is tested too.
  for (const device of hostile.devices) for (const check of device.checks) if (check.inventory) check.inventory.name = "optics";
  return hostile;
}

function inlineScripts(page: string): string[] {
  return [...page.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1] ?? "");
}

describe("renderHtml escaping", () => {
  it("shows the device's script tag only escaped", () => {
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain(HOSTILE_SCRIPT);
    expect(html).toContain("&quot;quotes&quot; &amp; &lt;b&gt;tags&lt;/b&gt;");
    expect(html).not.toContain("<b>");
  });

  it("has no script but its own filter, and the Content-Security-Policy allows exactly that one", () => {
    const scripts = inlineScripts(html);
    expect(scripts).toHaveLength(1);
    expect((html.match(/<script/gi) ?? []).length).toBe(1);
    const hash = `sha256-${createHash("sha256").update(scripts[0]!, "utf8").digest("base64")}`;
    const attribute = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? "";
    // handlebars escapes the base64 padding "=" as "&#x3D;"; the browser decodes the attribute before using it.
    const csp = attribute.replaceAll("&#x3D;", "=").replaceAll("&#x27;", "'");
    expect(csp).toBe(`default-src 'none'; style-src 'unsafe-inline'; script-src '${hash}'; base-uri 'none'; form-action 'none'`);
  });

  it("keeps every free-text field inert when all of them are hostile", () => {
    const page = renderHtml(hostileEverywhere(sampleReport()));
    expect(inlineScripts(page)).toEqual(inlineScripts(html));
    expect(page).not.toMatch(/<(img|b)\b/i);
    expect(page).not.toContain("onerror=alert");
    // The structure survives: the payload's closing tags did not close ours.
    expect((page.match(/<\/table>/g) ?? []).length).toBe((html.match(/<\/table>/g) ?? []).length);
    expect((page.match(/<\/pre>/g) ?? []).length).toBe((html.match(/<\/pre>/g) ?? []).length);
    expect(page).toContain("&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;");
  });

  it("shows terminal escape sequences in device output as visible symbols", () => {
    expect(html).not.toContain("\u001b");
    expect(html).toContain("␛[31mgarbage␛[0m");
  });
});

describe("renderHtml page", () => {
  it("is self-contained: no external resource of any kind", () => {
    expect(html).not.toMatch(/\b(src|srcset)=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).not.toMatch(/href="(?!#)/);
  });

  it("is readable without the script: the filter form is hidden until the script reveals it", () => {
    expect(html).toMatch(/<form id="filter" class="filter" hidden>/);
    expect(inlineScripts(html)[0]).toContain("form.hidden = false");
  });

  it("titles the page with the run time and the target version", () => {
    expect(html).toContain("<title>preflight readiness report — 2024-05-14 21:00:03 UTC — 10.2.4-h4</title>");
  });

  it("says the exit code and the interruption in words", () => {
    expect(html).toContain("<strong>Exit code 1</strong>: at least one device is blocked.");
    expect(html).toContain("The run was interrupted");
  });

  it("lists devices blocked first, then error / unreachable / not-run, then warning, then ready, inventory order within", () => {
    const expected = [
      ["blocked", "fw-dc1-edge-02"],
      ["blocked", "fw-branch-09"],
      ["error", "fw-dc2-core-01"],
      ["unreachable", "fw-branch-07"],
      ["not-run", "fw-lab-03"],
      ["warning", "fw-dc2-edge-02"],
      ["ready", "fw-dc1-edge-01"],
      ["ready", "fw-dc1-edge-03"],
    ];
    const rows = [...html.matchAll(/<tr data-status="([^"]+)" data-section="[^"]+"[^>]*><th scope="row"><a href="#[^"]+">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    const sections = [...html.matchAll(/<section class="device" id="[^"]+" data-status="([^"]+)"[^>]*>\n<h3 id="[^"]+">([^<]+?) </g)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(expected);
    expect(sections).toEqual(expected);
  });

  it("links each table row to its device section by inventory position", () => {
    expect(html).toContain('<a href="#device-2">fw-dc1-edge-02</a>');
    expect(html).toContain('<section class="device" id="device-2"');
  });

  it("shows the optics finding with port, vendor, part and release", () => {
    expect(html).toContain(
      '<tr><th scope="row">ethernet1/21</th><td>10.2.0</td><td>ethernet1/21: FINISAR CORP. FTLX8571D3BCL is not supported on PAN-OS 10.2.0</td>',
    );
    expect(html).toContain("<td>vendor: FINISAR CORP., part: FTLX8571D3BCL, serial: AQJ0G3K</td>");
  });

  it("details failing, erroring, warning and waived checks and lists the others compactly", () => {
    const section = html.slice(html.indexOf('id="device-6"'), html.indexOf('id="device-1"'));
    expect(section).toContain('<article class="check check-warn">');
    expect(section).toContain('<article class="check check-waived">');
    expect(section).toContain("Waived by CHG-20240514 until 2024-06-30");
    expect(section).toContain('<span class="badge cs-skip">Skipped</span></td><td>High</td><td>skipped: the HA peer did not answer');
    expect(section).not.toContain('<article class="check check-pass">');
    expect(html).toContain('<article class="check check-error">');
    expect(html).toContain("could not parse the output of &quot;show system disk-space&quot;");
  });

  it("says when evidence output is cut, in the page and at the source", () => {
    const report = sampleReport();
    const evidence = report.devices[1]!.checks[0]!.evidence[0]!;
    evidence.output = Array.from({ length: 500 }, (_, i) => `line ${i + 1}`).join("\n");
    const page = renderHtml(report);
    expect(page).toContain("line 120</pre>");
    expect(page).not.toContain("line 121");
    expect(page).toContain("Output cut to its first 120 of 500 lines in this page; report.json has all of it.");
    expect(html).toContain("Output was shortened when the report was written.");
  });

  it("marks every header cell with a scope and gives every table a caption", () => {
    expect(html).not.toMatch(/<th(?=[\s>])(?![^>]*\bscope="(col|row)")[^>]*>/);
    const tables = (html.match(/<table\b/g) ?? []).length;
    const captions = (html.match(/<table\b[^>]*>\s*<caption>/g) ?? []).length;
    expect(tables).toBeGreaterThan(10);
    expect(captions).toBe(tables);
  });

  it("shows every status as text, not only as colour", () => {
    for (const label of ["Blocked", "Error", "Unreachable", "Not run", "Warning", "Ready"]) {
      expect(html).toMatch(new RegExp(`<span class="badge st-[a-z-]+">${label}</span>`));
    }
  });

  it("has a print layout", () => {
    expect(html).toMatch(/@media print \{[\s\S]*pre \{ max-height: none;/);
  });

  it("is a pure function of the report", () => {
    expect(renderHtml(sampleReport())).toBe(html);
  });
});

describe("renderHtml overview, by-check view and comparison", () => {
  it("draws the status of each group and the findings of each check as inline SVG, with the numbers in a table", () => {
    expect(html).toMatch(/<svg role="img" aria-labelledby="chart-groups-t chart-groups-d"/);
    expect(html).toContain('<rect x="200" y="0" width="110" height="18" class="fill-blocked"><title>firewalls: 2 blocked</title></rect>');
    expect(html).toContain('<text x="0" y="14" class="chart-label">panos-transceivers-supported</text>');
    expect(html).toContain('<tr><th scope="row">branch</th><td class="num">1</td><td class="num">0</td><td class="num">1</td>');
  });

  it("lists, for each check, the devices that need attention, most affected check first", () => {
    const section = html.slice(html.indexOf('<section id="by-check"'), html.indexOf('<section id="details"'));
    const first = /<tbody>\n<tr><th scope="row">([^<]+) <code>([^<]+)<\/code>/.exec(section);
    expect(first?.[2]).toBe("panos-panrepo-free-space");
    expect(section).toContain('<li><a href="#device-2">fw-dc1-edge-02</a> <span class="badge st-blocked">Blocked</span></li><li><a href="#device-4">');
  });

  it("writes filter data that a device name cannot break out of", () => {
    const report = sampleReport();
    report.devices[1]!.groups = ["a|b", `"x"`];
    const page = renderHtml(report);
    expect(page).toContain('data-groups="|a%7Cb|%22x%22|"');
    expect(page).toContain('<option value="a%7Cb">a|b</option>');
  });

  it("shows passing checks as one line and not-evaluated ones with their reason", () => {
    const ready = html.slice(html.indexOf('id="device-1"'), html.indexOf('id="device-8"'));
    expect(ready).toContain('<p class="passed"><span class="badge cs-pass">Passed (7):</span> panos-transceivers-supported, panos-content-version-minimum,');
    expect(ready).not.toContain('<table class="brief">');
  });

  it("adds the comparison with the previous run only when given one", async () => {
    const { diffReports } = await import("../../src/report/diff/compute.js");
    const { previousSampleReport } = await import("./sample-report.js");
    expect(html).not.toContain('id="diff"');
    const page = renderHtml(sampleReport(), { diff: diffReports(previousSampleReport(), sampleReport()) });
    const section = page.slice(page.indexOf('<section id="diff"'), page.indexOf('<section id="devices"'));
    expect(section).toContain("<li>1 new, 1 resolved, 6 still failing, 1 not re-checked</li>");
    expect(section).toContain('<caption>New problems (1)</caption>');
    expect(section).toContain("(serial &lt;script&gt;alert(1)&lt;/script&gt;)");
    expect(section).toContain('<tr><th scope="row">fw-branch-07</th><td><span class="badge st-blocked">Blocked</span></td><td><span class="badge st-unreachable">Unreachable</span></td></tr>');
    expect(section).toContain("<p><strong>Devices removed:</strong> fw-old-99</p>");
  });
});
