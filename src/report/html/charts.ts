// The charts of the HTML view and the tables that carry the same numbers: device statuses per group (stacked
// bars) and findings per check. Geometry is computed here, in SVG user units; the template only places numbers.

import { DEVICE_STATUSES, type DeviceResult } from "../../model/result.js";
import { cut, oneLine } from "../format.js";
import { countByGroup, type CheckCounts } from "../query.js";
import { DEVICE_STATUS_LABEL, HTML_TEXT, TEXT } from "../strings.js";
import { round } from "./common.js";

const CHART_WIDTH = 720;
const LABEL_WIDTH = 200;
const BAR_AREA = 440;
const BAR_HEIGHT = 18;
const BAR_GAP = 8;
const MAX_BARS = 20;

export interface ChartView {
  width: number;
  height: number;
  title: string;
  desc: string;
}

export interface BarSegmentView {
  status: string;
  x: number;
  width: number;
  title: string;
}

export interface GroupBarView {
  label: string;
  y: number;
  textY: number;
  total: number;
  totalX: number;
  segments: BarSegmentView[];
}

export interface CheckBarView {
  label: string;
  y: number;
  textY: number;
  width: number;
  count: number;
  countX: number;
  title: string;
}

export interface GroupRowView {
  group: string;
  /** Devices per status, in DEVICE_STATUSES order (the table's columns). */
  counts: number[];
  total: number;
}

export interface GroupsView {
  groupChart: ChartView & { bars: GroupBarView[]; legend: { status: string; label: string; x: number }[]; legendY: number };
  groupRows: GroupRowView[];
}

export type CheckChartView = ChartView & { bars: CheckBarView[]; hasBars: boolean; noFindings: string };

export function groupsView(devices: readonly DeviceResult[]): GroupsView {
  const rows: GroupRowView[] = countByGroup(devices, HTML_TEXT.noGroup).map((g) => ({
    group: oneLine(g.group),
    counts: DEVICE_STATUSES.map((s) => g.byStatus[s]),
    total: g.total,
  }));
  // The chart shows the largest groups (more blocked first among equals); the table lists every group by name.
  const charted = [...rows].sort((a, b) => b.total - a.total || (b.counts[0] ?? 0) - (a.counts[0] ?? 0) || a.group.localeCompare(b.group)).slice(0, MAX_BARS);
  const max = Math.max(1, ...charted.map((r) => r.total));
  const bars = charted.map((r, i) => {
    const y = i * (BAR_HEIGHT + BAR_GAP);
    let x = LABEL_WIDTH;
    const segments: BarSegmentView[] = [];
    DEVICE_STATUSES.forEach((s, k) => {
      const n = r.counts[k] ?? 0;
      if (n === 0) return;
      const width = round((n / max) * BAR_AREA);
      segments.push({ status: s, x: round(x), width, title: HTML_TEXT.segment(r.group, n, DEVICE_STATUS_LABEL[s].toLowerCase()) });
      x += width;
    });
    return { label: cut(r.group, 28, "…"), y, textY: y + BAR_HEIGHT - 4, total: r.total, totalX: round(x + 6), segments };
  });
  const legendY = bars.length * (BAR_HEIGHT + BAR_GAP) + 14;
  return {
    groupChart: {
      width: CHART_WIDTH,
      height: legendY + 12,
      title: HTML_TEXT.chartGroupsTitle,
      desc: HTML_TEXT.chartGroupsDesc(rows.length, charted.length),
      bars,
      legend: DEVICE_STATUSES.map((s, i) => ({ status: s, label: DEVICE_STATUS_LABEL[s], x: i * 110 })),
      legendY,
    },
    groupRows: rows.sort((a, b) => a.group.localeCompare(b.group)),
  };
}

/** One bar per check with findings, most findings first. */
export function checkChart(checks: readonly CheckCounts[]): CheckChartView {
  const sorted = checks
    .filter((c) => c.findings > 0)
    .map((c): [string, number] => [c.id, c.findings])
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_BARS);
  const max = Math.max(1, ...sorted.map(([, n]) => n));
  const bars = sorted.map(([id, n], i) => {
    const y = i * (BAR_HEIGHT + BAR_GAP);
    const width = Math.max(1, round((n / max) * BAR_AREA));
    return { label: cut(id, 30, "…"), y, textY: y + BAR_HEIGHT - 4, width, count: n, countX: round(LABEL_WIDTH + width + 6), title: `${id}: ${TEXT.findingCount(n)}` };
  });
  return {
    width: CHART_WIDTH,
    height: Math.max(1, bars.length * (BAR_HEIGHT + BAR_GAP)),
    title: HTML_TEXT.chartChecksTitle,
    desc: HTML_TEXT.chartChecksDesc,
    bars,
    hasBars: bars.length > 0,
    noFindings: HTML_TEXT.noFindings,
  };
}
