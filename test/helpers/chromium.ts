// Debian's Chromium (/usr/bin/chromium) through playwright-core, for the browser tests. Without it the suites are
// skipped on a workstation and fail in CI (CI is set): `.ci/run` installs it.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const chromiumAvailable = existsSync(CHROMIUM);
if (!chromiumAvailable && process.env.CI) throw new Error(`${CHROMIUM} is missing: the browser tests must run in CI (apt-get install chromium)`);

/** Headless, with none of the browser's own background traffic (updates, sync), so a test sees only the page's requests. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
}
