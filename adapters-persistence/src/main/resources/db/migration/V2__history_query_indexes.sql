-- Indexes the history API relies on (SPEC §3). V1 already covers exact and prefix stream ids
-- (text_pattern_ops), time windows on started_at and the open sessions ("live now").

-- streamId match=contains: LIKE '%…%' through trigrams. pg_trgm is a trusted extension, so the
-- database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX push_session_stream_trgm_idx ON push_session USING gin (stream_id gin_trgm_ops);

-- Sessions from one client address, newest first.
CREATE INDEX push_session_client_ip_idx ON push_session (client_ip, started_at DESC, sequence DESC);

-- Interruption statistics over a window of end times; only ended sessions have one.
CREATE INDEX push_session_ended_idx ON push_session (ended_at) WHERE ended_at IS NOT NULL;

-- The raw event feed of one kind, newest first.
CREATE INDEX callback_event_type_idx ON callback_event (event_type, received_at DESC, id DESC);
