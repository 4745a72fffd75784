// The one error every version parser throws, so callers (check loading, `when` ranges, the CLI) can tell
// "this string is not a version of that platform" from a bug, and users see the string they gave.
export class VersionParseError extends Error {
  readonly input: string;
  readonly platform: string;
  constructor(input: string, platform: string, expected: string) {
    super(`cannot read "${input}" as ${/^[aeiou]/i.test(platform) ? "an" : "a"} ${platform} version: ${expected}`);
    this.name = "VersionParseError";
    this.input = input;
    this.platform = platform;
  }
}
