// The web dashboard of `preflight serve`: static pages (dashboard/ in the package: HTML, CSS, plain JavaScript
// modules, no build step, nothing fetched from elsewhere) served under /ui/. The pages hold no data: the browser
// sends the API token the user pasted to the /api/v1 routes, so the dashboard shows exactly what that token may see.
// Every page goes out with a strict Content-Security-Policy (docs/server.md, "Dashboard").
import { readFileSync, readdirSync } from "node:fs";
import { extname, join, sep } from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import { reportInlineHashes } from "../../report/html.js";
import { packagePath } from "../../util/package-root.js";

export const DASHBOARD_DIR = packagePath("dashboard");
export const DASHBOARD_PATH = "/ui/";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

/**
 * The dashboard's policy. Scripts and styles come from the server only, never inline, except the HTML report's own
 * inline script and style sheet, allowed by hash: the report is shown in a sandboxed srcdoc iframe, and such a frame
 * inherits this policy (on top of the report's own). Data calls go to this server only; no page may frame it.
 */
export function dashboardCsp(): string {
  const report = reportInlineHashes();
  return [
    "default-src 'none'",
    `script-src 'self' '${report.script}'`,
    `style-src 'self' '${report.style}'`,
    "img-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Every file of the dashboard folder, by its path under /ui/ ("index.html", "js/main.js"), read once. */
function loadAssets(dir: string): Map<string, { body: Buffer; type: string }> {
  const assets = new Map<string, { body: Buffer; type: string }>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const type = TYPES[extname(entry.name)];
    if (!type) continue;
    const file = join(entry.parentPath, entry.name);
    const path = file.slice(dir.length + 1).split(sep).join("/");
    assets.set(path, { body: readFileSync(file), type });
  }
  if (!assets.has("index.html")) throw new Error(`${dir}: the dashboard's index.html is missing`);
  return assets;
}

export async function registerDashboard(app: FastifyInstance, dir = DASHBOARD_DIR): Promise<void> {
  const assets = loadAssets(dir);
  const csp = dashboardCsp();
  const send = (reply: FastifyReply, path: string) => {
    const asset = assets.get(path);
    if (!asset) return reply.callNotFound();
    return reply
      .header("content-security-policy", csp)
      .header("x-content-type-options", "nosniff")
      .header("x-frame-options", "DENY")
      .header("referrer-policy", "no-referrer")
      .header("cross-origin-opener-policy", "same-origin")
      // Revalidated each time: a new version of preflight serves new pages at once.
      .header("cache-control", "no-cache")
      .type(asset.type)
      .send(asset.body);
  };
  const hide = { schema: { hide: true } };
  app.get("/", hide, async (_req, reply) => reply.redirect(DASHBOARD_PATH));
  app.get("/ui", hide, async (_req, reply) => reply.redirect(DASHBOARD_PATH));
  app.get("/ui/", hide, async (_req, reply) => send(reply, "index.html"));
  // Only the files read at start are served: a path is looked up, never joined onto the folder.
  app.get<{ Params: { "*": string } }>("/ui/*", hide, async (req, reply) => send(reply, req.params["*"]));
}
