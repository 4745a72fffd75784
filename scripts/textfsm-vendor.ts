// `npm run textfsm:vendor -- NTC_TEMPLATES`: development-time copy of ntc-templates (Apache-2.0) into the package.
// Writes vendor/ntc-templates/templates/ (the index and every .textfsm file), its LICENSE and SOURCE.md (repository,
// commit, date, counts), and a sample of raw/expected test pairs into test/fixtures/textfsm/ntc/ for the test suite
// (the templates whose pairs exercise the language's features; see SAMPLE below). Nothing is fetched at install time:
// the package ships what this script wrote. NTC_TEMPLATES is a bare git directory (as the `fetch` mirror gives) or a
// checkout; the environment variable NTC_TEMPLATES is used when no argument is given.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

// Test folders (tests/<platform>/<command>) copied as the suite's sample: each exercises something particular.
export const SAMPLE: Record<string, string> = {
  "cisco_ios/show_version": "the built-in check's template; List and Required values",
  "cisco_ios/show_ip_interface_brief": "a one-state table template",
  "cisco_ios/show_module": "an index row of four templates merged on Key values",
  "huawei_vrp/display_vlan": "two templates merged by row position (no Key)",
  "cisco_asa/show_failover": "List values whose missing matches clitable prints as None",
  "cisco_xr/show_running-config_interface": "List values with None entries among strings",
  "arista_eos/dir": "Fillup values and an EOF state",
  "arista_eos/show_ip_ospf_database": "Clearall",
  "arista_eos/show_vrf": "List values after counted groups (the V8 `v`-flag bug that the `u` flag avoids)",
  "arista_eos/show_ip_access-lists": "a class with \\S inside a repetition (printed as one path, not an alternation)",
  "mikrotik_routeros/ip_dhcp-server_lease_print_without-paging": "{,n} quantifiers",
  "juniper_junos/show_version": "Filldown across states",
  "cisco_nxos/show_version": "a multi-state template",
  "paloalto_panos/show_interface_hardware": "a platform preflight audits",
  "linux/ip_address_show": "index completion with an optional word (ip a[[ddress]] [[show]])",
  "cisco_nxos/show_lldp_neighbors": "the known difference: a capture inside a repeated group (expected to differ)",
};

function source(path: string): { root: string; commit: string; date: string; cleanup: () => void } {
  const bare = !existsSync(join(path, "ntc_templates"));
  const git = bare ? ["--git-dir", path] : ["-C", path];
  const [commit, date] = execFileSync("git", [...git, "log", "-1", "--format=%H %cI"], { encoding: "utf8" }).trim().split(" ") as [string, string];
  if (!bare) return { root: path, commit, date, cleanup: () => undefined };
  const root = mkdtempSync(join(tmpdir(), "ntc-templates-"));
  const archive = execFileSync("git", [...git, "archive", "HEAD", "ntc_templates/templates", "tests", "LICENSE"], { maxBuffer: 1 << 30 });
  execFileSync("tar", ["-x", "-C", root], { input: archive });
  return { root, commit, date, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

function main(): number {
  const from = process.argv[2] ?? process.env.NTC_TEMPLATES;
  if (!from) {
    process.stderr.write("usage: npm run textfsm:vendor -- PATH (an ntc-templates bare git dir or checkout; or set NTC_TEMPLATES)\n");
    return 2;
  }
  const { root, commit, date, cleanup } = source(from);
  try {
    const out = join(ROOT, "vendor", "ntc-templates");
    rmSync(out, { recursive: true, force: true });
    mkdirSync(join(out, "templates"), { recursive: true });
    const templates = readdirSync(join(root, "ntc_templates", "templates")).filter((f) => f === "index" || f.endsWith(".textfsm"));
    for (const f of templates) cpSync(join(root, "ntc_templates", "templates", f), join(out, "templates", f));
    cpSync(join(root, "LICENSE"), join(out, "LICENSE"));
    writeFileSync(
      join(out, "SOURCE.md"),
      `# ntc-templates, pinned\n\n` +
        `- repository: https://github.com/networktocode/ntc-templates\n- commit: ${commit}\n- commit date: ${date}\n` +
        `- licence: Apache-2.0 (LICENSE in this folder)\n- contents: ntc_templates/templates/ at that commit: the index and ${templates.length - 1} templates, unmodified\n\n` +
        `Written by \`npm run textfsm:vendor -- PATH\` (scripts/textfsm-vendor.ts) at development time; nothing is fetched at install.\n` +
        `To move to a newer ntc-templates, run it again against a newer checkout and re-run \`npm run textfsm:conformance\`.\n`,
    );

    const sampleOut = join(ROOT, "test", "fixtures", "textfsm", "ntc");
    rmSync(sampleOut, { recursive: true, force: true });
    const lines = ["# ntc-templates test pairs (sample)", "", `From https://github.com/networktocode/ntc-templates at ${commit} (tests/), Apache-2.0`, "(../../../../vendor/ntc-templates/LICENSE). Copied unmodified by scripts/textfsm-vendor.ts.", "", "| folder | why it is in the sample |", "|---|---|"];
    for (const [folder, why] of Object.entries(SAMPLE)) {
      const dir = join(root, "tests", folder);
      if (!existsSync(dir)) throw new Error(`sample folder tests/${folder} is not in ntc-templates ${commit}`);
      mkdirSync(join(sampleOut, folder), { recursive: true });
      for (const f of readdirSync(dir).filter((x) => x.endsWith(".raw") || x.endsWith(".yml"))) cpSync(join(dir, f), join(sampleOut, folder, f));
      lines.push(`| ${folder} | ${why} |`);
    }
    writeFileSync(join(sampleOut, "README.md"), `${lines.join("\n")}\n`);
    process.stdout.write(`vendor/ntc-templates: ${templates.length - 1} templates and the index from ${commit}\ntest/fixtures/textfsm/ntc: ${Object.keys(SAMPLE).length} test folders\n`);
    return 0;
  } finally {
    cleanup();
  }
}

process.exitCode = main();
