// The pass-rate chart: an inline SVG line over the points (0 to 100 %), drawn here, no library. Each point has a
// <title> with its numbers (the tooltip); the table under the chart has the same numbers for reading and copying.
import { h, percent, svg } from "./dom.js";

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 44, right: 16, top: 12, bottom: 34 };

/** The label of a point: its run's time, or its day or week. */
export function pointLabel(point, by) {
  const at = new Date(point.period ?? point.at);
  const pad = (n) => String(n).padStart(2, "0");
  const day = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  if (by === "run") return `${day} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
  return by === "week" ? `week of ${point.period.slice(0, 10)}` : point.period.slice(0, 10);
}

const evaluated = (p) => p.pass + p.fail + p.warn + p.error;

/** "50.0 % (1 of 2 evaluated)" */
export function pointText(point) {
  return point.passRate === null ? "— (nothing evaluated)" : `${percent(point.passRate)} (${point.pass} of ${evaluated(point)} evaluated)`;
}

export function passRateChart(title, points, by) {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i) => PAD.left + (points.length === 1 ? plotW / 2 : (plotW * i) / (points.length - 1));
  const y = (rate) => PAD.top + plotH * (1 - rate);
  const grid = [0, 0.25, 0.5, 0.75, 1].map((r) =>
    svg("g", { class: "grid" }, svg("line", { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(r), y2: y(r) }), svg("text", { x: PAD.left - 6, y: y(r) + 4, "text-anchor": "end" }, `${r * 100} %`)),
  );
  // A point with nothing evaluated breaks the line rather than dropping to zero.
  const lines = [];
  let current = [];
  points.forEach((p, i) => {
    if (p.passRate === null) {
      if (current.length) lines.push(current);
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(p.passRate).toFixed(1)}`);
  });
  if (current.length) lines.push(current);
  const dots = points.map((p, i) =>
    p.passRate === null ? null : svg("circle", { class: "point", cx: x(i).toFixed(1), cy: y(p.passRate).toFixed(1), r: 4 }, svg("title", {}, `${pointLabel(p, by)}: ${pointText(p)}`)),
  );
  const first = points[0];
  const last = points[points.length - 1];
  const axis = [
    svg("text", { class: "axis", x: x(0), y: HEIGHT - 10, "text-anchor": points.length === 1 ? "middle" : "start" }, pointLabel(first, by)),
    points.length > 1 ? svg("text", { class: "axis", x: x(points.length - 1), y: HEIGHT - 10, "text-anchor": "end" }, pointLabel(last, by)) : null,
  ];
  const chart = svg(
    "svg",
    { class: "chart", role: "img", "aria-label": `${title}: pass rate over ${points.length} ${by === "run" ? "runs" : `${by}s`}`, viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: WIDTH, height: HEIGHT },
    grid,
    lines.map((l) => svg("polyline", { class: "line", points: l.join(" ") })),
    dots,
    axis,
  );
  const table = h(
    "table",
    { class: "points" },
    h("caption", {}, `${title}: the points`),
    h("thead", {}, h("tr", {}, ["When", "Runs", "Pass", "Fail", "Warn", "Error", "Not evaluated", "Pass rate"].map((c) => h("th", { scope: "col" }, c)))),
    h(
      "tbody",
      {},
      points.map((p) =>
        h("tr", {}, h("td", {}, pointLabel(p, by)), [p.runs, p.pass, p.fail, p.warn, p.error, p.notEvaluated].map((n) => h("td", { class: "num" }, String(n))), h("td", { class: "num rate" }, percent(p.passRate))),
      ),
    ),
  );
  return h("figure", { class: "trend" }, h("figcaption", {}, title), chart, table);
}
