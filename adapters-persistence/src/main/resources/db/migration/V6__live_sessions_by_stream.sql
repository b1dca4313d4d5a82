-- The LIVE sessions of a path, read on every push callback to settle which push is the latest. The
-- stream index alone makes that read walk a stream's whole history, which grows without bound; the
-- LIVE sessions are a handful per stream however long the history is.
CREATE INDEX push_session_live_stream_idx ON push_session (stream_id) WHERE status = 'LIVE';
