// Pass rate over time, per check and per device group (GET /api/v1/checks/:id/pass-rate and
// /api/v1/groups/:name/pass-rate), by run, day or week. The choices come from what the token may see: the checks
// of its latest runs' reports and the groups of its runs.
import { ApiError, getJson } from "../api.js";
import { runChecks } from "../cache.js";
import { passRateChart } from "../chart.js";
import { h, link, message, show } from "../dom.js";

const SAMPLE_RUNS = 5;

/** Check ids and titles from the latest finished runs' reports, and the groups of the runs. */
async function choices(signal) {
  const { runs } = await getJson("/runs?limit=100", { signal });
  const groups = [...new Set(runs.flatMap((r) => r.groups))].sort();
  const checks = new Map();
  const finished = runs.filter((r) => r.status === "finished" || r.status === "cancelled").slice(0, SAMPLE_RUNS);
  const lists = await Promise.all(finished.map((r) => runChecks(r.id).catch(() => [])));
  for (const [id, title] of lists.flat()) if (!checks.has(id)) checks.set(id, title);
  return { groups, checks: [...checks].sort(([a], [b]) => a.localeCompare(b)) };
}

function select(id, label, options, value) {
  const el = h("select", { id, name: id }, options.map(([v, text]) => h("option", { value: v, selected: v === value }, text)));
  return [h("label", { for: id }, label), el];
}

async function chartFor(title, path, by, signal) {
  try {
    const { points } = await getJson(path, { signal });
    return passRateChart(title, points, by);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return h("figure", { class: "trend" }, h("figcaption", {}, title), message("note", "No stored result for it that this token may see."));
    throw err;
  }
}

export async function renderTrends(main, { query, signal }) {
  show(main, h("h1", {}, "Trends"), message("note", "Loading…"));
  const { groups, checks } = await choices(signal);
  const check = query.get("check") ?? checks[0]?.[0] ?? "";
  const group = query.get("group") ?? groups[0] ?? "";
  const by = ["run", "day", "week"].includes(query.get("by")) ? query.get("by") : "run";
  const form = h(
    "form",
    { id: "trend-form", class: "choices" },
    select("check", "Check", [["", "(none)"], ...checks.map(([id, title]) => [id, `${id}: ${title}`])], check),
    select("group", "Group", [["", "(none)"], ...groups.map((g) => [g, g])], group),
    select("by", "Per", [["run", "run"], ["day", "day"], ["week", "week"]], by),
  );
  form.addEventListener("change", () => {
    const data = new FormData(form);
    const params = new URLSearchParams();
    for (const key of ["check", "group", "by"]) if (data.get(key)) params.set(key, data.get(key));
    location.hash = `${link("trends")}?${params}`;
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  const enc = encodeURIComponent;
  const charts = await Promise.all([
    check ? chartFor(`Check ${check}`, `/checks/${enc(check)}/pass-rate?by=${by}`, by, signal) : null,
    group ? chartFor(`Group ${group}, every check`, `/groups/${enc(group)}/pass-rate?by=${by}`, by, signal) : null,
    check && group ? chartFor(`Check ${check} in group ${group}`, `/groups/${enc(group)}/pass-rate?by=${by}&check=${enc(check)}`, by, signal) : null,
  ]);
  if (signal.aborted) return;
  show(
    main,
    h("h1", {}, "Trends"),
    h("p", {}, "Pass rate = pass / (pass + fail + warn + error). Skipped, not-applicable and waived results are counted as not evaluated."),
    form,
    checks.length || groups.length ? charts.map((c, i) => (c ? h("div", { id: ["trend-check", "trend-group", "trend-group-check"][i] }, c) : null)) : message("note", "No finished run yet."),
  );
}
