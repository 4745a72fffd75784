// A sample of ntc-templates' own raw/expected pairs (test/fixtures/textfsm/ntc, copied by scripts/textfsm-vendor.ts)
// through the pinned templates and index (vendor/ntc-templates), compared as ntc-templates' test compares them.
// The whole set runs with `npm run textfsm:conformance`; this sample keeps the features it exercises from regressing.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { expandCompletion, matchIndex, parseIndex } from "../../src/textfsm/index-file.js";
import { bundledLibrary } from "../../src/textfsm/library.js";

const SAMPLE = join(import.meta.dirname, "..", "fixtures", "textfsm", "ntc");
// The one construct the engine does not reproduce (docs/textfsm.md, "Known differences").
const KNOWN_DIFFERENT = new Set(["cisco_nxos/show_lldp_neighbors"]);

const pairs = readdirSync(SAMPLE)
  .filter((p) => statSync(join(SAMPLE, p)).isDirectory())
  .flatMap((platform) => readdirSync(join(SAMPLE, platform)).flatMap((command) => readdirSync(join(SAMPLE, platform, command)).filter((f) => f.endsWith(".raw")).map((raw) => ({ platform, command, raw }))));

function parsePair(platform: string, command: string, raw: string) {
  const dir = join(SAMPLE, platform, command);
  const actual = bundledLibrary().parse(platform, command.split("_").join(" "), readFileSync(join(dir, raw), "utf8"));
  const expected = (parseYaml(readFileSync(join(dir, raw.replace(/\.raw$/, ".yml")), "utf8"), { version: "1.1" }) as { parsed_sample: unknown[] }).parsed_sample;
  return { actual, expected };
}

describe("ntc-templates sample pairs", () => {
  it("has the sample", () => {
    expect(pairs.length).toBeGreaterThan(30);
  });

  it.each(pairs.filter((p) => !KNOWN_DIFFERENT.has(`${p.platform}/${p.command}`)))("$platform/$command/$raw", ({ platform, command, raw }) => {
    const { actual, expected } = parsePair(platform, command, raw);
    expect(actual).toEqual(expected);
  });

  it("still differs where documented: a capture inside a repeated group keeps Python's last participating value", () => {
    const { actual, expected } = parsePair("cisco_nxos", "show_lldp_neighbors", "cisco_nxos_show_lldp_neighbors.raw");
    expect((expected[0] as Record<string, string>).capabilities).toBe("BR");
    expect(actual[0]?.capabilities).toBe("");
  });
});

describe("the index", () => {
  it("expands [[...]] completion as clitable does", () => {
    expect(expandCompletion("sh[[ow]] ver[[sion]]")).toBe("sh(o(w)?)? ver(s(i(o(n)?)?)?)?");
  });

  it("matches at the start (re.match), first row wins, and abbreviations complete", () => {
    const index = parseIndex("# comment\nTemplate, Hostname, Platform, Command\n\nlong.textfsm, .*, os, sh[[ow]] ver[[sion]] detail\nshort.textfsm, .*, os, sh[[ow]] ver[[sion]]\nother.textfsm:more.textfsm, .*, os2, show x$\n");
    const pick = (platform: string, command: string) => matchIndex(index, { Platform: platform, Command: command })?.templates;
    expect(pick("os", "sh ver")).toEqual(["short.textfsm"]);
    expect(pick("os", "show version detail")).toEqual(["long.textfsm"]);
    expect(pick("os", "show version brief")).toEqual(["short.textfsm"]);
    expect(pick("os", "sho v")).toBeUndefined();
    expect(pick("os2", "show x")).toEqual(["other.textfsm", "more.textfsm"]);
    expect(pick("os2", "show xy")).toBeUndefined();
    expect(pick("os3", "show x")).toBeUndefined();
  });

  it("chooses the pinned ntc-templates as netmiko would", () => {
    const found = bundledLibrary().lookup("cisco_ios", "sh ver");
    expect(found?.templates.map((t) => t.file.split("/").pop())).toEqual(["cisco_ios_show_version.textfsm"]);
    expect(bundledLibrary().lookup("cisco_ios", "show module")?.templates).toHaveLength(4);
    expect(() => bundledLibrary().templatesFor("cisco_ios", "show nothing-like-this")).toThrow('has no template for platform "cisco_ios" command "show nothing-like-this"');
    expect(() => bundledLibrary().template("cisco_ios_show_versio")).toThrow(/no template "cisco_ios_show_versio" in .*; templates for that platform include cisco_ios_/);
  });
});
