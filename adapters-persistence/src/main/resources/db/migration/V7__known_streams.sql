-- Every stream id a session has had, once. A stream id prefix or substring (SPEC §3, match=prefix and
-- match=contains) is matched here, among tens of thousands of streams, instead of among the millions of
-- sessions; the matching streams' newest sessions are then read from the stream index, one stream at a
-- time (docs/adr/0008-stream-matches-on-the-known-streams.md). Written by the trigger below in the
-- session's own transaction. Streams stay when their sessions expire: matching one costs an index probe.
CREATE TABLE known_stream (
    stream_id text NOT NULL
);
-- Writers (another replica during a rolling upgrade) wait from here until the trigger exists, so that no
-- session committed between the backfill and the trigger goes missing. 5 s at 10 M sessions.
LOCK TABLE push_session IN SHARE ROW EXCLUSIVE MODE;
INSERT INTO known_stream (stream_id) SELECT DISTINCT stream_id FROM push_session;
-- Byte-wise order, as push_session_stream_idx: a prefix is the same range of both.
CREATE UNIQUE INDEX known_stream_id_idx ON known_stream (stream_id text_pattern_ops);
-- Without fastupdate: new streams are rare, and a pending list (flushed only by vacuum) would be read
-- whole by every search (8 ms at 50,000 streams).
CREATE INDEX known_stream_trgm_idx ON known_stream USING gin (stream_id gin_trgm_ops) WITH (fastupdate = off);
-- The matching chooses its plan from a count, but the lateral reads need estimates (autovacuum may be off).
ANALYZE known_stream;

CREATE FUNCTION known_stream_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO known_stream (stream_id) VALUES (NEW.stream_id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TRIGGER push_session_known_stream_on_insert AFTER INSERT ON push_session
    FOR EACH ROW EXECUTE FUNCTION known_stream_add();
-- The callback path rewrites every column of a session it updates; the stream id rarely changes.
CREATE TRIGGER push_session_known_stream_on_update AFTER UPDATE OF stream_id ON push_session
    FOR EACH ROW WHEN (OLD.stream_id IS DISTINCT FROM NEW.stream_id) EXECUTE FUNCTION known_stream_add();

-- Substrings are now matched among the known streams; the trigram index of every session only cost writes.
DROP INDEX push_session_stream_trgm_idx;
