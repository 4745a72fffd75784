// did-you-mean (src/util/did-you-mean.ts; tested here with the inventory that first needed it).
import { describe, expect, it } from "vitest";
import { didYouMean, didYouMeanHint, editDistance } from "../../src/util/did-you-mean.js";

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["abc", "", 3],
    ["kitten", "sitting", 3],
    ["target_versoin", "target_version", 1], // one transposition, not two substitutions
    ["emae", "emea", 1],
    ["ca", "abc", 3], // optimal string alignment: no edits inside a transposed pair
  ])("%s -> %s = %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe("didYouMean", () => {
  const keys = ["platform", "port", "credentials", "target_version", "upgrade_path", "tags", "vars"];

  it("suggests the closest candidate within the threshold", () => {
    expect(didYouMean("target_versoin", keys)).toBe("target_version");
    expect(didYouMean("platfrom", keys)).toBe("platform");
    expect(didYouMean("credential", keys)).toBe("credentials");
    expect(didYouMean("PORT", keys)).toBe("port");
  });

  it("suggests nothing when every candidate is too far", () => {
    expect(didYouMean("hostname", keys)).toBeUndefined();
    expect(didYouMean("x", ["y", "z"])).toBeUndefined();
    expect(didYouMean("anything", [])).toBeUndefined();
  });

  it("grows the threshold with the input's length", () => {
    // 3 edits: too many for a 6-letter word, fine for a 14-letter one.
    expect(didYouMean("groupz", ["grapes"])).toBeUndefined();
    expect(didYouMean("paloalto_pnaos", ["paloalto_panos"])).toBe("paloalto_panos");
    expect(didYouMean("palolato_pnsoa", ["paloalto_panos"])).toBe("paloalto_panos");
  });

  it("prefers the earlier candidate on a tie", () => {
    expect(didYouMean("dc", ["dc1", "dc2"])).toBe("dc1");
  });

  it("falls back to a candidate that has the input as one of its words", () => {
    expect(didYouMean("panos", ["cisco_ios", "paloalto_panos"])).toBe("paloalto_panos");
    expect(didYouMean("pan-os", ["paloalto_panos"])).toBe("paloalto_panos");
    // too short to stand for a word: "io" would match half the platform names.
    expect(didYouMean("io", ["cisco_io"])).toBeUndefined();
  });

  it("formats a hint ready to append", () => {
    expect(didYouMeanHint("emae", ["emea"])).toBe(' (did you mean "emea"?)');
    expect(didYouMeanHint("zzzz", ["emea"])).toBe("");
  });
});
