// The HTML report: one self-contained page (inline CSS, optional inline filter script, no external resource)
// rendered from reports/templates/report.hbs with the view built in html/view.ts (one file per section).

import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join } from "node:path";
import type HandlebarsModule from "handlebars";
import type { RunReport } from "../model/result.js";
import { packagePath } from "../util/package-root.js";
import { buildHtmlViewParts, type HtmlOptions } from "./html/view.js";

export const TEMPLATE_DIR = packagePath("reports", "templates");

/** The partial holding the inline script; its hash goes into the page's Content-Security-Policy. */
const SCRIPT_PARTIAL = "filter-script";
/** The partial holding the inline style sheet (the page's only style). */
const STYLE_PARTIAL = "styles";

interface Compiled {
  /** The page up to the device details, each device's details, and the rest of the page. */
  head: (view: object) => string;
  device: (view: object) => string;
  tail: (view: object) => string;
  scriptHash: string;
  styleHash: string;
}

const cspHash = (text: string) => `sha256-${createHash("sha256").update(text, "utf8").digest("base64")}`;

/** The device details loop of report.hbs: rendered a device at a time, so the page is never one string. */
const DEVICE_DETAILS = "{{#each devices}}\n{{> device}}\n{{/each}}\n";

let compiled: Compiled | undefined;

// Compiled once per process: a run renders one report, but tests and the benchmark render many.
function template(): Compiled {
  if (compiled !== undefined) return compiled;
  // Loaded here, not at import: a run that writes no HTML (report.json only, the queue worker) never pays for
  // handlebars' 0.7 MB of modules. A private instance: partials registered here cannot clash with anyone else's.
  const hb = (createRequire(import.meta.url)("handlebars") as typeof HandlebarsModule).create();
  let script: string | undefined;
  let style: string | undefined;
  const partialDir = join(TEMPLATE_DIR, "partials");
  for (const file of readdirSync(partialDir).filter((f) => f.endsWith(".hbs")).sort()) {
    const name = basename(file, ".hbs");
    const text = readFileSync(join(partialDir, file), "utf8");
    if (name === SCRIPT_PARTIAL) {
      // The CSP hash is computed over the file text, so the partial must render to exactly that text.
      if (text.includes("{{")) throw new Error(`${file}: the script partial must not contain handlebars expressions`);
      script = text;
    }
    if (name === STYLE_PARTIAL) {
      if (text.includes("{{")) throw new Error(`${file}: the style partial must not contain handlebars expressions`);
      style = text;
    }
    hb.registerPartial(name, text);
  }
  if (script === undefined) throw new Error(`${partialDir}: missing ${SCRIPT_PARTIAL}.hbs`);
  if (style === undefined) throw new Error(`${partialDir}: missing ${STYLE_PARTIAL}.hbs`);
  const source = readFileSync(join(TEMPLATE_DIR, "report.hbs"), "utf8");
  // strict: a name the view does not provide is an error rather than an empty cell; knownHelpersOnly: the
  // template can use only the built-in block helpers (if, each), never logic registered at run time.
  const at = source.indexOf(DEVICE_DETAILS);
  if (at === -1) throw new Error(`${join(TEMPLATE_DIR, "report.hbs")}: the device details loop (${JSON.stringify(DEVICE_DETAILS)}) is missing`);
  const options = { strict: true, knownHelpersOnly: true };
  const head = hb.compile(source.slice(0, at), options);
  const device = hb.compile("{{> device}}", options);
  const tail = hb.compile(source.slice(at + DEVICE_DETAILS.length), options);
  compiled = { head, device, tail, scriptHash: cspHash(script), styleHash: cspHash(style) };
  return compiled;
}

export function renderHtml(report: RunReport, options: HtmlOptions = {}): string {
  return [...renderHtmlChunks(report, options)].join("");
}

/**
 * The page a device at a time (the same text as rendering report.hbs whole): written to a file piece by piece,
 * a 10,000-device page and every device's details view never exist at once (src/report/write.ts).
 */
export function* renderHtmlChunks(report: RunReport, options: HtmlOptions = {}): Generator<string> {
  const { head, device, tail, scriptHash } = template();
  const { page, details } = buildHtmlViewParts(report, options);
  const view = { ...page, scriptHash };
  yield head(view);
  for (const d of details()) yield device(d);
  yield tail(view);
}

/**
 * The CSP sources ('sha256-...') of the report's inline script and style sheet. A page that shows the report in a
 * srcdoc iframe (the serve dashboard) passes its own policy on to that frame, so its policy must allow these two.
 */
export function reportInlineHashes(): { script: string; style: string } {
  const { scriptHash, styleHash } = template();
  return { script: scriptHash, style: styleHash };
}
