// Generated IOS XE version strings, shared by the cisco_xe tests and the cisco_ios tests (whose ordering
// accepts IOS XE versions too). Zero padding and the dot before a 3.x train are cosmetic: not in the identity.
import fc from "fast-check";
import { maybePadded } from "./order-laws.js";

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
