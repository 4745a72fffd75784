-- The webhook delivery log: one row per delivery (event x endpoint), with every attempt. Secrets are never stored.
CREATE TABLE webhook_deliveries (
  id        text PRIMARY KEY,
  run_id    text NOT NULL,
  event     text NOT NULL,                 -- run.finished | device.blocked
  url       text NOT NULL,
  delivered boolean NOT NULL,
  attempts  jsonb NOT NULL,                -- [{at, durationMs, status?, error?}]
  at        timestamptz NOT NULL
);
CREATE INDEX webhook_deliveries_run ON webhook_deliveries (run_id);
