-- Run history: every run, device result, check result and finding of a RunReport (src/model/result.ts), and the
-- estate's optics per run (src/report/optics.ts). The same SQL runs on PGlite and on PostgreSQL.
CREATE TABLE runs (
  id            text PRIMARY KEY,
  source        text NOT NULL,            -- api | cli
  status        text NOT NULL,            -- running | finished | cancelled | failed | interrupted
  created_at    timestamptz NOT NULL,
  finished_at   timestamptz,
  started_by    text,                     -- the API token's name, or user@host for CLI runs
  selection_key text NOT NULL,            -- runs with the same key are compared ("what changed")
  selection     jsonb NOT NULL,
  groups        jsonb NOT NULL,           -- every group of every selected device
  devices_total integer NOT NULL,
  devices_done  integer NOT NULL DEFAULT 0,
  exit_code     integer,
  summary       jsonb,
  report        jsonb,
  error         text
);
CREATE INDEX runs_selection ON runs (selection_key, created_at);
CREATE INDEX runs_created ON runs (created_at);

CREATE TABLE device_results (
  run_id           text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  position         integer NOT NULL,
  device           text NOT NULL,
  host             text NOT NULL,
  port             integer NOT NULL,
  platform         text NOT NULL,
  groups           jsonb NOT NULL,
  tags             jsonb NOT NULL,
  status           text NOT NULL,
  reason           text,
  target_version   text,
  upgrade_path     jsonb NOT NULL,
  software_version text,
  model            text,
  serial           text,
  duration_ms      integer,
  PRIMARY KEY (run_id, device)
);
CREATE INDEX device_results_device ON device_results (device);

CREATE TABLE check_results (
  run_id   text NOT NULL,
  device   text NOT NULL,
  check_id text NOT NULL,
  title    text NOT NULL,
  status   text NOT NULL,
  severity text NOT NULL,
  blocks   boolean NOT NULL,
  reason   text,
  PRIMARY KEY (run_id, device, check_id),
  FOREIGN KEY (run_id, device) REFERENCES device_results (run_id, device) ON DELETE CASCADE
);
CREATE INDEX check_results_check ON check_results (check_id);

CREATE TABLE findings (
  run_id   text NOT NULL,
  device   text NOT NULL,
  check_id text NOT NULL,
  position integer NOT NULL,
  item_key text,
  hop      text,
  message  text NOT NULL,
  expected jsonb,
  actual   jsonb,
  PRIMARY KEY (run_id, device, check_id, position),
  FOREIGN KEY (run_id, device, check_id) REFERENCES check_results (run_id, device, check_id) ON DELETE CASCADE
);

-- One row per optic part per device per run (a part's carriers, src/model/optics.ts).
CREATE TABLE run_optics (
  run_id     text NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  device     text NOT NULL,
  vendor     text,
  part       text,
  verdict    text NOT NULL,
  ports      integer NOT NULL
);
CREATE INDEX run_optics_run ON run_optics (run_id);
