// Typed fields: what each type accepts and refuses, and how applyTypes treats blanks and untyped fields.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyTypes, coerce, type TypeMap, typeMapProblems } from "../../src/parse/coerce.js";
import { ParseError } from "../../src/parse/types.js";

describe("coerce", () => {
  it.each([
    ["42", 42],
    [" -7 ", -7],
    ["+3", 3],
    ["1,800,000", 1_800_000],
    ["0", 0],
  ])("int %j -> %j", (text, value) => {
    expect(coerce(text, "int")).toBe(value);
  });

  it.each(["12abc", "1.5", "", "1,2", "12,34,567", "1 000", "0x10", "9007199254740993"])("int refuses %j", (text) => {
    expect(() => coerce(text, "int", "jobs")).toThrow(ParseError);
  });

  it("names the field, the value and the type in the error", () => {
    expect(() => coerce("12abc", "int", "priority")).toThrow('field "priority": "12abc" is not an int');
    expect(() => coerce("maybe", "bool", "preemptive", 7)).toThrow('line 7: field "preemptive": "maybe" is not a bool');
  });

  it.each([
    ["0.5", 0.5],
    ["5.0", 5],
    ["-2", -2],
    [".25", 0.25],
    ["1e3", 1000],
    ["1,234.5", 1234.5],
  ])("float %j -> %j", (text, value) => {
    expect(coerce(text, "float")).toBe(value);
  });

  it.each(["5.0G", "14%", "NaN", "Infinity", "1.2.3", "", "1e999"])("float refuses %j", (text) => {
    expect(() => coerce(text, "float")).toThrow(/is not a float/);
  });

  it.each([
    ["yes", true],
    ["True", true],
    ["ON", true],
    ["enabled", true],
    ["no", false],
    ["False", false],
    ["off", false],
    ["disabled", false],
  ])("bool %j -> %j", (text, value) => {
    expect(coerce(text, "bool")).toBe(value);
  });

  it.each(["up", "down", "1", "0", "", "y"])("bool refuses %j (link states and digits are not booleans)", (text) => {
    expect(() => coerce(text, "bool")).toThrow(/is not a bool/);
  });

  it("version is one trimmed token; string is returned as it is", () => {
    expect(coerce(" 10.2.4-h4 ", "version")).toBe("10.2.4-h4");
    expect(() => coerce("", "version", "sw-version")).toThrow('field "sw-version": "" is not a version');
    expect(() => coerce("Not Installed", "version")).toThrow(/is not a version/);
    expect(coerce("  as is ", "string")).toBe("  as is ");
  });

  it("int agrees with Number() on every safe integer", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(coerce(String(n), "int")).toBe(n);
        expect(coerce(n.toLocaleString("en-US"), "int")).toBe(n);
      }),
    );
  });
});

describe("applyTypes", () => {
  it("types the named fields, keeps the others, and makes blanks null except for strings", () => {
    const typed = applyTypes({ id: "7", preemptive: "yes", positioninq: "", note: "", state: "up", gone: null }, {
      id: "int",
      preemptive: "bool",
      positioninq: "int",
      note: "string",
      gone: "version",
    });
    expect(typed).toEqual({ id: 7, preemptive: true, positioninq: null, note: "", state: "up", gone: null });
  });

  it("does not add fields the record does not have, and reports the line of a bad value", () => {
    expect(applyTypes({ a: "1" }, { a: "int", b: "int" })).toEqual({ a: 1 });
    expect(() => applyTypes({ id: "x" }, { id: "int" }, 12)).toThrow(/^line 12: field "id"/);
  });

  it("treats __proto__ and constructor as ordinary field names", () => {
    const typed = applyTypes(JSON.parse('{"__proto__": "1", "constructor": "2"}') as Record<string, string>, { constructor: "int" } as TypeMap);
    expect(Object.getPrototypeOf(typed)).toBe(Object.prototype);
    expect(Object.keys(typed)).toEqual(["__proto__", "constructor"]);
    expect(typed.constructor).toBe(2);
  });
});

describe("typeMapProblems", () => {
  it("reports unknown types and, when the fields are known, unknown fields", () => {
    expect(typeMapProblems({ a: "int" }, ["a"])).toEqual([]);
    expect(typeMapProblems({ a: "integer", b: "int" } as unknown as TypeMap, ["a"])).toEqual([
      'types.a: "integer" is not one of int, float, bool, version, string',
      "types.b: no such field (there are: a)",
    ]);
    expect(typeMapProblems({ b: "int" }, undefined)).toEqual([]);
  });
});
