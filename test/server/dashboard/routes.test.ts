// The dashboard's routes without a browser: / and /ui redirect, every file of dashboard/ is served with its type and
// the strict policy, nothing else is (no path outside the folder), and the policy's two hashes are exactly those of
// the HTML report's inline script and style sheet (the report's frame inherits the policy).
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../../src/report/html.js";
import { DASHBOARD_DIR, dashboardCsp, registerDashboard } from "../../../src/server/dashboard/routes.js";
import { sampleReport } from "../../report/sample-report.js";

let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify();
  await registerDashboard(app);
});

afterAll(async () => {
  await app.close();
});

const hash = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

describe("dashboard routes", () => {
  it("redirects / and /ui to /ui/, which is the page", async () => {
    for (const url of ["/", "/ui"]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(302);
      expect(res.headers.location).toBe("/ui/");
    }
    const page = await app.inject({ url: "/ui/" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.body).toContain('<script type="module" src="js/main.js"></script>');
  });

  it("serves every file of dashboard/ with its type and the policy, and no inline script or style in the page", async () => {
    const files = readdirSync(DASHBOARD_DIR, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const entry of files) {
      const path = `${entry.parentPath}/${entry.name}`.slice(DASHBOARD_DIR.length + 1);
      const res = await app.inject({ url: `/ui/${path}` });
      expect(res.statusCode, path).toBe(200);
      expect(res.headers["content-type"], path).toMatch(/^(text\/html|text\/javascript|text\/css)/);
      expect(res.headers["content-security-policy"], path).toBe(dashboardCsp());
      expect(res.headers["x-frame-options"]).toBe("DENY");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["set-cookie"]).toBeUndefined();
    }
    const page = (await app.inject({ url: "/ui/" })).body;
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page).not.toMatch(/<style|\sstyle=|\son\w+=/i);
  });

  it("serves nothing outside the folder", async () => {
    for (const url of ["/ui/../package.json", "/ui/%2e%2e/package.json", "/ui/..%2fpackage.json", "/ui/js/../../package.json", "/ui/no-such.js", "/ui/js/"]) {
      expect((await app.inject({ url })).statusCode, url).toBe(404);
    }
  });

  it("allows by hash exactly the HTML report's inline script and style sheet, nothing else inline", () => {
    const html = renderHtml(sampleReport());
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    expect(styles).toHaveLength(1);
    const csp = dashboardCsp();
    expect(csp).toContain(`script-src 'self' ${hash(scripts[0]!)};`);
    expect(csp).toContain(`style-src 'self' ${hash(styles[0]!)};`);
    expect(csp).not.toMatch(/unsafe-(inline|eval|hashes)/);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
