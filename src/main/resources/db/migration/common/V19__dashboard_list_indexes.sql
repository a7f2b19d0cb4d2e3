-- The dashboard's template list pages newest-updated first on (updated_at, id) within a project's live templates:
-- with this index a page (and a search, which filters while it walks the index) stops after `limit` rows instead
-- of sorting every template of the project.
CREATE INDEX templates_project_list ON templates(project_id, updated_at DESC, id DESC) WHERE deleted_at IS NULL;
-- The renders list filtered by status or by template (the dashboard's filters): without these a rare status, or one
-- template among thousands, made a page read every render of the project to find 50. The status index also covers
-- the overview's per-minute counts (created_at and status, read from the index alone).
CREATE INDEX renders_project_status ON renders(project_id, status, created_at DESC, id DESC);
CREATE INDEX renders_project_template ON renders(project_id, template_id, created_at DESC, id DESC);
-- The overview's workers seen lately: the attempts of the last minutes, not all of them.
CREATE INDEX render_attempts_started ON render_attempts(started_at);
