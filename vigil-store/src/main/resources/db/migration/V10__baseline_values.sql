-- Learned baselines keep the last week of the values they were learned from, on the metric store's grid
-- (value i at recent_from + i * step_seconds, NaN where the store had none; 8 bytes each, big-endian IEEE 754),
-- so that a check judging against a stored week also runs the judge's anomaly check and counts the week's
-- shifts (ADR 0010). About 80 KB per signal at one-minute steps. Rows learned before this migration have
-- none until the next refresh replaces them.
alter table graph_baselines add column recent_from timestamp with time zone;
alter table graph_baselines add column recent_values bytea;
