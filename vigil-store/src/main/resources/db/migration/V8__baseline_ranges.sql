-- Learned baselines keep the step they were read at and the whole history's range (count, extremes,
-- 10th/50th/90th percentiles), so that a before/after check can judge against the stored week instead of
-- reading it again. Rows learned before this migration were read at the old fixed 5-minute step and
-- have no range: checks read the week themselves for those until the next refresh replaces them.
alter table graph_baselines add column step_seconds integer default 300 not null;
alter table graph_baselines add column range_values integer;
alter table graph_baselines add column range_low double precision;
alter table graph_baselines add column range_high double precision;
alter table graph_baselines add column range_p10 double precision;
alter table graph_baselines add column range_median double precision;
alter table graph_baselines add column range_p90 double precision;
