// The "Compared with the previous run" section of the HTML view: the counts, one table per kind of change (new,
// resolved, not re-checked) linking to the device in this page, still-failing problems per check, status changes,
// devices added and removed.

import type { DeviceResult } from "../../model/result.js";
import type { DiffItem, ReportDiff } from "../diff/compute.js";
import { diffIsEmpty } from "../diff/compute.js";
import { formatTime, oneLine, visibleText } from "../format.js";
import { countPerCheck } from "../query.js";
import { CHECK_STATUS_LABEL, DIFF_TEXT, HTML_TEXT, SEVERITY_LABEL, TEXT } from "../strings.js";
import { anchorAt, deviceStatus, type Labelled } from "./common.js";

/** Rows per diff table in the page; the diff JSON has them all. */
const MAX_DIFF_ROWS = 200;

export interface DiffRowView {
  device: string;
  anchor: string;
  hasAnchor: boolean;
  check: string;
  severity: string;
  key: string;
  hop: string;
  message: string;
  note: string;
}

export interface DiffTableView {
  id: string;
  title: string;
  count: number;
  rows: DiffRowView[];
  more: string;
}

export interface DiffView {
  previous: string;
  current: string;
  empty: boolean;
  noChange: string;
  counts: string;
  devicesLine: string;
  tables: DiffTableView[];
  stillFailing: { check: string; count: number }[];
  hasStillFailing: boolean;
  stillFailingCount: number;
  statusChanges: { device: string; from: Labelled; to: Labelled }[];
  hasStatusChanges: boolean;
  statusChangesMore: string;
  added: string;
  removed: string;
  hasAdded: boolean;
  hasRemoved: boolean;
}

/** `devices`: this run's, in inventory order; a diff item names its device, and the first of that name is linked. */
export function diffView(diff: ReportDiff, devices: readonly DeviceResult[]): DiffView {
  const byName = new Map<string, string>();
  devices.forEach((d, i) => {
    if (!byName.has(d.name)) byName.set(d.name, anchorAt(i));
  });
  const row = (i: DiffItem, note: string): DiffRowView => ({
    device: oneLine(i.device),
    anchor: byName.get(i.device) ?? "",
    hasAnchor: byName.has(i.device),
    check: i.check,
    severity: SEVERITY_LABEL[i.severity] ?? i.severity,
    key: i.key === undefined ? TEXT.deviceWide : oneLine(i.key),
    hop: i.hop ?? "",
    message: visibleText(i.message),
    note,
  });
  const table = (id: string, title: string, rows: DiffRowView[]): DiffTableView => ({
    id,
    title,
    count: rows.length,
    rows: rows.slice(0, MAX_DIFF_ROWS),
    more: rows.length > MAX_DIFF_ROWS ? HTML_TEXT.moreRows(rows.length - MAX_DIFF_ROWS) : "",
  });
  const tables = [
    table("diff-new", DIFF_TEXT.newProblems, diff.newProblems.map((i) => row(i, CHECK_STATUS_LABEL[i.checkStatus]))),
    table("diff-resolved", DIFF_TEXT.resolved, diff.resolved.map((i) => row(i, DIFF_TEXT.nowLabel(CHECK_STATUS_LABEL[i.now])))),
    table("diff-unchecked", `${DIFF_TEXT.notRechecked}: ${DIFF_TEXT.notRecheckedMeaning}`, diff.notRechecked.map((i) => row(i, DIFF_TEXT.cause[i.cause] ?? i.cause))),
  ].filter((t) => t.count > 0);
  const still = countPerCheck(diff.stillFailing);
  const run = (r: ReportDiff["previous"], f: typeof DIFF_TEXT.previousRun) => f(formatTime(r.startedAt), r.tool, r.devices, r.exitCode);
  return {
    previous: run(diff.previous, DIFF_TEXT.previousRun),
    current: run(diff.current, DIFF_TEXT.currentRun),
    empty: diffIsEmpty(diff),
    noChange: DIFF_TEXT.noChange,
    counts: DIFF_TEXT.counts({ newProblems: diff.newProblems.length, resolved: diff.resolved.length, stillFailing: diff.stillFailing.length, notRechecked: diff.notRechecked.length }),
    devicesLine: DIFF_TEXT.devicesLine(diff.devicesAdded.length, diff.devicesRemoved.length, diff.statusChanges.length),
    tables,
    stillFailing: still.map(([check, count]) => ({ check, count })),
    hasStillFailing: still.length > 0,
    stillFailingCount: diff.stillFailing.length,
    statusChanges: diff.statusChanges.slice(0, MAX_DIFF_ROWS).map((c) => ({ device: oneLine(c.device), from: deviceStatus(c.from), to: deviceStatus(c.to) })),
    hasStatusChanges: diff.statusChanges.length > 0,
    statusChangesMore: diff.statusChanges.length > MAX_DIFF_ROWS ? HTML_TEXT.moreRows(diff.statusChanges.length - MAX_DIFF_ROWS) : "",
    added: diff.devicesAdded.map(oneLine).join(", "),
    removed: diff.devicesRemoved.map(oneLine).join(", "),
    hasAdded: diff.devicesAdded.length > 0,
    hasRemoved: diff.devicesRemoved.length > 0,
  };
}
