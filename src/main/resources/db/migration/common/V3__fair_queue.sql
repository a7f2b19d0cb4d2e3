-- Projects take turns at the queue: a claim serves the project with due work that was served longest ago.
ALTER TABLE projects ADD COLUMN last_claimed_at BIGINT NOT NULL DEFAULT 0;
-- A project's unfinished renders, for its share of the queue depth and for its turn at the claim.
CREATE INDEX renders_pending_project ON renders(project_id, run_at) WHERE status IN ('queued', 'rendering');
