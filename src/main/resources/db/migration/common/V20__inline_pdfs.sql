-- PDFs kept in the database itself (SQLite with file blobs, store.DatabasePdfs): written in the same transaction
-- that marks their render succeeded, so one WAL sync makes both durable. Larger PDFs stay files.
CREATE TABLE inline_pdfs (
  blob_key TEXT PRIMARY KEY,
  bytes BYTEA NOT NULL
);
