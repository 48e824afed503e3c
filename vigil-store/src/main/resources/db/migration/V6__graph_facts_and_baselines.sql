-- What people told the context graph (POST /api/v1/graph/facts; docs/context-graph.md): a relation
-- (relation and object set) or a note on the subject (both null). Node ids are written kind:name.
create table graph_facts (
  id          varchar(36) primary key,
  subject     varchar(2100) not null,
  relation    varchar(32),
  object      varchar(2100),
  note        varchar(2000) not null,
  author      varchar(200) not null,
  told_at     timestamp with time zone not null
);
create index graph_facts_told_at on graph_facts (told_at);

-- Learned baselines: per service and signal, what normal looks like in each hour of the week, learned
-- from the metric store on a schedule so that checks read it instead of a week of history.
create table graph_baselines (
  service       varchar(2100) not null,   -- a node id, service:checkout
  signal        varchar(200) not null,
  query         text not null,
  learned_from  timestamp with time zone not null,
  learned_to    timestamp with time zone not null,
  points        integer not null,
  primary key (service, signal)
);

create table graph_baseline_hours (
  service       varchar(2100) not null,
  signal        varchar(200) not null,
  hour_of_week  smallint not null,      -- 0 = Monday 00:00-01:00 UTC
  median        double precision,       -- null: not enough history for this hour
  spread        double precision,
  samples       integer not null,
  basis         varchar(16) not null,   -- hour-of-week, hour-of-day or insufficient
  primary key (service, signal, hour_of_week)
);

-- Deploys packed per source and service (JSON: the provenances used, then per deploy its position in
-- the source's contribution, time, environment, version and provenance index). They are only ever
-- read back whole, and a million single-deploy rows of graph_deploys (V4) made a first save take
-- minutes; graph_deploys is still read, and emptied as each source is saved again.
create table graph_deploy_history (
  source   varchar(200) not null,
  service  varchar(2100) not null,
  deploys  text not null
);
create index graph_deploy_history_source on graph_deploy_history (source);
