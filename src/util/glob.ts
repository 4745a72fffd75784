// Shell-style globs used across preflight (device names, check ids, model names, known_hosts patterns,
// waiver selectors): `*` is any run of characters and, unless told otherwise, `?` is one character;
// anchored at both ends.

export interface GlobOptions {
  ignoreCase?: boolean;
  /** Whether `?` matches one character (default) or only itself. */
  questionMark?: boolean;
}

export function globToRegExp(glob: string, options: GlobOptions = {}): RegExp {
  const single = options.questionMark ?? true;
  const source = [...glob].map((c) => (c === "*" ? ".*" : c === "?" && single ? "." : c.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))).join("");
  return new RegExp(`^${source}$`, `s${options.ignoreCase ? "i" : ""}`);
}

/** A matcher for one pattern; a pattern without wildcards compares exactly. */
export function globMatcher(pattern: string, options: GlobOptions = {}): (value: string) => boolean {
  const wild = (options.questionMark ?? true) ? /[*?]/ : /\*/;
  if (!wild.test(pattern) && !options.ignoreCase) return (value) => value === pattern;
  const regex = globToRegExp(pattern, options);
  return (value) => regex.test(value);
}
