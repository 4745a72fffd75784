// The "by check" section of the HTML view: for each check, its results across the fleet and the devices where it
// needs attention, the checks with the most such devices first (then the most severe, then by id).

import { SEVERITIES, type CheckStatus } from "../../model/result.js";
import { oneLine } from "../format.js";
import type { CheckCounts } from "../query.js";
import { CHECK_STATUS_LABEL, HTML_TEXT } from "../strings.js";
import { deviceStatus, severity, type Anchors, type Labelled } from "./common.js";

/** Check statuses counted per check, in this column order. */
const BY_CHECK_STATUSES: readonly CheckStatus[] = ["fail", "warn", "error", "waived", "pass", "skip", "not-applicable"];
/** Devices listed by name under each check; the filter shows all of them. */
const MAX_DEVICES_PER_CHECK = 40;

export interface ByCheckView {
  id: string;
  title: string;
  severity: Labelled;
  counts: number[];
  findings: number;
  devices: { name: string; anchor: string; status: Labelled }[];
  hasDevices: boolean;
  more: string;
}

export interface ByCheckSection {
  byCheck: ByCheckView[];
  byCheckHeads: Labelled[];
}

/** `checks` counted over the devices in reading order, so each check lists its devices in that order. */
export function byCheckView(checks: readonly CheckCounts[], anchors: Anchors): ByCheckSection {
  const byCheck = [...checks]
    .sort((a, b) => b.attention.length - a.attention.length || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.id.localeCompare(b.id))
    .map((r) => ({
      id: r.id,
      title: r.title,
      severity: severity(r.severity),
      counts: BY_CHECK_STATUSES.map((s) => r.byStatus[s]),
      findings: r.findings,
      devices: r.attention.slice(0, MAX_DEVICES_PER_CHECK).map((d) => ({ name: oneLine(d.name), anchor: anchors.get(d) ?? "", status: deviceStatus(d.status) })),
      hasDevices: r.attention.length > 0,
      more: r.attention.length > MAX_DEVICES_PER_CHECK ? HTML_TEXT.moreDevices(r.attention.length - MAX_DEVICES_PER_CHECK) : "",
    }));
  return { byCheck, byCheckHeads: BY_CHECK_STATUSES.map((s) => ({ value: s, label: CHECK_STATUS_LABEL[s] })) };
}
