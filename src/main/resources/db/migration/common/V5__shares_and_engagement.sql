-- Share links of succeeded renders. The token is the only secret of the public page; revocation and expiry are
-- checked on every request, so they take effect on the next one.
CREATE TABLE shares (
  id               TEXT PRIMARY KEY,
  project_id       TEXT NOT NULL REFERENCES projects(id),
  render_id        TEXT NOT NULL REFERENCES renders(id),
  token            TEXT NOT NULL UNIQUE,
  channel          TEXT NOT NULL,
  recipient_email  TEXT,
  recipient_name   TEXT,
  message          TEXT,
  email_message_id TEXT,
  expires_at       BIGINT,
  revoked_at       BIGINT,
  revoked_reason   TEXT,
  created_at       BIGINT NOT NULL
);
CREATE INDEX shares_render_created ON shares(render_id, created_at);

-- What happened to a document: shares made and revoked, e-mails sent and opened, views, downloads, prints. Each row
-- is written in the same transaction as its document.* outbox message.
CREATE TABLE engagement_events (
  id          TEXT PRIMARY KEY,
  project_id  TEXT NOT NULL REFERENCES projects(id),
  render_id   TEXT NOT NULL REFERENCES renders(id),
  share_id    TEXT REFERENCES shares(id),
  event_type  TEXT NOT NULL,
  actor_kind  TEXT NOT NULL,
  source_ip   TEXT,
  user_agent  TEXT,
  metadata    TEXT,
  created_at  BIGINT NOT NULL
);
-- Counts and the newest events of one render; the de-duplication window looks up (render, share, type) by time.
CREATE INDEX engagement_render_created ON engagement_events(render_id, created_at);
CREATE INDEX engagement_share_type ON engagement_events(share_id, event_type, created_at);
