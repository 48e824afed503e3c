-- Configured integrations (the integrations: section of agents.yaml). The document holds
-- credential references (env:NAME or file:/path, written with a dollar and braces) only, never
-- a credential's value.
create table integrations (
  name        varchar(63) primary key,
  type        varchar(32) not null,
  document    text not null,
  created_at  timestamp with time zone not null,
  updated_at  timestamp with time zone not null
);
