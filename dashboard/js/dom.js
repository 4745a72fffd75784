// Building the page from data that may come from a device (names, versions, output): only createElement and
// textContent, never innerHTML, so a device's text is always text. Also the small formatters the pages share.

const SVG_NS = "http://www.w3.org/2000/svg";

function fill(node, props, children) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (key === "on") for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    // Handlers go through addEventListener only: an attribute named on... from here would be code from a string.
    else if (/^on/i.test(key)) throw new Error(`refusing to set the attribute ${key}`);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
  return node;
}

/** An HTML element: h("a", { href: "#/runs", class: "x" }, "text", otherNode). Strings become text nodes. */
export function h(tag, props, ...children) {
  return fill(document.createElement(tag), props, children);
}

/** An SVG element, as h(). */
export function svg(tag, props, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), props, children);
}

/** Replaces the children of node. */
export function show(node, ...children) {
  node.replaceChildren();
  return fill(node, {}, children);
}

/** A local date and time, "2026-12-04 21:58"; the exact ISO time in the title. */
export function when(iso) {
  if (!iso) return h("span", {}, "—");
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, "0");
  const text = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return h("time", { datetime: iso, title: iso }, text);
}

/** A status word in a coloured badge (run status, device status, check status). */
export function badge(status) {
  return h("span", { class: `badge s-${String(status).replace(/[^a-z-]/g, "")}` }, String(status));
}

/** "33.3 %" from 0.333; "—" when nothing was evaluated. */
export function percent(rate) {
  return rate === null || rate === undefined ? "—" : `${(Math.round(rate * 1000) / 10).toFixed(1)} %`;
}

/** The hash link of a page: link("runs", id). Parts are encoded, so a device name is never read as a path. */
export function link(...parts) {
  return `#/${parts.map((p) => encodeURIComponent(p)).join("/")}`;
}

/** A message box: kind "error" (role alert) or "note". */
export function message(kind, text) {
  return h("p", { class: kind, role: kind === "error" ? "alert" : "status" }, text);
}
