// One run: its status and counts, its devices (each linking to its history), what changed since the previous run
// of the same sweep, downloads in every report format, and the HTML report itself. The report is device output
// turned into a page, so it is shown in an iframe sandboxed without allow-same-origin: its scripts run (filters,
// sorting) in an opaque origin that can read neither this page, nor its token, nor the API.
import { ApiError, getJson, getText } from "../api.js";
import { badge, h, link, message, show, when } from "../dom.js";
import { followRun } from "../sse.js";

const DOWNLOADS = [
  ["json", "JSON", "application/json"],
  ["junit", "JUnit XML", "application/xml"],
  ["csv", "CSV", "text/csv"],
  ["md", "Markdown", "text/markdown"],
  ["optics-csv", "Optics CSV", "text/csv"],
  ["html", "HTML", "text/html"],
];

function facts(run) {
  const items = [
    ["Status", badge(run.status)],
    ["Started", when(run.createdAt)],
    ["Finished", when(run.finishedAt)],
    ["Source", run.source],
    ["Started by", run.startedBy ?? "—"],
    ["Groups", run.groups.join(", ") || "—"],
    ["Devices done", `${run.progress.done} / ${run.progress.total}`],
  ];
  if (run.summary) items.push(["Exit code", String(run.summary.exitCode)]);
  if (run.error) items.push(["Error", run.error]);
  return h("dl", { class: "facts", id: "run-facts" }, items.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
}

function counts(summary) {
  const statuses = ["ready", "warning", "blocked", "unreachable", "error", "not-run"];
  return h("ul", { class: "counts", id: "run-counts" }, statuses.map((s) => h("li", { class: `c-${s}` }, h("strong", {}, String(summary.byStatus[s] ?? 0)), ` ${s}`)));
}

function deviceTable(report) {
  return h(
    "table",
    { id: "run-devices" },
    h("caption", {}, `Devices (${report.devices.length})`),
    h("thead", {}, h("tr", {}, ["Device", "Status", "Groups", "Platform", "Version", "Target", "Checks failing"].map((c) => h("th", { scope: "col" }, c)))),
    h(
      "tbody",
      {},
      report.devices.map((d) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, h("a", { href: link("devices", d.name), title: "this device's history" }, d.name)),
          h("td", {}, badge(d.status), d.reason ? h("span", { class: "reason" }, ` ${d.reason}`) : null),
          h("td", {}, d.groups.join(", ")),
          h("td", {}, d.platform),
          h("td", {}, d.facts?.softwareVersion ?? "—"),
          h("td", {}, d.targetVersion ?? "—"),
          h("td", {}, d.checks.filter((c) => c.status === "fail" || c.status === "error").map((c) => c.id).join(", ") || "—"),
        ),
      ),
    ),
  );
}

function changesLine(changes) {
  if (!changes.diff) return message("note", "No earlier run of the same sweep to compare with.");
  const d = changes.diff;
  const n = (l) => (Array.isArray(l) ? l.length : 0);
  return h(
    "p",
    { id: "run-changes" },
    "Since the previous run of this sweep (",
    h("a", { href: link("runs", changes.previousRun) }, changes.previousRun.slice(0, 8)),
    `): ${n(d.newProblems)} new problems, ${n(d.resolved)} resolved, ${n(d.stillFailing)} still failing, ${n(d.notRechecked)} not rechecked, ${n(d.devicesAdded)} devices added, ${n(d.devicesRemoved)} removed, ${n(d.statusChanges)} status changes.`,
  );
}

function downloads(runId, signal) {
  const status = h("span", { class: "reason" });
  const buttons = DOWNLOADS.map(([format, label, type]) =>
    h("button", {
      type: "button",
      on: {
        click: async () => {
          try {
            const text = await getText(`/runs/${encodeURIComponent(runId)}/report?format=${format}`, type, { signal });
            const url = URL.createObjectURL(new Blob([text], { type }));
            const a = h("a", { href: url, download: `preflight-${runId}.${format === "optics-csv" ? "optics.csv" : format === "junit" ? "xml" : format}` });
            document.body.append(a);
            a.click();
            a.remove();
            setTimeout(() => URL.revokeObjectURL(url), 10_000);
          } catch (err) {
            status.textContent = ` ${err.message}`;
          }
        },
      },
    }, label),
  );
  return h("p", { class: "downloads" }, "Download: ", buttons, status);
}

/** The HTML report in a sandboxed frame: scripts allowed, same origin not (so no token, storage or API access). */
function reportFrame(html, runId) {
  const frame = h("iframe", { id: "report", title: `HTML report of run ${runId}`, sandbox: "allow-scripts", referrerpolicy: "no-referrer" });
  frame.srcdoc = html;
  return frame;
}

export async function renderRun(main, runId, signal) {
  const path = `/runs/${encodeURIComponent(runId)}`;
  let run;
  try {
    run = await getJson(path, { signal });
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) {
      show(main, h("h1", {}, "Run not found"), message("error", `No run "${runId}" that this token may see.`));
      return;
    }
    throw err;
  }
  const head = h("div", { id: "run-head" });
  const live = h("section", { id: "run-live" });
  const rest = h("section", { id: "run-rest" });
  show(main, h("p", {}, h("a", { href: "#/runs" }, "← Runs")), h("h1", {}, "Run ", h("code", {}, run.id)), head, live, rest);
  const paint = (r) => show(head, facts(r), r.summary ? counts(r.summary) : null);
  paint(run);
  if (run.status === "running") {
    const list = h("ol", { id: "live-devices" });
    show(live, h("h2", {}, "In progress"), list);
    await followRun(
      run.id,
      (event, data) => {
        if (event === "device-done") {
          list.append(h("li", {}, h("a", { href: link("devices", data.device) }, data.device), " ", badge(data.status), ` (${data.done} of ${data.total})`));
          paint({ ...run, progress: { done: data.done, total: data.total } });
        }
      },
      signal,
    );
    run = await getJson(path, { signal });
    paint(run);
  }
  if (run.status === "running") {
    show(rest, message("note", "The progress stream ended before the run did (the server restarted, or the connection dropped): reload the page to follow it again."));
    return;
  }
  if (run.status === "failed" || run.status === "interrupted") {
    show(rest, message("note", `This run is ${run.status}: it has no report.`));
    return;
  }
  const [report, html, changes] = await Promise.all([
    getJson(`${path}/report?format=json`, { signal }),
    getText(`${path}/report?format=html`, "text/html", { signal }),
    getJson(`${path}/changes`, { signal }).catch((err) => ({ error: err })),
  ]);
  if (signal.aborted) return;
  show(
    rest,
    changes.error ? message("error", `Changes: ${changes.error.message}`) : changesLine(changes),
    downloads(run.id, signal),
    deviceTable(report),
    h("h2", {}, "Report"),
    reportFrame(html, run.id),
  );
}
