// Preloaded into the audited process by the benchmark (node --import): on exit, writes the process's own
// CPU time and peak memory as JSON to the file named by PREFLIGHT_BENCH_USAGE.
import { writeFileSync } from "node:fs";

const out = process.env.PREFLIGHT_BENCH_USAGE;
if (out) {
  process.on("exit", () => {
    const u = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000, maxRssKiB: u.maxRSS }));
  });
}
