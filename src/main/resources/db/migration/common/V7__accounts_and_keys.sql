-- The installation's one account: its keys (ck_acct_) manage projects and project keys over /v1/projects.
-- Only hashes are stored, as for project keys; a rotation revokes the old key and adds a row.
CREATE TABLE account_keys (
  id          TEXT PRIMARY KEY,
  key_hash    TEXT NOT NULL UNIQUE,
  prefix      TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  revoked_at  BIGINT
);

-- Projects get the reference's slug and soft delete. Slugs of projects made before this migration are derived
-- from their names at start-up (ProjectStore.assignMissingSlugs): SQL cannot slugify portably. The index is not
-- partial, so a deleted project keeps its slug reserved (the reference's rule); NULLs do not collide.
ALTER TABLE projects ADD COLUMN slug TEXT;
ALTER TABLE projects ADD COLUMN updated_at BIGINT;
ALTER TABLE projects ADD COLUMN deleted_at BIGINT;
-- The sender of a provisioned project's share e-mails; PLATEN_EMAIL_FROM when null.
ALTER TABLE projects ADD COLUMN email_from TEXT;
CREATE UNIQUE INDEX projects_slug ON projects(slug);

-- Written at most once a minute per key and process (auth.Authenticator), never per request.
ALTER TABLE api_keys ADD COLUMN last_used_at BIGINT;
CREATE INDEX api_keys_project ON api_keys(project_id, created_at);
