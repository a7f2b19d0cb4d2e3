-- The dashboard's template list pages newest-updated first on (updated_at, id) within a project's live templates:
-- with this index a page (and a search, which filters while it walks the index) stops after `limit` rows instead
-- of sorting every template of the project.
CREATE INDEX templates_project_list ON templates(project_id, updated_at DESC, id DESC) WHERE deleted_at IS NULL;
