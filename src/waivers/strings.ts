// User-facing words of waivers: the notes put into check reasons and the load diagnostics, in one place.

export const WAIVER_TEXT = {
  waived: (who: string): string => `waived: ${who}`,
  who: (justification: string, owner: string, expires: string, source: string): string =>
    `${justification} (owner ${owner}, until ${expires}, ${source})`,
  partly: (waived: number, total: number, keys: string, who: string): string =>
    `waived: ${waived} of ${total} findings (${keys}): ${who}; the other findings still count`,
  expired: (owner: string, expires: string, source: string): string =>
    `waiver expired on ${expires} (owner ${owner}, ${source}), not applied`,
  notForErrors: (source: string): string => `waiver ${source} not applied: a check that could not be evaluated cannot be waived`,
  deviceWide: "device-wide",
  cannotRead: (message: string): string => `cannot read the waiver file: ${message}`,
  notADate: (value: string): string => `"${value}" is not a calendar date; expected YYYY-MM-DD`,
  unknownKey: (key: string, hint: string, allowed: string): string => `unknown key "${key}"${hint}; expected one of: ${allowed}`,
  missingKey: (key: string): string => `missing key "${key}"`,
  expectedType: (type: string): string => `expected ${type === "array" ? "a list" : type === "object" ? "a mapping" : `a ${type}`}`,
  expectedDate: "expected a date as YYYY-MM-DD (quote it or write it plainly, e.g. 2024-06-30)",
  nonEmpty: "expected a non-empty value",
  emptyFile: "the waiver file is empty; expected `waivers:` with a list",
} as const;
