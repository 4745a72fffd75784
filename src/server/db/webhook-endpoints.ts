// Webhook endpoints stored over the API (migration 006_webhook_endpoints.sql): URL, event filter, own secret. The
// secret leaves this file only for signing (list() for the deliveries); views never carry it.
import type { WebhookEndpoint } from "../../webhooks/deliver.js";
import type { Sql } from "./sql.js";

export interface StoredEndpoint {
  id: string;
  url: string;
  events: string[] | null;
  createdAt: string;
  createdBy: string;
}

interface EndpointDbRow {
  id: string;
  url: string;
  events: string[] | null;
  secret: string;
  created_at: unknown;
  created_by: string;
}

const view = (r: EndpointDbRow): StoredEndpoint => ({ id: r.id, url: r.url, events: r.events, createdAt: new Date(r.created_at as string).toISOString(), createdBy: r.created_by });

export class WebhookEndpointStore {
  constructor(private readonly sql: Sql) {}

  async create(e: { id: string; url: string; events: string[] | null; secret: string; by: string }): Promise<StoredEndpoint> {
    const rows = await this.sql.query<EndpointDbRow>(
      "INSERT INTO webhook_endpoints (id, url, events, secret, created_at, created_by) VALUES ($1, $2, $3::jsonb, $4, now(), $5) RETURNING *",
      [e.id, e.url, e.events ? JSON.stringify(e.events) : null, e.secret, e.by],
    );
    return view(rows[0]!);
  }

  async list(): Promise<StoredEndpoint[]> {
    return (await this.sql.query<EndpointDbRow>("SELECT * FROM webhook_endpoints ORDER BY created_at, id")).map(view);
  }

  /** What deliveries need: each endpoint with its secret. */
  async endpoints(): Promise<(WebhookEndpoint & { id: string })[]> {
    return (await this.sql.query<EndpointDbRow>("SELECT * FROM webhook_endpoints ORDER BY created_at, id")).map((r) => ({ id: r.id, url: r.url, secret: r.secret, ...(r.events ? { events: r.events } : {}) }));
  }

  async delete(id: string): Promise<StoredEndpoint | undefined> {
    const rows = await this.sql.query<EndpointDbRow>("DELETE FROM webhook_endpoints WHERE id = $1 RETURNING *", [id]);
    return rows[0] ? view(rows[0]) : undefined;
  }
}
