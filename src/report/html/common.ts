// What the sections of the HTML view share: a machine value with its label, the device anchors, filter tokens.

import { DEVICE_STATUSES, type CheckStatus, type DeviceResult, type DeviceStatus, type Severity } from "../../model/result.js";
import { CHECK_STATUS_LABEL, DEVICE_STATUS_LABEL, SEVERITY_LABEL } from "../strings.js";

export interface Labelled {
  /** Machine value, used for CSS classes and the filter. */
  value: string;
  label: string;
}

/** A label for any value a report may hold: one this version does not know is shown as it is, not dropped. */
export function checkStatus(s: CheckStatus): Labelled {
  return { value: s, label: CHECK_STATUS_LABEL[s] ?? s };
}

export function severity(s: Severity): Labelled {
  return { value: s, label: SEVERITY_LABEL[s] ?? s };
}

export function deviceStatus(s: DeviceStatus): Labelled {
  return { value: s, label: DEVICE_STATUS_LABEL[s] ?? s };
}

/** Position of a status in reading order (blocked = 0); an unknown status sorts first. */
const STATUS_RANK = new Map<string, number>(DEVICE_STATUSES.map((s, i) => [s, i]));

export function statusRank(s: DeviceStatus): number {
  return STATUS_RANK.get(s) ?? -1;
}

/** Device anchors by inventory index, not name: names are free text and need not be unique or id-safe. */
export type Anchors = Map<DeviceResult, string>;

export function deviceAnchors(devices: readonly DeviceResult[]): Anchors {
  return new Map(devices.map((d, i) => [d, anchorAt(i)]));
}

export function anchorAt(index: number): string {
  return `device-${index + 1}`;
}

/** A free-text value as a filter token: URI-encoded so that it cannot contain the `|` delimiter. */
export function token(value: string): string {
  return encodeURIComponent(value);
}

export function tokens(values: readonly string[]): string {
  return `|${values.map(token).join("|")}|`;
}

/** Chart coordinates to one decimal: enough for SVG, and stable text in the page. */
export function round(n: number): number {
  return Math.round(n * 10) / 10;
}
