-- A template's inbound trigger: POST /v1/hooks/:token renders it with no API key. The token is kept readable
-- because GET /v1/templates/:slug/inbound shows it again; requests find it through token_hash, so what the unique
-- index compares is a digest an attacker cannot steer byte by byte (no timing oracle on the token). `secret`
-- keys the optional x-craftkit-signature. A template made before this table gets its row on first use of the
-- inbound routes (random tokens cannot be written portably in SQL for SQLite and PostgreSQL both).
CREATE TABLE template_inbound (
  template_id       TEXT PRIMARY KEY REFERENCES templates(id),
  token_hash        TEXT NOT NULL UNIQUE,
  token             TEXT NOT NULL,
  secret            TEXT NOT NULL,
  require_signature BOOLEAN NOT NULL,
  rotated_at        BIGINT NOT NULL
);
