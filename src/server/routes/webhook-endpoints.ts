// Webhook endpoints as an API resource (docs/server.md, "Webhooks"): POST /api/v1/webhooks adds one with its own
// signing secret (shown once, in the answer) and an optional event filter; GET lists them without secrets; DELETE
// removes one. They get the same deliveries as `serve --webhook` endpoints. Payloads carry every group's devices:
// an admin token for every group only. Every change is in the audit log.
import { randomBytes, randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { webhookUrlProblem } from "../../webhooks/endpoint-url.js";
import { WEBHOOK_EVENTS } from "../../webhooks/payloads.js";
import type { Auth, Principal } from "../auth.js";
import type { Store } from "../db/store.js";
import type { WebhookEndpointStore } from "../db/webhook-endpoints.js";

export interface WebhookEndpointRouteDeps {
  auth: Auth;
  store: Store;
  endpoints: WebhookEndpointStore;
  problem(reply: FastifyReply, status: number, title: string, detail: string, extra?: Record<string, unknown>): FastifyReply;
}

const secured = [{ bearerAuth: [] }];

/** 32 random bytes, base64url, prefixed so that people and secret scanners recognise it. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString("base64url")}`;

export function registerWebhookEndpointRoutes(app: FastifyInstance, deps: WebhookEndpointRouteDeps): void {
  const { auth, endpoints, problem } = deps;
  const who = (req: FastifyRequest): Principal => auth.principal(req);
  const everyGroup = (p: Principal, reply: FastifyReply) =>
    p.scope === null ? undefined : problem(reply, 403, "Forbidden", `token "${p.name}" is scoped to groups ${p.scope.join(", ")}; webhooks carry every group's devices and need an admin token for every group`);

  app.post<{ Body: { url: string; events?: string[] } }>(
    "/api/v1/webhooks",
    {
      onRequest: auth.require("admin"),
      schema: {
        security: secured,
        description: "add a webhook endpoint: 201 with its signing secret, shown this once",
        body: {
          type: "object",
          required: ["url"],
          additionalProperties: false,
          properties: { url: { type: "string", minLength: 1 }, events: { type: "array", minItems: 1, uniqueItems: true, items: { type: "string", enum: [...WEBHOOK_EVENTS] } } },
        },
      },
    },
    async (req, reply) => {
      const p = who(req);
      const refused = everyGroup(p, reply);
      if (refused) return refused;
      const bad = webhookUrlProblem(req.body.url, "url");
      if (bad) return problem(reply, 422, "Invalid webhook endpoint", bad, { errors: [bad] });
      const secret = newWebhookSecret();
      const endpoint = await endpoints.create({ id: randomUUID(), url: req.body.url, events: req.body.events ?? null, secret, by: p.name });
      await deps.store.audit({ tokenId: p.tokenId, actor: p.name, action: "webhook.create", target: endpoint.id, detail: { url: endpoint.url, events: endpoint.events } });
      // The secret is in this answer only; deliveries are signed with it (docs/webhooks.md).
      return reply.code(201).header("location", `/api/v1/webhooks/${endpoint.id}`).send({ ...endpoint, secret });
    },
  );

  app.get("/api/v1/webhooks", { onRequest: auth.require("admin"), schema: { security: secured, description: "the webhook endpoints added over the API (never their secrets)" } }, async (req, reply) => {
    const refused = everyGroup(who(req), reply);
    if (refused) return refused;
    return { endpoints: await endpoints.list() };
  });

  app.delete<{ Params: { id: string } }>(
    "/api/v1/webhooks/:id",
    { onRequest: auth.require("admin"), schema: { security: secured, params: { type: "object", required: ["id"], properties: { id: { type: "string" } } } } },
    async (req, reply) => {
      const p = who(req);
      const refused = everyGroup(p, reply);
      if (refused) return refused;
      const removed = await endpoints.delete(req.params.id);
      if (!removed) return problem(reply, 404, "Not Found", `no webhook endpoint "${req.params.id}"`);
      await deps.store.audit({ tokenId: p.tokenId, actor: p.name, action: "webhook.delete", target: removed.id, detail: { url: removed.url } });
      return reply.code(204).send();
    },
  );
}
