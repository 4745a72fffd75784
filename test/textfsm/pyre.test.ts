// The Python-regex translation, case by case: each expectation is what CPython 3.11's re.match() gives (checked
// against it when written), so a change that drifts from Python's meaning fails here.
import { describe, expect, it } from "vitest";
import { compilePythonRegex, pyGroup, pyMatch, PyRegexError, translatePythonRegex } from "../../src/textfsm/pyre.js";

/** The match as [whole, ...groups] (Python's groups; null for a group that did not take part), or null. */
function py(pattern: string, text: string): (string | null)[] | null {
  const re = compilePythonRegex(pattern);
  const m = pyMatch(re, text);
  if (!m) return null;
  return [m[0], ...Array.from({ length: re.groups }, (_, i) => pyGroup(re, m, i + 1) ?? null)];
}

describe("Python re semantics", () => {
  it.each([
    // pattern, text, Python's re.match result
    ["\\w+", "été_1 x", ["été_1"]],
    ["\\d+", "٣4", ["٣4"]],
    ["\\s+", "\x1c\x85 x", ["\x1c\x85 "]],
    ["\\s", "\ufeff", null],
    ["a$", "a\n", ["a"]],
    ["a\\Z", "a\n", null],
    ["\\Aab", "ab", ["ab"]],
    [".", "\n", null],
    [".", "\r", ["\r"]],
    ["(?s).", "\n", ["\n"]],
    ["a{,2}", "aaa", ["aa"]],
    ["a{,}", "aaa", ["aaa"]],
    ["a{}", "a{}", ["a{}"]],
    ["a{x}", "a{x}", ["a{x}"]],
    ["[]a]+", "]a]b", ["]a]"]],
    ["[\\b]", "\b", ["\b"]],
    ["[\\S]", " ", null],
    ["[^\\S]", " ", [" "]],
    ["[a\\W]+", "a- b", ["a- "]],
    ["[^a\\W]+", "bca-", ["bc"]],
    ["[\\w-]+", "a-b c", ["a-b"]],
    ["\\x41\\101\\0", "AA\0", ["AA\0"]],
    ["(a)(?P<n>b)\\1(?P=n)", "abab", ["abab", "a", "b"]],
    ["x{2,}+x", "xxx", null],
    ["(?>a+)a", "aaa", null],
    ["(?>a+)b", "aab", ["aab"]],
    ["a*+b", "aab", ["aab"]],
    ["\\bfoo\\b", "foo bar", ["foo"]],
    ["\\bfoo\\b", "fooé", null],
    ["(?x) a b # comment", "ab", ["ab"]],
    ["(?i)abc", "ABC", ["ABC"]],
    ["(?a)\\w+", "aé", ["a"]],
    ["(a)|b", "b", ["b", null]],
    ["\\$\\.", "$.", ["$."]],
    ["[(\\S+\\s\\S+)]+", "(a b)c", ["(a b)c"]],
    // Python 3.11 semantics of the V8 bug the `u` flag avoids: /^a (?:[^ ]+,){2}/v fails on this.
    ["a (?:[^ ]+,){2}", "a b,b,c", ["a b,b,"]],
  ] as const)("/%s/ on %j", (pattern, text, expected) => {
    expect(py(pattern, text)).toEqual(expected);
  });

  it("lists named groups in definition order, as groupdict() does", () => {
    expect(translatePythonRegex("(?P<b>x)(y)(?P<a>z)").names).toEqual(["b", "a"]);
    expect(translatePythonRegex("(?P<b>x)(y)(?P<a>z)").groups).toBe(3);
  });

  it("keeps numbered back-references right after an atomic group shifts JS numbering", () => {
    expect(py("(?>(a))(b)\\2\\1", "abba")).toEqual(["abba", "a", "b"]);
  });

  it.each([
    ["*a", "nothing to repeat", 0],
    ["a**", "multiple repeat", 2],
    ["^*", "nothing to repeat", 1],
    ["a{3,2}", "min repeat greater than max repeat", 1],
    ["(a", "missing ), unterminated subpattern", 0],
    ["a)", "unbalanced parenthesis", 1],
    ["[a", "unterminated character set", 0],
    ["[z-a]", "bad character range z-a", 1],
    ["\\q", "bad escape \\q", 0],
    ["a(?i)b", "global flags not at the start of the expression", 1],
    ["(?i:a)", "scoped case flags", 0],
    ["(?(1)a|b)", "conditional groups", 0],
    ["(?<n>a)", "named groups are written (?P<name>...)", 0],
    ["(?P<n>a)(?P<n>b)", "redefinition of group name 'n'", 8],
    ["(a)\\2", "invalid group reference 2", 3],
    ["(a\\1)", "cannot refer to an open group", 2],
  ] as const)("rejects /%s/ as Python does: %s", (pattern, message, offset) => {
    let caught: unknown;
    try {
      translatePythonRegex(pattern);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PyRegexError);
    expect((caught as PyRegexError).message).toContain(message);
    expect((caught as PyRegexError).offset).toBe(offset);
  });
});
