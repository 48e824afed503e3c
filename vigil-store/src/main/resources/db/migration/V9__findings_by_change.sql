-- Digests read the findings that changed since a time (filed, counted again or given a status),
-- however long ago they were first filed.
create index findings_updated_idx on findings (updated_at);
