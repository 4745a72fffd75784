// packageRoot(): finds preflight's own files whether the code runs from src/ or from dist/src/.

import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findPackageRoot, packagePath, packageRoot } from "../../src/util/package-root.js";

describe("packageRoot", () => {
  it("is the directory of preflight's package.json", () => {
    const pkg = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { name: string };
    expect(pkg.name).toBe("preflight");
    expect(packagePath("reports", "report.schema.json")).toBe(join(packageRoot(), "reports", "report.schema.json"));
  });

  it("looks upward from a nested directory such as dist/src/report", async () => {
    const root = await mkdtemp(join(tmpdir(), "preflight-root-"));
    try {
      await writeFile(join(root, "package.json"), "{}", "utf8");
      const nested = join(root, "dist", "src", "report");
      await mkdir(nested, { recursive: true });
      expect(findPackageRoot(nested)).toBe(root);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
