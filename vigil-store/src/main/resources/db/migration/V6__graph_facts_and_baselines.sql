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
