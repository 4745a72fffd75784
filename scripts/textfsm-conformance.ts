// `npm run textfsm:conformance -- [NTC_TEMPLATES]`: every raw/expected pair of an ntc-templates checkout through
// preflight's TextFSM engine, compared as ntc-templates' own test compares them
// (tests/test_structured_data_against_parsed_reference_files.py): the platform is the tests/ folder, the command is the
// command folder with "_" read as " ", the template comes from the checkout's index, and the records must have the
// same count, the same keys and equal values (the .yml read as YAML 1.1, as PyYAML reads it).
// NTC_TEMPLATES may be a checkout or a bare git directory (its HEAD is extracted to a temporary folder); the
// environment variable NTC_TEMPLATES is used when no argument is given. Prints PASS/FAIL per template, each failure's
// cause, and the overall rates. Exit status 0 when every pair passes, 1 otherwise, 2 on bad usage.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { TemplateLibrary } from "../src/textfsm/library.js";
import { parseText } from "../src/textfsm/parse.js";

interface Outcome {
  pair: string;
  template: string;
  ok: boolean;
  cause?: string;
}

function checkout(path: string): { root: string; commit: string; cleanup: () => void } {
  if (existsSync(join(path, "tests")) && existsSync(join(path, "ntc_templates", "templates", "index"))) {
    let commit = "unknown";
    try {
      commit = execFileSync("git", ["-C", path, "rev-parse", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      // Not a git checkout: the commit stays unknown.
    }
    return { root: path, commit, cleanup: () => undefined };
  }
  const commit = execFileSync("git", ["--git-dir", path, "rev-parse", "HEAD"], { encoding: "utf8" }).trim();
  const root = mkdtempSync(join(tmpdir(), "ntc-templates-"));
  const archive = execFileSync("git", ["--git-dir", path, "archive", "HEAD", "ntc_templates/templates", "tests"], { maxBuffer: 1 << 30 });
  execFileSync("tar", ["-x", "-C", root], { input: archive });
  return { root, commit, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** The first difference, worded as ntc-templates' test would fail on it; undefined when the records agree. */
function difference(actual: Record<string, unknown>[], expected: Record<string, unknown>[]): string | undefined {
  if (actual.length !== expected.length) return `${actual.length} records, expected ${expected.length}`;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i] as Record<string, unknown>;
    const e = expected[i] as Record<string, unknown>;
    const extra = Object.keys(a).filter((k) => !(k in e));
    const missing = Object.keys(e).filter((k) => !(k in a));
    if (extra.length || missing.length) return `record ${i}: keys differ (extra: ${extra.join(", ") || "-"}; missing: ${missing.join(", ") || "-"})`;
    for (const key of Object.keys(e)) {
      if (JSON.stringify(a[key]) !== JSON.stringify(e[key])) return `record ${i}, ${key}: got ${describe(a[key])}, expected ${describe(e[key])}`;
    }
  }
  return undefined;
}

function main(): number {
  const source = process.argv[2] ?? process.env.NTC_TEMPLATES;
  if (!source) {
    process.stderr.write("usage: npm run textfsm:conformance -- PATH (an ntc-templates checkout or bare git dir; or set NTC_TEMPLATES)\n");
    return 2;
  }
  const { root, commit, cleanup } = checkout(source);
  try {
    const library = new TemplateLibrary(join(root, "ntc_templates", "templates"));
    const outcomes: Outcome[] = [];
    const started = process.hrtime.bigint();
    const testsDir = join(root, "tests");
    for (const platform of readdirSync(testsDir).sort()) {
      if (!statSync(join(testsDir, platform)).isDirectory()) continue;
      for (const commandDir of readdirSync(join(testsDir, platform)).sort()) {
        const dir = join(testsDir, platform, commandDir);
        if (!statSync(dir).isDirectory()) continue;
        const command = commandDir.split("_").join(" ");
        for (const raw of readdirSync(dir).filter((f) => f.endsWith(".raw")).sort()) {
          const pair = `${platform}/${commandDir}/${raw}`;
          let template = `${platform} "${command}"`;
          try {
            const found = library.lookup(platform, command);
            if (!found) throw new Error(`the index has no template for platform "${platform}" command "${command}"`);
            template = found.templates.map((t) => t.file.slice(library.dir.length + 1).replace(/\.textfsm$/, "")).join(":");
            const expectedFile = join(dir, `${raw.slice(0, -4)}.yml`);
            const expected = (parseYaml(readFileSync(expectedFile, "utf8"), { version: "1.1" }) as { parsed_sample?: Record<string, unknown>[] } | null)?.parsed_sample;
            if (!Array.isArray(expected)) throw new Error(`${expectedFile} has no parsed_sample list`);
            const actual = parseText(found.templates, readFileSync(join(dir, raw), "utf8"), { clitable: true });
            const cause = difference(actual, expected);
            outcomes.push({ pair, template, ok: cause === undefined, cause });
          } catch (err) {
            outcomes.push({ pair, template, ok: false, cause: `${(err as Error).name}: ${(err as Error).message}` });
          }
        }
      }
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;

    const byTemplate = new Map<string, Outcome[]>();
    for (const o of outcomes) byTemplate.set(o.template, [...(byTemplate.get(o.template) ?? []), o]);
    for (const [template, list] of [...byTemplate].sort(([a], [b]) => a.localeCompare(b))) {
      const passed = list.filter((o) => o.ok).length;
      process.stdout.write(`${passed === list.length ? "PASS" : "FAIL"} ${template} (${passed}/${list.length})\n`);
      for (const o of list.filter((x) => !x.ok)) process.stdout.write(`     ${o.pair}: ${o.cause}\n`);
    }
    const passedPairs = outcomes.filter((o) => o.ok).length;
    const passedTemplates = [...byTemplate.values()].filter((l) => l.every((o) => o.ok)).length;
    const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(2) : "0.00");
    process.stdout.write(
      `\nntc-templates ${commit}\n` +
        `pairs:     ${passedPairs}/${outcomes.length} pass (${pct(passedPairs, outcomes.length)}%)\n` +
        `templates: ${passedTemplates}/${byTemplate.size} pass every pair (${pct(passedTemplates, byTemplate.size)}%)\n` +
        `time:      ${seconds.toFixed(1)} s\n`,
    );
    return passedPairs === outcomes.length ? 0 : 1;
  } finally {
    cleanup();
  }
}

process.exitCode = main();
