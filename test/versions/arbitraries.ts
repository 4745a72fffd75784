// Building blocks for the version generators of the property tests, and the IOS XE generator shared by the
// cisco_xe tests and the cisco_ios tests (whose ordering accepts IOS XE versions too).
import fc from "fast-check";

// An optional value: undefined or one drawn from the arbitrary.
export function optional<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined });
}

// Cisco IOS XE pads parts to two digits, or not: a cosmetic choice.
function maybePadded(n: number, pad: boolean): string {
  return pad ? String(n).padStart(2, "0") : String(n);
}

// Zero padding and the dot before a 3.x train are cosmetic: they are not in the identity.

export const ciscoXeVersion = fc
  .record({
    major: fc.constantFrom(3, 16, 17),
    minor: fc.integer({ min: 0, max: 15 }),
    patch: fc.integer({ min: 0, max: 12 }),
    rebuild: fc.constantFrom("", "a", "b", "s"),
    train: fc.constantFrom("", "S", "E", "SE"),
    pad: fc.boolean(),
    dot: fc.boolean(),
  })
  .map(({ major, minor, patch, rebuild, train, pad, dot }) => ({
    text: `${maybePadded(major, pad)}.${maybePadded(minor, pad)}.${maybePadded(patch, pad)}${rebuild}${train && dot ? "." : ""}${train}`,
    identity: JSON.stringify([major, minor, patch, rebuild, train]),
  }));
