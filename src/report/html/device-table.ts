// The device table of the HTML view: one row per device (what it is, its status, what needs attention) with the
// data the inline filter script reads, and the choices offered by the filter controls.

import { SEVERITIES, type DeviceResult, type RunReport } from "../../model/result.js";
import { oneLine } from "../format.js";
import { ATTENTION, checksWithStatus, failingChecks, findingCount, mostSevere } from "../query.js";
import { DEVICE_STATUS_MEANING, HTML_TEXT, SEVERITY_LABEL, TEXT } from "../strings.js";
import { deviceStatus, statusRank, token, tokens, type Labelled } from "./common.js";

export interface DeviceRowView {
  anchor: string;
  name: string;
  host: string;
  platform: string;
  groups: string;
  tags: string;
  model: string;
  softwareVersion: string;
  target: string;
  status: Labelled;
  /** Position of the status in reading order (blocked = 0), the sort key of the status column. */
  statusRank: number;
  statusMeaning: string;
  findings: number;
  /** The device's reason, or how many findings it has. */
  note: string;
  reason: string;
  filter: FilterData;
}

/** What the inline script filters on, as data-* attributes of the device row. Tokens are `|a|b|`-delimited. */
export interface FilterData {
  groups: string;
  platform: string;
  /** Checks that need attention on this device (fail, warn, error, waived). */
  checks: string;
  /** Index in SEVERITIES of the most severe failed or warned check; empty when there is none. */
  severity: string;
  /** Lower-cased text searched by the free-text box. */
  text: string;
}

export interface OptionView {
  value: string;
  label: string;
}

export interface FilterOptionsView {
  groups: OptionView[];
  platforms: OptionView[];
  checks: OptionView[];
  severities: OptionView[];
  any: string;
  countTemplate: string;
}

export function deviceRow(d: DeviceResult, anchor: string): DeviceRowView {
  const reason = d.reason === undefined ? "" : oneLine(d.reason);
  const name = oneLine(d.name);
  const host = d.port === 22 ? d.host : `${d.host}:${d.port}`;
  const model = oneLine(d.facts.model ?? "");
  const softwareVersion = oneLine(d.facts.softwareVersion ?? "");
  const note = reason !== "" ? reason : deviceNote(d);
  const attention = checksWithStatus(d.checks, ATTENTION).map((c) => c.id);
  const worst = mostSevere(failingChecks(d));
  return {
    anchor,
    name,
    host,
    platform: d.platform,
    groups: d.groups.join(", "),
    tags: d.tags.join(", "),
    model,
    softwareVersion,
    target: d.targetVersion ?? "",
    status: deviceStatus(d.status),
    statusRank: statusRank(d.status),
    statusMeaning: DEVICE_STATUS_MEANING[d.status] ?? "",
    findings: findingCount(d),
    note,
    reason,
    filter: {
      groups: tokens(d.groups),
      platform: token(d.platform),
      checks: tokens(attention),
      severity: worst === undefined ? "" : String(SEVERITIES.indexOf(worst)),
      text: [name, host, d.platform, d.groups.join(" "), d.tags.join(" "), model, softwareVersion, note, ...attention].join(" ").toLowerCase(),
    },
  };
}

/** For a device without a reason: what needs attention, e.g. "3 findings; 1 check could not be evaluated". */
function deviceNote(d: DeviceResult): string {
  const parts: string[] = [];
  const findings = findingCount(d);
  const errors = checksWithStatus(d.checks, ["error"]).length;
  if (findings > 0) parts.push(TEXT.findingCount(findings));
  if (errors > 0) parts.push(TEXT.checksNotEvaluated(errors));
  return parts.join("; ");
}

export function filterOptions(report: RunReport): FilterOptionsView {
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b)).map((v) => ({ value: token(v), label: oneLine(v) }));
  return {
    groups: sorted(report.devices.flatMap((d) => d.groups)),
    platforms: sorted(report.devices.map((d) => d.platform)),
    checks: sorted(report.devices.flatMap((d) => checksWithStatus(d.checks, ATTENTION).map((c) => c.id))),
    severities: SEVERITIES.map((s, i) => ({ value: String(i), label: HTML_TEXT.severityAtLeast(SEVERITY_LABEL[s]) })),
    any: HTML_TEXT.anyOption,
    countTemplate: HTML_TEXT.filterCount,
  };
}
