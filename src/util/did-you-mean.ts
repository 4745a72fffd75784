// "Did you mean ...?" for unknown names in user input (keys, groups, platforms, check ids, CLI values):
// a typo should cost the user one glance, not a trip to the docs.

/**
 * Edit distance with adjacent transpositions (optimal string alignment, a restricted Damerau-Levenshtein):
 * `target_versoin` is one edit away from `target_version`, as a human would count it.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  // d[i][j]: edits between the first i characters of a and the first j of b.
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate closest to `input`, if it is close enough to be a plausible typo: at most max(2, len/3) edits,
 * compared case-insensitively, and fewer edits than the input has characters (so "x" does not "mean" "y").
 * Ties go to the earlier candidate, so callers control preference by order. Failing that, a candidate with the
 * input as one of its words.
 */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase();
  const threshold = Math.max(2, Math.floor(input.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (bestDistance <= threshold && bestDistance < input.length) return best;
  return wordMatch(needle, candidates);
}

/**
 * A candidate that has the input as one of its words: "junos" -> "juniper_junos". Too far for an edit
 * distance, yet what the user meant; short inputs are left out, they would match too much.
 */
function wordMatch(needle: string, candidates: readonly string[]): string | undefined {
  const compact = needle.replace(/[-_. ]/g, "");
  if (compact.length < 3) return undefined;
  return candidates.find((c) => c.toLowerCase().split(/[-_. ]/).includes(compact));
}

/** `' (did you mean "x"?)'` or `""`, ready to append to a diagnostic sentence. */
export function didYouMeanHint(input: string, candidates: readonly string[]): string {
  const suggestion = didYouMean(input, candidates);
  return suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`;
}
