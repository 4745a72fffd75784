// Puts a run's device results and metadata together into the RunReport that every format renders.
import { REPORT_SCHEMA_VERSION, type DeviceResult, type RunMeta, type RunReport } from "../model/result.js";
import type { LoadedCheck } from "../checks/types.js";
import { summarise } from "../model/status.js";

export function checkRefs(checks: readonly LoadedCheck[], relativeTo: (file: string) => string): RunMeta["checks"] {
  return checks.map((c) => ({ id: c.definition.id, title: c.definition.title, severity: c.definition.severity, sha256: c.sha256, source: relativeTo(c.file) }));
}

export function assembleReport(meta: RunMeta, devices: DeviceResult[]): RunReport {
  return { schemaVersion: REPORT_SCHEMA_VERSION, meta, summary: summarise(devices), devices };
}
