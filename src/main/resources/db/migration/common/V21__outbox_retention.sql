-- Dispatched outbox rows are deleted a day after their fan-out (webhooks.Dispatcher): their deliveries carry their
-- own copy of the body, so nothing reads them again. This index finds them without reading the rows still owed.
CREATE INDEX outbox_dispatched ON outbox(dispatched_at) WHERE dispatched_at IS NOT NULL;
