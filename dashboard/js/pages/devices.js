// A device's history (GET /api/v1/devices/:name/history): every stored result, newest first, with its run, status,
// versions, model and the checks that failed, warned or erred. The device list to choose from comes from the
// latest finished runs' reports (the devices this token may see).
import { ApiError, getJson } from "../api.js";
import { runDeviceNames } from "../cache.js";
import { badge, h, link, message, show, when } from "../dom.js";

/** The devices to choose from: those of the latest finished runs. */
const SAMPLE_RUNS = 5;

async function knownDevices(signal) {
  const { runs } = await getJson("/runs?limit=20", { signal });
  const finished = runs.filter((r) => r.status === "finished" || r.status === "cancelled").slice(0, SAMPLE_RUNS);
  const names = await Promise.all(finished.map((r) => runDeviceNames(r.id).catch(() => [])));
  return [...new Set(names.flat())].sort();
}

function chooser(names, current) {
  const input = h("input", { id: "device", name: "device", list: "device-names", autocomplete: "off", value: current ?? "", required: true });
  const form = h(
    "form",
    { id: "device-form", class: "choices" },
    h("label", { for: "device" }, "Device"),
    input,
    names,
    h("button", { type: "submit" }, "Show history"),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (input.value.trim()) location.hash = link("devices", input.value.trim());
  });
  return form;
}

function historyTable(name, history) {
  return h(
    "table",
    { id: "device-history" },
    h("caption", {}, `${name}: ${history.length} stored result${history.length === 1 ? "" : "s"}, newest first`),
    h("thead", {}, h("tr", {}, ["When", "Run", "Status", "Platform", "Model", "Version", "Target", "Problems"].map((c) => h("th", { scope: "col" }, c)))),
    h(
      "tbody",
      {},
      history.map((e) =>
        h(
          "tr",
          { "data-run": e.runId },
          h("td", {}, when(e.at)),
          h("td", {}, h("a", { href: link("runs", e.runId) }, e.runId.slice(0, 8))),
          h("td", {}, badge(e.status), e.reason ? h("span", { class: "reason" }, ` ${e.reason}`) : null),
          h("td", {}, e.platform ?? "—"),
          h("td", {}, e.model ?? "—"),
          h("td", {}, e.softwareVersion ?? "—"),
          h("td", {}, e.targetVersion ?? "—"),
          h("td", {}, e.problems.length ? h("ul", { class: "problems" }, e.problems.map((p) => h("li", {}, badge(p.status), ` ${p.check}${p.blocks ? " (blocks)" : ""}`))) : "—"),
        ),
      ),
    ),
  );
}

export async function renderDevices(main, { parts, signal }) {
  const name = parts[0];
  // The device names come from the latest runs' reports (large on a big estate, read once per tab): the history is
  // shown as soon as it comes, the chooser's list fills in when they are read.
  const names = h("datalist", { id: "device-names" });
  const listed = knownDevices(signal)
    .then((devices) => {
      names.replaceChildren(...devices.map((d) => h("option", { value: d })));
      return devices;
    })
    .catch((err) => {
      if (err instanceof ApiError && err.status === 401) throw err;
      return [];
    });
  // Handled here too, so a refused token (401: the sign-in form) is no unhandled rejection when the history fails first.
  listed.catch(() => undefined);
  const heading = h("h1", {}, name ? `Device ${name}` : "Devices");
  if (!name) {
    show(main, heading, chooser(names), message("note", "Loading the devices of the latest runs…"));
    const devices = await listed;
    if (!signal.aborted) show(main, heading, chooser(names), devices.length ? null : message("note", "No finished run yet."));
    return;
  }
  try {
    const { history } = await getJson(`/devices/${encodeURIComponent(name)}/history?limit=200`, { signal });
    if (signal.aborted) return;
    show(main, heading, chooser(names, name), historyTable(name, history));
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) {
      show(main, heading, chooser(names, name), message("error", `No stored result for device "${name}" that this token may see.`));
      return;
    }
    throw err;
  }
  await listed;
}
