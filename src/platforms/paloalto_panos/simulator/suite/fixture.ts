// A device output from the package's fixtures/ folder (real captures with their source, or outputs written by
// preflight that say so in their names): the simulator serves the same bytes the check test cases and the unit
// tests read, so there is one copy of each.
import { readFileSync } from "node:fs";
import { packagePath } from "../../../../util/package-root.js";

export function fixture(relativePath: string): string {
  return readFileSync(packagePath("fixtures", relativePath), "utf8");
}
