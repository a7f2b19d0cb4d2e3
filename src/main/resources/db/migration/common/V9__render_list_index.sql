-- GET /v1/renders pages newest first on (created_at, id) within a project. With the id in the index, in the list's
-- own order, a page is a range scan that stops after `limit` rows however deep the cursor is, and needs no sort; the
-- old (project_id, created_at) index is a prefix of this one.
CREATE INDEX renders_project_list ON renders(project_id, created_at DESC, id DESC);
DROP INDEX renders_project_created;
