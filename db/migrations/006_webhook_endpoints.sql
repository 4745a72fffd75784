-- Webhook endpoints added over the API (POST /api/v1/webhooks), alongside those of `serve --webhook`. Each has its
-- own signing secret: it is kept here because every delivery is signed with it (HMAC needs the secret itself, not a
-- hash), and it is never answered again after the POST that created it.
CREATE TABLE webhook_endpoints (
  id         text PRIMARY KEY,
  url        text NOT NULL,
  events     jsonb,                       -- null: every event
  secret     text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL
);
