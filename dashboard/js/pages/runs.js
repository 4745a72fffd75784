// The runs, newest first, with their status and device counts. Runs in progress are followed live (their event
// stream moves the progress cell; when one ends its row is read again), and the list is re-read every 10 s for runs
// started elsewhere.
import { getJson } from "../api.js";
import { endedRun } from "../cache.js";
import { badge, h, link, message, show, when } from "../dom.js";
import { followRun } from "../sse.js";

const COUNTED = ["ready", "warning", "blocked", "unreachable", "error", "not-run"];
const REFRESH_MS = 10_000;
const LIMIT = 50;

function progressCell(run) {
  const { done, total } = run.progress;
  return h("td", { class: "num progress" }, run.status === "running" ? h("progress", { max: total || 1, value: done }) : null, ` ${done} / ${total}`);
}

function countCells(summary) {
  return COUNTED.map((s) => h("td", { class: `num c-${s}` }, summary ? String(summary.byStatus[s] ?? 0) : "—"));
}

function row(run) {
  return h(
    "tr",
    { "data-run": run.id, "data-status": run.status },
    h("td", {}, when(run.createdAt)),
    h("td", {}, h("a", { href: link("runs", run.id) }, run.id.slice(0, 8))),
    h("td", {}, badge(run.status), run.error ? h("span", { class: "reason" }, ` ${run.error}`) : null),
    h("td", {}, run.source),
    h("td", {}, run.startedBy ?? "—"),
    h("td", {}, run.groups.join(", ") || "—"),
    progressCell(run),
    countCells(run.summary),
  );
}

export async function renderRuns(main, { signal }) {
  const body = h("tbody");
  const status = h("div", { class: "status-line", role: "status" });
  const table = h(
    "table",
    { id: "runs", class: "runs" },
    h("caption", {}, "Runs, newest first"),
    h("thead", {}, h("tr", {}, ["Started", "Run", "Status", "Source", "Started by", "Groups", "Devices done", ...COUNTED.map((s) => s[0].toUpperCase() + s.slice(1))].map((c) => h("th", { scope: "col" }, c)))),
    body,
  );
  show(main, h("h1", {}, "Runs"), status, table);
  const followed = new Set();
  const rows = new Map();

  const replace = (run) => {
    const next = row(run);
    const old = rows.get(run.id);
    if (old) old.replaceWith(next);
    else body.append(next);
    rows.set(run.id, next);
  };
  // A scoped token's list carries no summaries (they would count other groups' devices); each run's own has them.
  const withSummary = async (run) => (run.summary || run.status === "running" ? run : endedRun(run.id).catch(() => run));
  const follow = (run) => {
    if (followed.has(run.id)) return;
    followed.add(run.id);
    const current = { ...run, progress: { ...run.progress } };
    followRun(
      run.id,
      (event, data) => {
        if (event === "device-done") {
          current.progress = { done: Math.max(current.progress.done, data.done), total: data.total };
          replace(current);
        }
      },
      signal,
    )
      .then(async () => replace(await withSummary(await getJson(`/runs/${encodeURIComponent(run.id)}`, { signal }))))
      .catch(() => undefined)
      .finally(() => followed.delete(run.id));
  };
  const load = async () => {
    const { runs } = await getJson(`/runs?limit=${LIMIT}`, { signal });
    const full = await Promise.all(runs.map(withSummary));
    if (signal.aborted) return;
    body.replaceChildren();
    rows.clear();
    for (const run of full) replace(run);
    show(status, runs.length ? `${runs.length} run${runs.length === 1 ? "" : "s"}${runs.length === LIMIT ? ` (the latest ${LIMIT})` : ""}; ${runs.filter((r) => r.status === "running").length} in progress` : message("note", "No run yet: start one with POST /api/v1/runs or preflight run --db."));
    for (const run of full) if (run.status === "running") follow(run);
  };
  await load();
  const timer = setInterval(() => load().catch(() => undefined), REFRESH_MS);
  signal.addEventListener("abort", () => clearInterval(timer));
}
