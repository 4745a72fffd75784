// preflight as an installed package: only the files `npm pack` would ship (package.json "files"), in a folder of
// their own, with the dependencies beside them. The shipped check test cases, the check library and the
// simulated devices must find everything they read inside the package, never in the source tree's test/.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMigrations } from "../../src/server/db/sql.js";
import { ROOT, type Ran } from "../helpers/cli.js";

let dir: string;
let installed: string;

function run(args: string[], cwd: string): Promise<Ran> {
  const child = spawn(process.execPath, [join(installed, "dist/src/cli/main.js"), ...args], { cwd, env: { PATH: process.env.PATH ?? "" }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

beforeAll(() => {
  const packed = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" });
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  const files = (JSON.parse(packed.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
  dir = mkdtempSync(join(tmpdir(), "preflight-installed-"));
  installed = join(dir, "node_modules", "preflight");
  for (const file of files) {
    mkdirSync(join(installed, dirname(file)), { recursive: true });
    cpSync(join(ROOT, file), join(installed, file));
  }
  // The dependencies as an install would put them: resolvable from the package, outside the source tree.
  symlinkSync(join(ROOT, "node_modules"), join(installed, "node_modules"), "dir");
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the installed package", () => {
  it("`preflight test` runs every built-in check's cases from elsewhere", async () => {
    const r = await run(["test"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    // Every case of the library ran and passed: the same count as from the source tree.
    const fromSource = await run(["test"], ROOT);
    const total = /^(\d+) passed, 0 failed$/m.exec(fromSource.stdout)?.[1];
    expect(Number(total)).toBeGreaterThan(100);
    expect(r.stdout).toMatch(new RegExp(`^${total} passed, 0 failed$`, "m"));
  }, 120_000);

  it("ships preflight serve's database migrations", async () => {
    const shipped = await loadMigrations(join(installed, "db", "migrations"));
    expect(shipped.map((m) => m.name)).toEqual((await loadMigrations()).map((m) => m.name));
    expect(shipped.length).toBeGreaterThan(0);
  });

  it("validates its own check library", async () => {
    const r = await run(["validate", join(installed, "checks")], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  }, 60_000);
});
