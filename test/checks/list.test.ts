// `preflight list`: an aligned table of checks, filtered by platform, tag, severity (at or above) and text,
// and the command's exit codes.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { filterChecks, listChecks } from "../../src/checks/list.js";
import type { LoadedCheck } from "../../src/checks/types.js";
import { loadOk, sink } from "./helpers.js";
import { listCommand } from "../../src/cli/list-command.js";

let dir: string;
let checks: LoadedCheck[];

function writeCheck(id: string, severity: string, tags: string[], title: string): string {
  const file = join(dir, `${id}.yaml`);
  writeFileSync(
    file,
    `id: ${id}\ntitle: ${title}\ndescription: about ${id}\nseverity: ${severity}\nplatforms: [paloalto_panos]\ntags: [${tags.join(", ")}]\ngather:\n  info: { command: show system info, parser: key-value }\nassert:\n  expect: { path: '$info.hostname', exists: true }\nmessage: m\nremediation: r\n`,
  );
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "preflight-list-"));
  const files = [writeCheck("site-ntp", "low", ["ntp"], "NTP is synchronised"), writeCheck("site-ha", "critical", ["ha", "slow"], "HA peers are in sync"), writeCheck("site-disk", "medium", [], "Enough disk for the image")];
  checks = await Promise.all(files.map((f) => loadOk(f)));
});


describe("listChecks", () => {
  it("is an aligned table by id, with a count", () => {
    expect(listChecks(checks)).toBe(
      [
        "ID         SEVERITY  PLATFORMS       TAGS     TITLE",
        "site-disk  medium    paloalto_panos           Enough disk for the image",
        "site-ha    critical  paloalto_panos  ha,slow  HA peers are in sync",
        "site-ntp   low       paloalto_panos  ntp      NTP is synchronised",
        "",
        "3 checks",
        "",
      ].join("\n"),
    );
  });

  it("filters by tag, platform, severity at or above, and text in id, title, description or tags", () => {
    const ids = (f: Parameters<typeof filterChecks>[1]) => filterChecks(checks, f).map((c) => c.definition.id);
    expect(ids({ tag: "ha" })).toEqual(["site-ha"]);
    expect(ids({ platform: "paloalto_panos" })).toHaveLength(3);
    expect(ids({ platform: "cisco_ios" })).toEqual([]);
    expect(ids({ severity: "medium" })).toEqual(["site-ha", "site-disk"]);
    expect(ids({ severity: "critical" })).toEqual(["site-ha"]);
    expect(ids({ text: "DISK" })).toEqual(["site-disk"]);
    expect(ids({ text: "slow" })).toEqual(["site-ha"]);
    expect(ids({ text: "about site-ntp" })).toEqual(["site-ntp"]);
    expect(ids({ tag: "ntp", severity: "high" })).toEqual([]);
    expect(listChecks(checks, { text: "bgp" })).toBe("no check matches the filters\n");
  });
});

describe("listCommand", () => {
  it("lists the built-in library by default and exits 0", async () => {
    const io = sink();
    expect(await listCommand({}, io)).toBe(0);
    expect(io.out()).toMatch(/^ID {2,}SEVERITY {2,}PLATFORMS {2,}TAGS {2,}TITLE\n/);
    // Columns are aligned to the longest value, so compare the row with its padding squeezed.
    expect(io.out().replace(/ {2,}/g, "  ")).toContain("panos-transceivers-supported  critical  paloalto_panos  optics,hardware,upgrade  Installed optics");
  });

  it("lists the checks of given folders", async () => {
    const io = sink();
    expect(await listCommand({ tag: "ntp" }, io, [dir])).toBe(0);
    expect(io.out()).toContain("site-ntp");
    expect(io.out()).not.toContain("site-ha");
  });

  it("exits 3 on an unknown severity, platform or tag, with did-you-mean", async () => {
    const io = sink();
    expect(await listCommand({ severity: "hihg", platform: "panos", tag: "optic" }, io)).toBe(3);
    expect(io.err().split("\n")).toEqual([
      'preflight list: unknown severity "hihg" (did you mean "high"?); use one of critical, high, medium, low, info',
      expect.stringMatching(/^preflight list: unknown platform "panos" \(did you mean "paloalto_panos"\?\); known: .*paloalto_panos/),
      expect.stringMatching(/^preflight list: no check has the tag "optic" \(did you mean "optics"\?\); tags in use: .*optics/),
      "",
    ]);
    expect(io.out()).toBe("");
  });

  it("exits 4 when no check matches", async () => {
    const io = sink();
    expect(await listCommand({ text: "no-check-says-this" }, io)).toBe(4);
    expect(io.err()).toBe("no check matches the filters\n");
  });
});
