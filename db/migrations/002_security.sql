-- API tokens (only their sha256 is stored) and the audit log of who did what.
CREATE TABLE api_tokens (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  role       text NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  groups     jsonb,                       -- null: every group; otherwise only devices of these groups
  sha256     text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  created_by text,
  revoked_at timestamptz
);

CREATE TABLE audit_log (
  id       bigserial PRIMARY KEY,
  at       timestamptz NOT NULL,
  token_id text,
  actor    text NOT NULL,
  action   text NOT NULL,                 -- run.start | run.cancel | token.create | token.revoke
  target   text,
  detail   jsonb
);
