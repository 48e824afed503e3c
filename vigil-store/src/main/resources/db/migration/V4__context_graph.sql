-- The context graph's state (docs/context-graph.md, ADR 0006): each source's last good
-- contribution, and the nodes and edges no source reports any more, kept with their last sighting
-- so they come back stale after a restart instead of vanishing. The whole state is replaced after
-- each refresh, in one transaction. Node ids are written kind:name; provenance, attributes and owner
-- lists are JSON text. Rows of the unreported set carry source = '' (source names are never empty).
create table graph_state (
  id        smallint primary key check (id = 1),
  saved_at  timestamp with time zone not null
);

create table graph_contributions (
  source   varchar(200) primary key,
  read_at  timestamp with time zone not null
);

create table graph_nodes (
  source      varchar(200) not null,
  node        varchar(2100) not null,
  attributes  text not null,
  provenance  text not null
);
create index graph_nodes_source on graph_nodes (source);

create table graph_edges (
  source      varchar(200) not null,
  from_node   varchar(2100) not null,
  kind        varchar(32) not null,
  to_node     varchar(2100) not null,
  provenance  text not null
);
create index graph_edges_source on graph_edges (source);

create table graph_deploys (
  source       varchar(200) not null,
  service      varchar(2100) not null,
  deployed_at  timestamp with time zone not null,
  environment  varchar(200) not null,
  version      varchar(500) not null,
  provenance   text not null
);
create index graph_deploys_service on graph_deploys (service, deployed_at);

create table graph_alert_history (
  source      varchar(200) not null,
  alert       varchar(500) not null,
  from_at     timestamp with time zone not null,
  to_at       timestamp with time zone not null,
  fired       integer not null,
  acted_on    integer,          -- null: the source cannot know (Alertmanager)
  flaps       integer not null,
  provenance  text not null
);

create table graph_ownership (
  source      varchar(200) not null,
  position    integer not null,
  pattern     varchar(2000) not null,
  owners      text not null,
  provenance  text not null
);

create table graph_problems (
  source    varchar(200) not null,
  location  varchar(2000) not null,
  message   text not null
);
