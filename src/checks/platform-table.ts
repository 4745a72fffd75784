// `preflight platforms`: what preflight can audit, one row per registered platform: its pack (checks), the
// commands those checks and the facts send, the parsers that read them (structured `json`/`xml` or a text
// parser), the device outputs the tests use (real captures vs modelled), and whether the platform has a demo
// fleet and upgrade-path rules. docs/platforms.md holds the same table in Markdown (kept current by a test).
import { readdir } from "node:fs/promises";
import { knownPlatforms, platformPlugin } from "../platforms/registry.js";
import { packagePath } from "../util/package-root.js";
import type { LoadedCheck } from "./types.js";

export interface PlatformRow {
  platform: string;
  label: string;
  checks: string[];
  /** Every command the platform's checks and facts send, sorted. */
  commands: string[];
  /** Parser name -> how many of the platform's commands it reads. */
  parsers: Record<string, number>;
  fixtures: { real: number; modelled: number };
  demoFleet: boolean;
  upgradePaths: boolean;
}

/** Files under fixtures/<platform>/, split by the modelled-output naming rule (fixtures/README.md). */
async function countFixtures(platform: string): Promise<{ real: number; modelled: number }> {
  const entries = await readdir(packagePath("fixtures", platform), { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((e) => e.isFile());
  const modelled = files.filter((e) => e.name.startsWith("written-by-preflight__")).length;
  return { real: files.length - modelled, modelled };
}

export async function platformRows(checks: readonly LoadedCheck[]): Promise<PlatformRow[]> {
  const rows: PlatformRow[] = [];
  for (const platform of knownPlatforms()) {
    const plugin = platformPlugin(platform)!;
    const mine = checks.filter((c) => c.definition.platforms.includes(platform)).sort((a, b) => a.definition.id.localeCompare(b.definition.id));
    const commands = new Map<string, string>();
    for (const c of mine) {
      for (const g of Object.values(c.definition.gather)) commands.set(g.output === "xml" ? `${g.command} (xml)` : g.command, g.parser);
    }
    for (const f of plugin.facts) if (!commands.has(f.command)) commands.set(f.command, "facts");
    const parsers: Record<string, number> = {};
    for (const parser of commands.values()) parsers[parser] = (parsers[parser] ?? 0) + 1;
    rows.push({
      platform,
      label: plugin.label,
      checks: mine.map((c) => c.definition.id),
      commands: [...commands.keys()].sort(),
      parsers: Object.fromEntries(Object.entries(parsers).sort(([a], [b]) => a.localeCompare(b))),
      fixtures: await countFixtures(platform),
      demoFleet: plugin.demoFleet !== undefined,
      upgradePaths: plugin.upgradePaths !== undefined,
    });
  }
  return rows;
}

const yesNo = (b: boolean): string => (b ? "yes" : "no");
const parserCell = (parsers: Record<string, number>): string => Object.entries(parsers).map(([p, n]) => `${p} ×${n}`).join(", ");

/** The overview table in Markdown, then one line per platform listing its commands. */
export function platformTableMarkdown(rows: readonly PlatformRow[]): string {
  const head = "| platform | checks | commands | parsers (structured: json, xml) | fixtures real / modelled | demo fleet | upgrade paths |";
  const sep = "|---|---:|---:|---|---|---|---|";
  const lines = rows.map(
    (r) =>
      `| \`${r.platform}\` (${r.label}) | ${r.checks.length} | ${r.commands.length} | ${parserCell(r.parsers)} | ${r.fixtures.real} / ${r.fixtures.modelled} | ${yesNo(r.demoFleet)} | ${yesNo(r.upgradePaths)} |`,
  );
  const detail = rows.flatMap((r) => [
    "",
    `**\`${r.platform}\`**: ${r.checks.length ? r.checks.map((c) => `\`${c}\``).join(", ") : "no checks"}.`,
    `Commands: ${r.commands.map((c) => `\`${c}\``).join(", ")}.`,
  ]);
  return [head, sep, ...lines, ...detail].join("\n") + "\n";
}

/** The same overview as an aligned text table for the terminal. */
export function platformTableText(rows: readonly PlatformRow[]): string {
  const columns = ["PLATFORM", "CHECKS", "COMMANDS", "FIXTURES", "DEMO", "PATHS", "PARSERS"];
  const table = [
    columns,
    ...rows.map((r) => [r.platform, String(r.checks.length), String(r.commands.length), `${r.fixtures.real}/${r.fixtures.modelled}`, yesNo(r.demoFleet), yesNo(r.upgradePaths), parserCell(r.parsers)]),
  ];
  const widths = columns.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const lines = table.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  "));
  return [...lines, "", "FIXTURES: real captures / modelled outputs under fixtures/<platform>/; `preflight list --platform P` lists a pack."].join("\n") + "\n";
}
