// Builds the view data of the HTML report from a RunReport, one section at a time (the files beside this one).
// Every decision (order, labels, what is shown in full and what compactly, how values and output are cut) is made
// in TypeScript, so reports/templates/report.hbs only places ready-made strings; handlebars escapes each of them,
// which is what keeps device text inert in the page.

import { DEVICE_STATUSES, type RunReport } from "../../model/result.js";
import type { ReportDiff } from "../diff/compute.js";
import { devicesInReadingOrder, formatTime } from "../format.js";
import { countByCheck } from "../query.js";
import { DEVICE_STATUS_LABEL, TEXT } from "../strings.js";
import { byCheckView, type ByCheckSection } from "./by-check.js";
import { checkChart, groupsView, type CheckChartView, type GroupsView } from "./charts.js";
import { deviceAnchors, type Labelled } from "./common.js";
import { deviceDetail, type DeviceDetailView } from "./device-detail.js";
import { deviceRow, filterOptions, type DeviceRowView, type FilterOptionsView } from "./device-table.js";
import { diffView, type DiffView } from "./diff.js";
import { runMetaView, type RunMetaView } from "./run-meta.js";
import { summaryView, type SummaryView } from "./summary.js";
import { opticsView, type OpticsView } from "./optics.js";
import { opticsInventory } from "../optics.js";

/** A device as both its table row and its details section show it. */
export type DeviceView = DeviceRowView & DeviceDetailView;

export type HtmlView = SummaryView &
  GroupsView &
  ByCheckSection & {
    title: string;
    runTime: string;
    targets: string;
    notices: string[];
    checkChart: CheckChartView;
    statusHeads: Labelled[];
    filterOptions: FilterOptionsView;
    devices: DeviceView[];
    /** The optics inventory section, when a selected check records optics. */
    optics: OpticsView | false;
    hasDiff: boolean;
    diff: DiffView | false;
    meta: RunMetaView;
  };

export interface HtmlOptions {
  /** The comparison with the previous run, shown as its own section. */
  diff?: ReportDiff;
}

/** The page with the device table's rows only; the device details come one at a time from `details`. */
export type HtmlPageView = Omit<HtmlView, "devices"> & { devices: DeviceRowView[] };

/**
 * The view in two parts, so that a large fleet's page is written a device at a time (renderHtmlChunks): the page
 * (summary, table rows, sections) and a generator of each device's view (row and details), in reading order.
 */
export function buildHtmlViewParts(report: RunReport, options: HtmlOptions = {}): { page: HtmlPageView; details: () => Generator<DeviceView> } {
  const { meta } = report;
  const targets = meta.targetVersions.length > 0 ? meta.targetVersions.join(", ") : TEXT.noTarget;
  const notices: string[] = [];
  if (meta.interrupted) notices.push(TEXT.interrupted);
  if (meta.fromCapture !== undefined) notices.push(TEXT.fromCapture(meta.fromCapture));
  const anchors = deviceAnchors(report.devices);
  const ordered = devicesInReadingOrder(report.devices);
  const checks = countByCheck(ordered, meta.checks);
  const page: HtmlPageView = {
    title: `${TEXT.reportTitle} — ${formatTime(meta.startedAt)} — ${targets}`,
    runTime: formatTime(meta.startedAt),
    targets,
    notices,
    ...summaryView(report),
    ...groupsView(report.devices),
    checkChart: checkChart(checks),
    statusHeads: DEVICE_STATUSES.map((s) => ({ value: s, label: DEVICE_STATUS_LABEL[s] })),
    filterOptions: filterOptions(report),
    ...byCheckView(checks, anchors),
    devices: ordered.map((d) => deviceRow(d, anchors.get(d) ?? "")),
    optics: opticsView(opticsInventory(report), report.devices, anchors),
    hasDiff: options.diff !== undefined,
    diff: options.diff === undefined ? false : diffView(options.diff, report.devices),
    meta: runMetaView(report),
  };
  function* details(): Generator<DeviceView> {
    for (const d of ordered) yield { ...deviceRow(d, anchors.get(d) ?? ""), ...deviceDetail(d) };
  }
  return { page, details };
}
