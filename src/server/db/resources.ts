// Stored resources (inventories, check packs, waiver sets) over the Sql interface: every change is a new version in
// resource_versions, `resources` points at the current one, and run_inputs records which versions a run used
// (migration 005_resources.sql). Content is validated before it gets here (src/server/resources/validate.ts).
import { createHash } from "node:crypto";
import type { Sql } from "./sql.js";

export type ResourceKind = "inventory" | "check-pack" | "waivers";
export const RESOURCE_KINDS: readonly ResourceKind[] = ["inventory", "check-pack", "waivers"];

export interface ResourceVersion {
  kind: ResourceKind;
  name: string;
  version: number;
  content: Record<string, unknown>;
  sha256: string;
  /** Inventories: each device's groups (for group scopes); null for the other kinds. */
  deviceGroups: string[][] | null;
  summary: Record<string, unknown>;
  createdAt: string;
  createdBy: string;
}

/** The version a run used: enough to find it again and to know it was not changed since. */
export interface ResourceUse {
  ref: string;
  version: number;
  sha256: string;
}

export interface RunInputs {
  inventory: ResourceUse | { inline: true; sha256: string } | { source: string };
  checkPack?: ResourceUse;
  waivers?: ResourceUse;
}

interface VersionDbRow {
  kind: ResourceKind;
  name: string;
  version: number;
  content: Record<string, unknown>;
  sha256: string;
  device_groups: string[][] | null;
  summary: Record<string, unknown>;
  created_at: unknown;
  created_by: string;
}

const iso = (v: unknown): string => new Date(v as string).toISOString();
const versionRow = (r: VersionDbRow): ResourceVersion => ({
  kind: r.kind,
  name: r.name,
  version: r.version,
  content: r.content,
  sha256: r.sha256,
  deviceGroups: r.device_groups,
  summary: r.summary,
  createdAt: iso(r.created_at),
  createdBy: r.created_by,
});

/** JSON with sorted keys, so that the same content always has the same hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export const contentHash = (content: unknown): string => createHash("sha256").update(canonicalJson(content)).digest("hex");

const COLUMNS = "v.kind, v.name, v.version, v.content, v.sha256, v.device_groups, v.summary, v.created_at, v.created_by";

export class ResourceStore {
  constructor(private readonly sql: Sql) {}

  /**
   * Writes `content` as the resource's new current version, unless it is the current version already (same
   * sha256): then nothing changes. Versions continue after a delete (a re-created resource does not reuse numbers).
   */
  async put(r: { kind: ResourceKind; name: string; content: Record<string, unknown>; deviceGroups: string[][] | null; summary: Record<string, unknown>; by: string }): Promise<{ version: ResourceVersion; created: boolean; changed: boolean }> {
    const sha256 = contentHash(r.content);
    return this.sql.transaction(async (tx) => {
      // One writer per resource at a time (two PUTs of one name would otherwise pick the same version number).
      await tx.query("SELECT pg_advisory_xact_lock(7217005, hashtext($1))", [`${r.kind}/${r.name}`]);
      const current = await tx.query<VersionDbRow>(
        `SELECT ${COLUMNS} FROM resources c JOIN resource_versions v USING (kind, name, version) WHERE c.kind = $1 AND c.name = $2`,
        [r.kind, r.name],
      );
      if (current[0] && current[0].sha256 === sha256) return { version: versionRow(current[0]), created: false, changed: false };
      const [{ next }] = (await tx.query<{ next: number }>("SELECT COALESCE(MAX(version), 0) + 1 AS next FROM resource_versions WHERE kind = $1 AND name = $2", [r.kind, r.name])) as [{ next: number }];
      const now = new Date().toISOString();
      const rows = await tx.query<VersionDbRow>(
        `INSERT INTO resource_versions AS v (kind, name, version, content, sha256, device_groups, summary, created_at, created_by)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6::jsonb, $7::jsonb, $8, $9) RETURNING ${COLUMNS}`,
        [r.kind, r.name, next, JSON.stringify(r.content), sha256, r.deviceGroups ? JSON.stringify(r.deviceGroups) : null, JSON.stringify(r.summary), now, r.by],
      );
      await tx.query(
        `INSERT INTO resources (kind, name, version, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (kind, name) DO UPDATE SET version = EXCLUDED.version, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
        [r.kind, r.name, next, now, r.by],
      );
      return { version: versionRow(rows[0]!), created: !current[0], changed: true };
    });
  }

  /** The current version, or the given one (kept after later changes; not after the resource is deleted). */
  async get(kind: ResourceKind, name: string, version?: number): Promise<ResourceVersion | undefined> {
    const rows =
      version === undefined
        ? await this.sql.query<VersionDbRow>(`SELECT ${COLUMNS} FROM resources c JOIN resource_versions v USING (kind, name, version) WHERE c.kind = $1 AND c.name = $2`, [kind, name])
        : await this.sql.query<VersionDbRow>(
            `SELECT ${COLUMNS} FROM resource_versions v WHERE v.kind = $1 AND v.name = $2 AND v.version = $3 AND EXISTS (SELECT 1 FROM resources c WHERE c.kind = $1 AND c.name = $2)`,
            [kind, name, version],
          );
    return rows[0] ? versionRow(rows[0]) : undefined;
  }

  /** Every current resource of a kind, by name. */
  async list(kind: ResourceKind): Promise<ResourceVersion[]> {
    const rows = await this.sql.query<VersionDbRow>(`SELECT ${COLUMNS} FROM resources c JOIN resource_versions v USING (kind, name, version) WHERE c.kind = $1 ORDER BY c.name`, [kind]);
    return rows.map(versionRow);
  }

  /** Every version of a current resource, newest first. */
  async versions(kind: ResourceKind, name: string): Promise<ResourceVersion[]> {
    const rows = await this.sql.query<VersionDbRow>(
      `SELECT ${COLUMNS} FROM resource_versions v WHERE v.kind = $1 AND v.name = $2 AND EXISTS (SELECT 1 FROM resources c WHERE c.kind = $1 AND c.name = $2) ORDER BY v.version DESC`,
      [kind, name],
    );
    return rows.map(versionRow);
  }

  /** Removes the resource (its versions stay, for the runs that used them). */
  async delete(kind: ResourceKind, name: string): Promise<boolean> {
    return (await this.sql.query("DELETE FROM resources WHERE kind = $1 AND name = $2 RETURNING name", [kind, name])).length > 0;
  }

  async recordRunInputs(runId: string, inputs: RunInputs): Promise<void> {
    await this.sql.query("INSERT INTO run_inputs (run_id, inputs) VALUES ($1, $2::jsonb) ON CONFLICT (run_id) DO NOTHING", [runId, JSON.stringify(inputs)]);
  }

  async runInputs(runId: string): Promise<RunInputs | undefined> {
    return (await this.sql.query<{ inputs: RunInputs }>("SELECT inputs FROM run_inputs WHERE run_id = $1", [runId]))[0]?.inputs;
  }
}
