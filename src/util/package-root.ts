// Locates files shipped with preflight (report schema, templates, built-in checks) at run time. The code runs
// from `src/` under vitest and from `dist/src/` once built, so a fixed relative path would be wrong in one of
// them; the package root is the nearest directory upward that holds a package.json.

import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/** Absolute path of the directory holding preflight's package.json. */
export function packageRoot(): string {
  if (cached === undefined) cached = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
  return cached;
}

/** Absolute path of a file inside the package, e.g. `packagePath("reports", "report.schema.json")`. */
export function packagePath(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}

/** Exported for tests; callers use packageRoot(). */
export function findPackageRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, "package.json"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`preflight: no package.json found above ${start}`);
    dir = parent;
  }
}
