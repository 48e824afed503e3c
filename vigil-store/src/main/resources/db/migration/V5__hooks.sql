-- Rules of generic webhook sources (the hooks: section of agents.yaml), one row per source. The
-- document holds the secret's reference (env:NAME or file:/path, written with a dollar and
-- braces) only, never its value.
create table hooks (
  source      varchar(63) primary key,
  document    text not null,
  created_at  timestamp with time zone not null,
  updated_at  timestamp with time zone not null
);
