// A synthetic fleet report of any size for the browser and speed tests: the sample report's devices repeated
// with unique names, hosts and groups, so a 2,000-device page has the mix of statuses a real sweep has.

import type { RunReport } from "../../src/model/result.js";
import { sampleReport } from "../report/sample-report.js";

const SITES = ["ams", "fra", "lon", "par", "nyc", "sjc", "sin", "syd", "tok", "gru"];

export function syntheticReport(devices: number): RunReport {
  const base = sampleReport();
  const templates = base.devices;
  const out = Array.from({ length: devices }, (_, i) => {
    const d = structuredClone(templates[i % templates.length]!);
    const site = SITES[i % SITES.length]!;
    d.name = `fw-${site}-${String(i + 1).padStart(4, "0")}`;
    d.host = `10.${Math.floor(i / 250)}.${i % 250}.1`;
    d.groups = [`site-${site}`, i % 3 === 0 ? "branch" : "datacenter"];
    if (d.facts.hostname !== undefined) d.facts.hostname = d.name;
    return d;
  });
  const byStatus = { ...base.summary.byStatus };
  for (const k of Object.keys(byStatus) as (keyof typeof byStatus)[]) byStatus[k] = out.filter((d) => d.status === k).length;
  return { ...base, summary: { ...base.summary, devices, byStatus }, devices: out };
}
