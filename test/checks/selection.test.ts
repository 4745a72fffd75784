// Check selection (paths, ids, globs, tags, exclusions), packs and depends_on validation.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dependencyOrder, loadChecks, packOf } from "../../src/checks/library.js";
import { packagePath } from "../../src/util/package-root.js";

let dir: string;

function writeCheck(id: string, extra = ""): void {
  writeFileSync(
    join(dir, `${id}.yaml`),
    `id: ${id}\ntitle: ${id}\ndescription: d\nseverity: low\nplatforms: [paloalto_panos]\n${extra}gather:\n  info: { command: show system info, parser: key-value }\nassert:\n  expect: { path: '$info.hostname', exists: true }\nmessage: m\nremediation: r\n`,
  );
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "preflight-pack-"));
  mkdirSync(join(dir, "tests"));
  writeFileSync(join(dir, "pack.yaml"), "name: site-checks\nversion: 1.2.0\ndescription: our own\n");
  writeCheck("site-a", "tags: [ha, slow]\n");
  writeCheck("site-b", "tags: [ha]\ndepends_on: [site-a]\n");
  writeCheck("site-c", "tags: [ntp]\n");
});

const ids = async (specs: string[]) => {
  const r = await loadChecks(specs);
  expect(r.diagnostics).toEqual([]);
  return r.checks.map((c) => c.definition.id);
};

describe("check selection", () => {
  it("a folder adds its checks; no selector means the built-in library", async () => {
    expect(await ids([dir])).toEqual(["site-a", "site-b", "site-c"]);
    expect(await ids([])).toContain("panos-transceivers-supported");
    expect(await ids([])).not.toContain("site-a");
  });

  it("selects by id, glob and tag, and excludes with !", async () => {
    expect(await ids([dir, "!site-c"])).toEqual(["site-a", "site-b"]);
    expect(await ids([dir, "!tag:ha"])).toEqual(["site-c"]);
    expect(await ids(["site-c", join(dir, "site-a.yaml")].map((s) => (s === "site-c" ? join(dir, "site-c.yaml") : s)))).toEqual(["site-c", "site-a"]);
    expect(await ids(["panos-trans*"])).toEqual(["panos-transceivers-supported"]);
    expect((await ids(["panos-*"])).every((id) => id.startsWith("panos-"))).toBe(true);
    expect((await ids(["tag:optics"])).sort()).toEqual(["eos-transceivers-approved", "fortios-transceivers-approved", "junos-transceivers-approved", "nxos-transceivers-approved", "panos-transceivers-supported"]);
  });

  it("reports selectors that match nothing, with did-you-mean", async () => {
    const r = await loadChecks(["tag:optic", "panos-transceiver-supported", "nope-*"]);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'no check has the tag "optic" (did you mean "optics"?)',
      '"panos-transceiver-supported" is neither a file, a folder nor a known check id (did you mean "panos-transceivers-supported"?)',
      'no check id matches "nope-*"',
    ]);
  });

  it("depends_on must name a selected check; order puts dependencies first", async () => {
    const excluded = await loadChecks([dir, "!site-a"]);
    expect(excluded.diagnostics).toEqual([expect.objectContaining({ line: 7, col: 14, message: 'depends on "site-a", which is not selected: add it to --checks' })]);
    const unknown = await loadChecks([join(dir, "site-b.yaml")]);
    expect(unknown.diagnostics).toEqual([expect.objectContaining({ line: 7, message: expect.stringContaining('depends on unknown check "site-a"') })]);
    const ok = await loadChecks([join(dir, "site-b.yaml"), join(dir, "site-a.yaml")]);
    expect(dependencyOrder(ok.checks).map((c) => c.definition.id)).toEqual(["site-a", "site-b"]);
  });

  it("a check given by path replaces the built-in with the same id", async () => {
    const copy = mkdtempSync(join(tmpdir(), "preflight-shadow-"));
    const builtin = readFileSync(packagePath("checks", "paloalto_panos", "panos-transceivers-supported.yaml"), "utf8");
    writeFileSync(join(copy, "panos-transceivers-supported.yaml"), builtin.replace("severity: critical", "severity: high").replace(/file: data\//g, `file: ${packagePath("checks", "paloalto_panos", "data")}/`));
    const r = await loadChecks([copy]);
    expect(r.diagnostics).toEqual([]);
    expect(r.checks.map((c) => [c.definition.id, c.definition.severity])).toEqual([["panos-transceivers-supported", "high"]]);
  });

  it("finds the pack a check belongs to", async () => {
    expect(await packOf(join(dir, "site-a.yaml"))).toMatchObject({ name: "site-checks", version: "1.2.0" });
  });
});
