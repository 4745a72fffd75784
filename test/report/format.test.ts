// Display formatting shared by the HTML and terminal reports.

import { describe, expect, it } from "vitest";
import { formatDurationMs, formatTime, formatValue, visibleText } from "../../src/report/format.js";

describe("visibleText", () => {
  it("replaces control characters with their visible symbols, keeps tabs and newlines, drops CR", () => {
    expect(visibleText("a\u001b[0m\tb\r\nc\u0000\u007f\u009b")).toBe("a␛[0m\tb\nc␀␡\ufffd");
  });
});

describe("formatValue", () => {
  it.each([
    [undefined, ""],
    [null, ""],
    ["210M", "210M"],
    [42, "42"],
    [true, "true"],
    [["10.1.0", "10.2.0"], "10.1.0, 10.2.0"],
    [{ vendor: "FS", part: "SFP-10GSR-85" }, "vendor: FS, part: SFP-10GSR-85"],
    [[["FS", "SFP-10GSR-85"]], '[["FS","SFP-10GSR-85"]]'],
    [{ sfp: { vendor: "FS" } }, '{"sfp":{"vendor":"FS"}}'],
  ])("%j -> %s", (value, text) => {
    expect(formatValue(value)).toBe(text);
  });
});

describe("times and durations", () => {
  it("shows times in UTC to the second and leaves unparsable text as it is", () => {
    expect(formatTime("2024-05-14T23:00:03.120+02:00")).toBe("2024-05-14 21:00:03 UTC");
    expect(formatTime("yesterday")).toBe("yesterday");
  });

  it.each([
    [250, "250 ms"],
    [8_412, "8.4 s"],
    [104_785, "1 min 45 s"],
    [3_723_000, "1 h 2 min 3 s"],
  ])("%d ms -> %s", (ms, text) => {
    expect(formatDurationMs(ms)).toBe(text);
  });
});
