-- Stored inventories, check packs and waiver sets (docs/server.md, "Stored resources"). Every write that changes a
-- resource is a new version, kept: a run records the exact version (and its sha256) it used, and a deleted
-- resource's versions stay for the runs that used them. Never credentials: an inventory with one is refused.
CREATE TABLE resource_versions (
  kind          text NOT NULL CHECK (kind IN ('inventory', 'check-pack', 'waivers')),
  name          text NOT NULL,
  version       integer NOT NULL,
  content       jsonb NOT NULL,          -- the request's body, as validated
  sha256        text NOT NULL,           -- of the content (canonical JSON)
  device_groups jsonb,                   -- inventories: each device's groups, for group scopes
  summary       jsonb NOT NULL,          -- what the list shows: counts, groups
  created_at    timestamptz NOT NULL,
  created_by    text NOT NULL,
  PRIMARY KEY (kind, name, version)
);

-- The current version of each resource; a delete removes the row here, not the versions.
CREATE TABLE resources (
  kind       text NOT NULL,
  name       text NOT NULL,
  version    integer NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (kind, name),
  FOREIGN KEY (kind, name, version) REFERENCES resource_versions (kind, name, version)
);

-- What a run was started with: the stored resources (name, version, sha256) or the inline inventory's sha256.
CREATE TABLE run_inputs (
  run_id text PRIMARY KEY,
  inputs jsonb NOT NULL
);
