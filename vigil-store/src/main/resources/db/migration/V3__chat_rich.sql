-- Rich chat posts: finding cards, charts and threads. All columns are nullable so that outbox
-- entries and console messages written before this version read as plain text outside threads.
-- card: the finding card as JSON. thread_key: the step's thread name (posts of an agent to a
-- channel with one key form a thread). platform_id: the chat's id of the delivered message
-- (Slack's ts), which later posts of the thread reply under. attachment_*: the chart one entry
-- uploads (a post with charts has one entry per chart).
alter table outbox add column card text;
alter table outbox add column thread_key varchar(200);
alter table outbox add column platform_id varchar(200);
alter table outbox add column attachment_name varchar(200);
alter table outbox add column attachment_alt text;
alter table outbox add column attachment_content bytea;
create index outbox_thread_idx on outbox (agent_name, channel, thread_key);

-- The built-in chat keeps the card and chart for the console; thread_id is the idempotency key
-- of the message a reply belongs under.
alter table console_messages add column card text;
alter table console_messages add column thread_id varchar(200);
alter table console_messages add column attachment_name varchar(200);
alter table console_messages add column attachment_alt text;
alter table console_messages add column attachment_content bytea;
