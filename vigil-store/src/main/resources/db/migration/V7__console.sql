-- The web console. (V6 is kept for a change made at the same time.)
-- from_person: the built-in chat also keeps what people write in the console's chat, so a channel
-- reads as one conversation, threads included; agents' posts (all earlier rows) are not from a person.
alter table console_messages add column from_person boolean default false not null;

-- The console's findings inbox filters by agent and by status, newest first, over large histories.
create index findings_agent_idx on findings (agent_name, created_at);
create index findings_status_idx on findings (status, created_at);
