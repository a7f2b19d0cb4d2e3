-- Webhook subscriptions of a project. `secret` signs every delivery; during a rotation `next_secret` signs too
-- (x-platen-signature-next) until `overlap_ends_at`, then takes over. `events` is a comma-separated list.
CREATE TABLE webhooks (
  id              TEXT PRIMARY KEY,
  project_id      TEXT NOT NULL REFERENCES projects(id),
  url             TEXT NOT NULL,
  events          TEXT NOT NULL,
  active          BOOLEAN NOT NULL,
  description     TEXT,
  secret          TEXT NOT NULL,
  next_secret     TEXT,
  overlap_ends_at BIGINT,
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL
);
CREATE INDEX webhooks_project ON webhooks(project_id, created_at);

-- An outbox row is turned into deliveries once: the fan-out stamps it in the transaction that inserts them. The
-- rows stay (other code may read what was owed); only the undispatched ones are indexed.
ALTER TABLE outbox ADD COLUMN dispatched_at BIGINT;
CREATE INDEX outbox_undispatched ON outbox(id) WHERE dispatched_at IS NULL;

-- One message to one subscription, retried under the same id. Claimed like renders: a lease and a fencing token,
-- so several processes never send one attempt twice and a sender that lost its lease cannot record a result.
CREATE TABLE webhook_deliveries (
  id               TEXT PRIMARY KEY,
  webhook_id       TEXT NOT NULL REFERENCES webhooks(id),
  project_id       TEXT NOT NULL,
  outbox_id        TEXT,
  event            TEXT NOT NULL,
  render_id        TEXT,
  payload          TEXT NOT NULL,
  status           TEXT NOT NULL,
  attempts         INTEGER NOT NULL DEFAULT 0,
  max_attempts     INTEGER NOT NULL,
  next_attempt_at  BIGINT,
  last_status_code INTEGER,
  last_error       TEXT,
  lease_owner      TEXT,
  lease_until      BIGINT,
  lease_token      BIGINT NOT NULL DEFAULT 0,
  created_at       BIGINT NOT NULL,
  delivered_at     BIGINT,
  UNIQUE (webhook_id, outbox_id)
);
-- The claim only looks at deliveries still owed; delivered and abandoned ones stay out of this index.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE status IN ('pending', 'failed');
CREATE INDEX webhook_deliveries_log ON webhook_deliveries(webhook_id, id);
