// Test helper: fast-check properties that a version comparator is a total order on generated version
// strings. A generator yields the text of a version and its identity (the components that define which
// version it is, normalised): two strings must compare equal exactly when their identities are equal, so
// cosmetic variants (zero padding, a "v" prefix, letter case, ignored notes) are exercised too.
import fc from "fast-check";
import { expect, it } from "vitest";

export interface GeneratedVersion {
  text: string;
  identity: string;
}

type Compare = (a: string, b: string) => number;

export function itIsATotalOrder(compare: Compare, version: fc.Arbitrary<GeneratedVersion>, numRuns = 1000): void {
  it("returns -1, 0 or 1, is reflexive, and compare(a, b) = -compare(b, a)", () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect([-1, 0, 1]).toContain(compare(a.text, b.text));
        expect(compare(a.text, a.text)).toBe(0);
        expect(compare(a.text, b.text) + compare(b.text, a.text)).toBe(0);
      }),
      { numRuns },
    );
  });

  it("says equal exactly when two strings denote the same version", () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(compare(a.text, b.text) === 0, `${a.text} vs ${b.text}`).toBe(a.identity === b.identity);
      }),
      { numRuns },
    );
  });

  it("is transitive, so sorting is well defined", () => {
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        const [x, y, z] = [a.text, b.text, c.text];
        if (compare(x, y) <= 0 && compare(y, z) <= 0) expect(compare(x, z), `${x} <= ${y} <= ${z}`).toBeLessThanOrEqual(0);
        if (compare(x, y) === 0 && compare(y, z) === 0) expect(compare(x, z)).toBe(0);
        const sorted = [x, y, z].sort(compare);
        expect(compare(sorted[0] as string, sorted[2] as string)).toBeLessThanOrEqual(0);
      }),
      { numRuns },
    );
  });
}
