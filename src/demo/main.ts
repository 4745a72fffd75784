// `npm run demo`: the incident in miniature, in a mixed estate. Starts every registered platform's demo fleet on
// 127.0.0.1 (PREFLIGHT_DEMO_PLATFORM=a,b for some only; PREFLIGHT_DEMO_DEVICES for the size, default 50 of the
// first platform: PAN-OS firewalls with OEM optics, non-OEM optics, copper only, one unreachable, one wrong
// password), audits it in one run and one report, and checks that every device was classified as expected.
// Exits 0 when the demo itself worked.
import { processIo } from "../cli/io.js";
import { packagePath } from "../util/package-root.js";
import { runDemo } from "./run-demo.js";

const controller = new AbortController();
process.once("SIGINT", () => controller.abort(new Error("interrupted by Ctrl-C")));
const platforms = (process.env.PREFLIGHT_DEMO_PLATFORM ?? "").split(",").map((p) => p.trim()).filter(Boolean);
process.exitCode = await runDemo(
  { dir: packagePath("out", "demo"), devices: Number(process.env.PREFLIGHT_DEMO_DEVICES ?? 50), ...(platforms.length ? { platforms } : {}) },
  processIo(controller.signal),
);
