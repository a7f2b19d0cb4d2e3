-- Timestamps are epoch milliseconds (UTC) so the SQL stays the same on SQLite and PostgreSQL.
CREATE TABLE projects (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  external_org_id TEXT UNIQUE,
  provisioned_key TEXT,
  created_at      BIGINT NOT NULL
);

CREATE TABLE api_keys (
  id          TEXT PRIMARY KEY,
  project_id  TEXT NOT NULL REFERENCES projects(id),
  key_hash    TEXT NOT NULL UNIQUE,
  prefix      TEXT NOT NULL,
  test        BOOLEAN NOT NULL,
  name        TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  revoked_at  BIGINT
);

CREATE TABLE templates (
  id              TEXT PRIMARY KEY,
  project_id      TEXT NOT NULL REFERENCES projects(id),
  slug            TEXT NOT NULL,
  name            TEXT NOT NULL,
  description     TEXT,
  current_version INTEGER,
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL,
  deleted_at      BIGINT
);
-- Only live templates hold their slug: a soft delete frees it.
CREATE UNIQUE INDEX templates_live_slug ON templates(project_id, slug) WHERE deleted_at IS NULL;

CREATE TABLE template_versions (
  id             TEXT PRIMARY KEY,
  template_id    TEXT NOT NULL REFERENCES templates(id),
  version_number INTEGER NOT NULL,
  name           TEXT NOT NULL,
  manifest       TEXT NOT NULL,
  json_schema    TEXT NOT NULL,
  layout         TEXT NOT NULL,
  page_config    TEXT NOT NULL,
  published_at   BIGINT NOT NULL,
  UNIQUE (template_id, version_number)
);

CREATE TABLE renders (
  id                  TEXT PRIMARY KEY,
  project_id          TEXT NOT NULL REFERENCES projects(id),
  template_id         TEXT NOT NULL REFERENCES templates(id),
  template_version_id TEXT NOT NULL REFERENCES template_versions(id),
  status              TEXT NOT NULL,
  data                TEXT NOT NULL,
  filename            TEXT NOT NULL,
  watermark           BOOLEAN NOT NULL,
  idempotency_key     TEXT,
  download_token      TEXT NOT NULL UNIQUE,
  blob_key            TEXT,
  error_message       TEXT,
  attempts            INTEGER NOT NULL DEFAULT 0,
  run_at              BIGINT NOT NULL,
  lease_owner         TEXT,
  lease_until         BIGINT,
  lease_token         BIGINT NOT NULL DEFAULT 0,
  created_at          BIGINT NOT NULL,
  started_at          BIGINT,
  completed_at        BIGINT,
  duration_ms         BIGINT,
  UNIQUE (project_id, idempotency_key)
);
-- The claim query only ever looks at unfinished renders; finished ones stay out of this index.
CREATE INDEX renders_pending ON renders(run_at) WHERE status IN ('queued', 'rendering');
CREATE INDEX renders_project_created ON renders(project_id, created_at);

CREATE TABLE render_attempts (
  render_id   TEXT NOT NULL REFERENCES renders(id),
  attempt     INTEGER NOT NULL,
  worker      TEXT NOT NULL,
  started_at  BIGINT NOT NULL,
  ended_at    BIGINT,
  outcome     TEXT,
  PRIMARY KEY (render_id, attempt)
);
