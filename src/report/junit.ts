// The JUnit XML report, for CI systems that show test results: one <testsuite> per device, one <testcase> per
// check (classname = device name, name = check id). fail and warn become <failure> (its type says fail or warn,
// its message whether it blocks the upgrade at the run's gate); error becomes <error>; skip and not-applicable
// become <skipped>; waived becomes <skipped message="waived: ...">. A device that has no check result because it
// was unreachable, errored or not run gets one testcase "connect" with an <error>, so it can never look green.

import type { DeviceResult, Finding, GatedCheckResult, RunReport } from "../model/result.js";
import { formatValue } from "./format.js";
import { JUNIT_TEXT, SEVERITY_LABEL, TEXT } from "./strings.js";

/**
 * Text made safe for XML 1.0: markup characters as entities, and every character XML 1.0 forbids (C0 controls
 * but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates) as its visible Unicode stand-in, since no parser accepts them
 * even as character references. In attributes, tab/LF/CR are written as references so parsers keep them.
 */
export function escapeXml(text: string, attribute = false): string {
  // eslint-disable-next-line no-control-regex -- the control characters are what is being replaced
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : "\ufffd";
  });
  const escaped = clean.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  if (!attribute) return escaped;
  return escaped.replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

function attr(name: string, value: string | number): string {
  return ` ${name}="${escapeXml(String(value), true)}"`;
}

interface Case {
  xml: string;
  failure: boolean;
  error: boolean;
  skipped: boolean;
}

export function renderJunit(report: RunReport): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  let time = 0;
  for (const d of report.devices) {
    const cases = d.checks.length > 0 ? d.checks.map((c) => checkCase(d, c)) : [connectCase(d)];
    const f = cases.filter((c) => c.failure).length;
    const e = cases.filter((c) => c.error).length;
    const s = cases.filter((c) => c.skipped).length;
    const seconds = (d.durationMs ?? 0) / 1000;
    tests += cases.length;
    failures += f;
    errors += e;
    skipped += s;
    time += seconds;
    const properties = [
      ["host", d.host],
      ["port", String(d.port)],
      ["platform", d.platform],
      ["groups", d.groups.join(",")],
      ["tags", d.tags.join(",")],
      ["status", d.status],
      ["targetVersion", d.targetVersion ?? ""],
      ["upgradePath", d.upgradePath.join(" -> ")],
      ...Object.entries(d.facts).filter((e): e is [string, string] => e[1] !== undefined).map(([k, v]) => [`fact.${k}`, v]),
    ]
      .map(([name, value]) => `      <property${attr("name", name!)}${attr("value", value!)}/>`)
      .join("\n");
    suites.push(
      `  <testsuite${attr("name", d.name)}${attr("tests", cases.length)}${attr("failures", f)}${attr("errors", e)}${attr("skipped", s)}${attr("time", seconds.toFixed(3))}${attr("timestamp", report.meta.startedAt)}${attr("hostname", d.host)}>\n` +
        `    <properties>\n${properties}\n    </properties>\n` +
        cases.map((c) => c.xml).join("") +
        "  </testsuite>\n",
    );
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites${attr("name", `${report.meta.tool.name} ${report.meta.tool.version}`)}${attr("tests", tests)}${attr("failures", failures)}${attr("errors", errors)}${attr("skipped", skipped)}${attr("time", time.toFixed(3))}${attr("timestamp", report.meta.startedAt)}>\n` +
    suites.join("") +
    "</testsuites>\n"
  );
}

function open(d: DeviceResult, name: string): string {
  return `    <testcase${attr("classname", d.name)}${attr("name", name)}`;
}

function checkCase(d: DeviceResult, c: GatedCheckResult): Case {
  const head = open(d, c.id);
  const title = `${c.title}${c.reason !== undefined ? `\n${c.reason}` : ""}`;
  switch (c.status) {
    case "pass":
      return { xml: `${head}/>\n`, failure: false, error: false, skipped: false };
    case "fail":
    case "warn": {
      const message = JUNIT_TEXT.failure(SEVERITY_LABEL[c.severity], c.blocks ? JUNIT_TEXT.blocks : JUNIT_TEXT.doesNotBlock, c.findings.length);
      const body = [title, ...c.findings.map(findingText), ...(c.remediation !== undefined ? [`Remediation: ${c.remediation}`] : [])].join("\n");
      return {
        xml: `${head}>\n      <failure${attr("message", message)}${attr("type", c.status)}>${escapeXml(body)}</failure>\n    </testcase>\n`,
        failure: true,
        error: false,
        skipped: false,
      };
    }
    case "error":
      return {
        xml: `${head}>\n      <error${attr("message", c.reason ?? JUNIT_TEXT.noReason)}${attr("type", "error")}>${escapeXml([title, ...c.findings.map(findingText)].join("\n"))}</error>\n    </testcase>\n`,
        failure: false,
        error: true,
        skipped: false,
      };
    case "waived":
      return { xml: `${head}>\n      <skipped${attr("message", JUNIT_TEXT.waived(c.reason ?? JUNIT_TEXT.noReason))}/>\n    </testcase>\n`, failure: false, error: false, skipped: true };
    case "skip":
    case "not-applicable":
      return { xml: `${head}>\n      <skipped${attr("message", `${c.status}: ${c.reason ?? JUNIT_TEXT.noReason}`)}/>\n    </testcase>\n`, failure: false, error: false, skipped: true };
    default: {
      // A status this version does not know is not a pass: report it as an error rather than drop it.
      const unknown: string = c.status;
      return { xml: `${head}>\n      <error${attr("message", `unknown check status ${unknown}`)}${attr("type", "error")}/>\n    </testcase>\n`, failure: false, error: true, skipped: false };
    }
  }
}

function connectCase(d: DeviceResult): Case {
  const message = `${d.status}: ${d.reason ?? TEXT.noReason}`;
  // A device that is ready or warning with no checks has nothing that failed; say so as a passing connect.
  if (d.status === "ready" || d.status === "warning") return { xml: `${open(d, JUNIT_TEXT.connectCase)}/>\n`, failure: false, error: false, skipped: false };
  return {
    xml: `${open(d, JUNIT_TEXT.connectCase)}>\n      <error${attr("message", message)}${attr("type", d.status)}/>\n    </testcase>\n`,
    failure: false,
    error: true,
    skipped: false,
  };
}

function findingText(f: Finding): string {
  const parts = [`- ${f.key !== undefined ? `${f.key}: ` : ""}${f.message}`];
  if (f.hop !== undefined) parts.push(`  release: ${f.hop}`);
  if (f.expected !== undefined) parts.push(`  expected: ${formatValue(f.expected)}`);
  if (f.actual !== undefined) parts.push(`  actual: ${formatValue(f.actual)}`);
  return parts.join("\n");
}
