// Stored resources under /api/v1: inventories, check packs and waiver sets (docs/server.md, "Stored resources").
// PUT validates with the CLI's loaders (422 with every problem as file:line:col) and stores a new version when the
// content changed; GET reads the current or a kept version; DELETE removes the resource (its versions stay for the
// runs that used them), refused while a schedule refers to it. Viewers read, admins write; a token scoped to groups
// reads and writes only inventories all of whose devices are in its groups, and writes no shared check pack or
// waiver set. Every write is in the audit log. GET /api/v1/runs/:id/inputs says which versions a run used.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { formatDiagnostic } from "../../util/diagnostics.js";
import type { Auth, Principal } from "../auth.js";
import type { ResourceKind, ResourceStore, ResourceVersion } from "../db/resources.js";
import type { Store } from "../db/store.js";
import { inventoryInScope } from "../resources/scope.js";
import { validateCheckPack, validateInventory, validateWaivers, type CheckPackContent, type Validated } from "../resources/validate.js";

export interface ResourceRouteDeps {
  auth: Auth;
  store: Store;
  resources: ResourceStore;
  stateDir: string;
  env: NodeJS.ProcessEnv;
  problem(reply: FastifyReply, status: number, title: string, detail: string, extra?: Record<string, unknown>): FastifyReply;
}

interface KindRoutes {
  kind: ResourceKind;
  /** The path segment: /api/v1/<path>. */
  path: string;
  /** Singular, in messages. */
  noun: string;
  body: Record<string, unknown>;
  validate(body: Record<string, unknown>): Promise<Validated>;
}

const NAME = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$";
const nameParam = { type: "object", required: ["name"], properties: { name: { type: "string", pattern: NAME } } } as const;
const versionQuery = { type: "object", properties: { version: { type: "integer", minimum: 1 } } } as const;
const secured = [{ bearerAuth: [] }];

