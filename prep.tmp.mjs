import { prepareAudit } from "./dist/src/runner/prepare.js";
const t0 = performance.now();
const r = await prepareAudit({ inventory: process.argv[2], groups: [], devices: [], tags: [], checks: ["panos-transceivers-supported"], out: "/tmp/perf/o", concurrency: 100, knownHosts: "/tmp/perf/kh", acceptNewHostKeys: false, failOn: "low", connectTimeoutMs: 1000, commandTimeoutMs: 1000, deviceTimeoutMs: 1000 }, { PREFLIGHT_USERNAME: "a", PREFLIGHT_PASSWORD: "b" });
console.log(r.kind, r.audit?.plans.length, (performance.now() - t0).toFixed(0), "ms", JSON.stringify(process.cpuUsage()), (process.memoryUsage().rss/1048576).toFixed(0), "MiB");
