// Shared machinery for the version orderings: every platform maps a version to a sort key (a tuple) and
// compares keys lexicographically, so each comparator is total by construction (a lexicographic order of
// totally ordered parts is total). Keeping that one comparison here keeps the platforms to their grammar.
export type Order = -1 | 0 | 1;

// A nested array compares element by element, the shorter first when one is a prefix of the other.
export type KeyPart = number | string | readonly KeyPart[];

export function compareKeys(a: readonly KeyPart[], b: readonly KeyPart[]): Order {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = comparePart(a[i] as KeyPart, b[i] as KeyPart);
    if (d !== 0) return d;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function comparePart(x: KeyPart, y: KeyPart): Order {
  if (typeof x === "number" && typeof y === "number") return x === y ? 0 : x < y ? -1 : 1;
  // Code-unit order, not localeCompare: the order must not depend on the machine's locale.
  if (typeof x === "string" && typeof y === "string") return x === y ? 0 : x < y ? -1 : 1;
  if (Array.isArray(x) && Array.isArray(y)) return compareKeys(x, y);
  // Each platform builds keys whose parts line up by position; reaching here is a bug in a sort key.
  throw new TypeError(`version sort keys do not line up: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
}

// "10.2" or "10" given to a comparator (range operands such as `>=10.2`, see range.ts) means the start of
// that train. Platforms whose devices always report more than MAJOR.MINOR order it before every version of
// the train by putting TRAIN_START in the key right after MAJOR.MINOR, where a real version has RELEASED.
const TRAIN = /^(\d+)(?:\.(\d+))?$/;
const TRAIN_START = -1;
export const RELEASED = 0;

export function trainStartKey(s: string): [number, number, number] | undefined {
  const m = TRAIN.exec(s.trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0), TRAIN_START] : undefined;
}

// Stands for an absent optional number (no rebuild, no build) so that it sorts before 0 and "absent"
// stays distinct from an explicit 0.
export const ABSENT = -1;
