-- Which engine drew a succeeded render's PDF, and why not the direct one when openhtmltopdf did (the template's
-- reason, or the document's where its data needed it): shown on the render's record. Null for renders from before.
ALTER TABLE renders ADD COLUMN engine TEXT;
ALTER TABLE renders ADD COLUMN engine_reason TEXT;
