// Builds dist/ once before the suite: CLI scenario tests run the built binary, as a user would.
// Type errors are `npm run typecheck`'s job; tsc still emits, so the build's own status is not checked here.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  const root = fileURLToPath(new URL("..", import.meta.url));
  spawnSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, "-p", "tsconfig.json"], { cwd: root, stdio: "ignore" });
}