export function registerResourceRoutes(app: FastifyInstance, deps: ResourceRouteDeps): void {
  const { auth, resources, problem } = deps;
  const kinds: KindRoutes[] = [
    {
      kind: "inventory",
      path: "inventories",
      noun: "inventory",
      body: { type: "object", required: ["inventory"], additionalProperties: false, properties: { inventory: { type: "string", minLength: 1, description: "the inventory YAML, as preflight run -i reads it" } } },
      validate: (b) => validateInventory(String(b.inventory), deps.stateDir, deps.env),
    },
    {
      kind: "check-pack",
      path: "check-packs",
      noun: "check pack",
      body: {
        type: "object",
        additionalProperties: false,
        properties: {
          description: { type: "string" },
          files: { type: "object", additionalProperties: { type: "string" }, description: "check files and the data files they read, by path inside the pack" },
          checks: { type: "array", items: { type: "string", minLength: 1 }, description: "check ids, globs, tags, exclusions (as --checks)" },
        },
      },
      validate: (b) => validateCheckPack(b as CheckPackContent, deps.stateDir),
    },
    {
      kind: "waivers",
      path: "waivers",
      noun: "waiver set",
      body: { type: "object", required: ["waivers"], additionalProperties: false, properties: { waivers: { type: "string", minLength: 1, description: "a waivers file's YAML, as preflight run --waivers reads it" } } },
      validate: async (b) => validateWaivers(String(b.waivers)),
    },
  ];

  const who = (req: FastifyRequest): Principal => auth.principal(req);
  const readable = (p: Principal, v: ResourceVersion) => v.kind !== "inventory" || inventoryInScope(p.scope, v.deviceGroups);
  const meta = (v: ResourceVersion) => ({ kind: v.kind, name: v.name, version: v.version, sha256: v.sha256, updatedAt: v.createdAt, updatedBy: v.createdBy, ...v.summary });
  /** The schedules whose run names this resource (by reference). */
  const referencedBy = async (kind: ResourceKind, name: string) => {
    const field = { inventory: "inventory", "check-pack": "checkPack", waivers: "waivers" }[kind];
    return (await deps.store.schedules()).filter((s) => {
      const value = s.request[field] as { ref?: unknown } | string | undefined;
      return typeof value === "object" && value !== null && value.ref === name;
    });
  };

  for (const k of kinds) {
    const base = `/api/v1/${k.path}`;
    const notFound = (reply: FastifyReply, name: string, version?: number) => problem(reply, 404, "Not Found", `no stored ${k.noun} "${name}"${version ? ` version ${version}` : ""}`);

    app.get(base, { onRequest: auth.require("viewer"), schema: { security: secured, description: `the stored ${k.noun} resources, current versions, without their content` } }, async (req) => {
      const p = who(req);
      return { [k.path]: (await resources.list(k.kind)).filter((v) => readable(p, v)).map(meta) };
    });

    app.get<{ Params: { name: string }; Querystring: { version?: number } }>(
      `${base}/:name`,
      { onRequest: auth.require("viewer"), schema: { security: secured, params: nameParam, querystring: versionQuery, description: `one stored ${k.noun} with its content: the current version or ?version=N` } },
      async (req, reply) => {
        const v = await resources.get(k.kind, req.params.name, req.query.version);
        if (!v || !readable(who(req), v)) return notFound(reply, req.params.name, req.query.version);
        return { ...meta(v), ...v.content };
      },
    );

    app.get<{ Params: { name: string } }>(
      `${base}/:name/versions`,
      { onRequest: auth.require("viewer"), schema: { security: secured, params: nameParam, description: `every kept version of a stored ${k.noun}, newest first` } },
      async (req, reply) => {
        const versions = await resources.versions(k.kind, req.params.name);
        if (!versions.length || !readable(who(req), versions[0]!)) return notFound(reply, req.params.name);
        return { name: req.params.name, versions: versions.map(meta) };
      },
    );

    app.put<{ Params: { name: string }; Body: Record<string, unknown> }>(
      `${base}/:name`,
      { onRequest: auth.require("admin"), schema: { security: secured, params: nameParam, body: k.body, description: `create or change a stored ${k.noun}: validated as the CLI does; a change is a new version` } },
      async (req, reply) => {
        const p = who(req);
        const { name } = req.params;
        // Check packs and waiver sets are shared by every group's runs: only an admin of every group changes them.
        if (k.kind !== "inventory" && p.scope !== null) return problem(reply, 403, "Forbidden", `token "${p.name}" is scoped to groups ${p.scope.join(", ")}; a ${k.noun} is shared by every group and needs an admin token for every group`);
        const existing = await resources.get(k.kind, name);
        if (existing && !readable(p, existing)) return problem(reply, 403, "Forbidden", `the ${k.noun} "${name}" has devices outside the groups of token "${p.name}"`);
        const checked = await k.validate(req.body);
        if (!checked.ok) {
          const errors = checked.diagnostics.map(formatDiagnostic);
          return problem(reply, 422, `Invalid ${k.noun}`, errors.join("\n"), { errors });
        }
        if (k.kind === "inventory" && !inventoryInScope(p.scope, checked.deviceGroups)) {
          return problem(reply, 403, "Forbidden", `token "${p.name}" may store inventories of groups ${p.scope!.join(", ")} only; this one has devices of other groups`);
        }
        const { version, created, changed } = await resources.put({ kind: k.kind, name, content: req.body, deviceGroups: checked.deviceGroups, summary: checked.summary, by: p.name });
        if (changed) await deps.store.audit({ tokenId: p.tokenId, actor: p.name, action: `${k.kind}.put`, target: name, detail: { version: version.version, sha256: version.sha256 } });
        return reply.code(created ? 201 : 200).header("location", `${base}/${name}`).send({ ...meta(version), changed });
      },
    );

    app.delete<{ Params: { name: string } }>(
      `${base}/:name`,
      { onRequest: auth.require("admin"), schema: { security: secured, params: nameParam, description: `remove a stored ${k.noun} (its versions stay for the runs that used them); 409 while a schedule refers to it` } },
      async (req, reply) => {
        const p = who(req);
        const { name } = req.params;
        const existing = await resources.get(k.kind, name);
        if (!existing || !readable(p, existing)) return notFound(reply, name);
        if (k.kind !== "inventory" && p.scope !== null) return problem(reply, 403, "Forbidden", `token "${p.name}" is scoped to groups ${p.scope.join(", ")}; a ${k.noun} is shared by every group and needs an admin token for every group`);
        const schedules = await referencedBy(k.kind, name);
        if (schedules.length) {
          return problem(reply, 409, "Conflict", `the ${k.noun} "${name}" is used by ${schedules.length === 1 ? "the schedule" : "the schedules"} ${schedules.map((s) => `"${s.name}"`).join(", ")}: delete or change ${schedules.length === 1 ? "it" : "them"} first`, { schedules: schedules.map((s) => s.id) });
        }
        await resources.delete(k.kind, name);
        await deps.store.audit({ tokenId: p.tokenId, actor: p.name, action: `${k.kind}.delete`, target: name, detail: { version: existing.version, sha256: existing.sha256 } });
        return reply.code(204).send();
      },
    );
  }

  app.get<{ Params: { id: string } }>(
    "/api/v1/runs/:id/inputs",
    {
      onRequest: auth.require("viewer"),
      schema: { security: secured, params: { type: "object", required: ["id"], properties: { id: { type: "string" } } }, description: "what a run was started with: the stored resources' names, versions and sha256" },
    },
    async (req, reply) => {
      const p = who(req);
      const run = await deps.store.getRun(req.params.id, p.scope);
      if (!run) return problem(reply, 404, "Not Found", `no run "${req.params.id}"`);
      const inputs = await resources.runInputs(run.id);
      if (!inputs) return problem(reply, 404, "Not Found", `run "${run.id}" has no recorded inputs (a CLI run, or a run started before inputs were recorded)`);
      return { run: run.id, ...inputs };
    },
  );
}
