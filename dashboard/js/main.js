// The dashboard's entry point: the sign-in gate and the hash router (#/runs, #/runs/<id>, #/trends, #/devices/<name>).
// Each page gets the main element, its path parts, its query and an AbortSignal that fires when the user leaves
// it (its requests, streams and timers stop then).
import { token, whenUnauthorized } from "./api.js";
import { forget } from "./cache.js";
import { renderLogin } from "./pages/login.js";
import { renderRuns } from "./pages/runs.js";
import { renderRun } from "./pages/run.js";
import { renderTrends } from "./pages/trends.js";
import { renderDevices } from "./pages/devices.js";
import { h, message, show } from "./dom.js";

const PAGES = { runs: renderRuns, trends: renderTrends, devices: renderDevices };

let leaving = new AbortController();

function route() {
  leaving.abort();
  leaving = new AbortController();
  const main = document.getElementById("main");
  const nav = document.getElementById("nav");
  const logout = document.getElementById("logout");
  const hash = location.hash.replace(/^#\/?/, "");
  const [path, search = ""] = hash.split("?");
  const parts = path.split("/").filter(Boolean).map((p) => decodeURIComponent(p));
  const query = new URLSearchParams(search);
  if (!token.get()) {
    nav.hidden = true;
    logout.hidden = true;
    renderLogin(main, { next: location.hash });
    return;
  }
  nav.hidden = false;
  logout.hidden = false;
  const page = parts[0] ?? "runs";
  for (const a of nav.querySelectorAll("a")) a.toggleAttribute("aria-current", a.dataset.page === page);
  const signal = leaving.signal;
  const done = (err) => {
    if (err?.name === "AbortError" || signal.aborted) return;
    if (err?.status === 401) return;
    main.append(message("error", err?.message ?? String(err)));
  };
  try {
    if (page === "runs" && parts[1]) renderRun(main, parts[1], signal).catch(done);
    else if (PAGES[page]) PAGES[page](main, { parts: parts.slice(1), query, signal }).catch(done);
    else show(main, h("h1", {}, "Not found"), message("error", `There is no page "${page}".`), h("p", {}, h("a", { href: "#/runs" }, "Runs")));
  } catch (err) {
    done(err);
  }
}

whenUnauthorized((error) => {
  token.clear();
  forget();
  leaving.abort();
  renderLogin(document.getElementById("main"), { next: location.hash, error: `The server refused the token: ${error.message}. It may have been revoked. Paste a valid token to go on.` });
  document.getElementById("nav").hidden = true;
  document.getElementById("logout").hidden = true;
});

document.getElementById("logout").addEventListener("click", () => {
  token.clear();
  forget();
  location.hash = "#/runs";
  route();
});
window.addEventListener("hashchange", route);
route();
