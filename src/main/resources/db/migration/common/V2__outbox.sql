-- Messages owed to the outside world (webhook deliveries), written in the same transaction as the status change
-- that causes them: a message exists exactly when its change committed. Ids are UUIDv7, so they sort by time.
CREATE TABLE outbox (
  id          TEXT PRIMARY KEY,
  topic       TEXT NOT NULL,
  project_id  TEXT NOT NULL,
  render_id   TEXT,
  payload     TEXT NOT NULL,
  created_at  BIGINT NOT NULL
);
