-- Recurring sweeps: a cron expression and the audit request it starts, run as its creator's scope.
CREATE TABLE schedules (
  id            text PRIMARY KEY,
  name          text NOT NULL UNIQUE,
  cron          text NOT NULL,
  timezone      text,
  request       jsonb NOT NULL,          -- the POST /api/v1/runs body (inventory inline; never credentials)
  created_by    text NOT NULL,
  token_id      text,
  scope         jsonb,                   -- the creator's groups (null: every group)
  created_at    timestamptz NOT NULL,
  next_at       timestamptz NOT NULL,
  last_run_id   text,
  last_fired_at timestamptz,
  last_error    text,
  missed        integer NOT NULL DEFAULT 0,   -- fire times that passed while no server was running
  skipped       integer NOT NULL DEFAULT 0    -- fire times skipped because the previous run was still running
);
