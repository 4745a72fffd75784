// The generic xml parser: any document, lists only where the check names them, errors for bad XML.
import { describe, expect, it } from "vitest";
import { getParser } from "../../src/parse/registry.js";
import { ParseError } from "../../src/parse/types.js";
import { parseXml } from "../../src/parse/xml.js";

// Shaped like Junos `show version | display xml` (modelled for this test, not a capture).
const JUNOS_LIKE = `<?xml version="1.0" encoding="UTF-8"?>
<rpc-reply xmlns:junos="http://xml.juniper.net/junos/18.1R3/junos">
  <software-information>
    <host-name>r1</host-name>
    <junos-version>18.1R3-S2.5</junos-version>
    <package-information><name>os-kernel</name><comment>JUNOS OS Kernel 64-bit</comment></package-information>
  </software-information>
</rpc-reply>`;

describe("xml", () => {
  it("returns the whole document, root included, with text kept as strings and the declaration dropped", () => {
    expect(parseXml(JUNOS_LIKE)).toEqual({
      "rpc-reply": {
        "@xmlns:junos": "http://xml.juniper.net/junos/18.1R3/junos",
        "software-information": {
          "host-name": "r1",
          "junos-version": "18.1R3-S2.5",
          "package-information": { name: "os-kernel", comment: "JUNOS OS Kernel 64-bit" },
        },
      },
    });
  });

  it("makes the elements named in `lists` arrays even with one item, and no others", () => {
    const raw = "<a><item n='1'/><one>x</one></a>";
    expect(parseXml(raw, { lists: ["item"] })).toEqual({ a: { item: [{ "@n": "1" }], one: "x" } });
    expect(parseXml(raw)).toEqual({ a: { item: { "@n": "1" }, one: "x" } });
    // A parser built for one `lists` does not leak into another.
    expect(parseXml(raw, { lists: ["one"] })).toEqual({ a: { item: { "@n": "1" }, one: ["x"] } });
  });

  it("keeps an element's text under #text when it has attributes, without number guessing", () => {
    expect(parseXml('<v unit="MB">0010.50</v>')).toEqual({ v: { "@unit": "MB", "#text": "0010.50" } });
  });

  it.each([
    ["empty output", "  \n", /output is empty/],
    ["truncated output", "<a>\n<b>1</b>\n", /invalid XML/],
    ["mismatched tags", "<a>1</b>", /line 1: invalid XML: Expected closing tag 'a'/],
    ["plain text", "% Invalid input detected", /invalid XML/],
  ])("rejects %s", (_name, raw, message) => {
    expect(() => parseXml(raw)).toThrow(ParseError);
    expect(() => parseXml(raw)).toThrow(message);
  });

  it("is what checks get by `parser: xml`", () => {
    expect(getParser("xml")).toBe(parseXml);
  });
});
