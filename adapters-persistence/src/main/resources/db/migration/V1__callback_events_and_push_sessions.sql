-- Every callback received, each once. Push callbacks (event_type 0 and 1) are identified by
-- (sequence, event_type); other kinds by the SHA-256 of their canonical body without t and sign.
CREATE TABLE callback_event (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_type       integer     NOT NULL,
    sequence         text,
    body_sha256      text,
    stream_id        text,
    event_time       timestamptz,
    received_at      timestamptz NOT NULL,
    last_received_at timestamptz NOT NULL,
    deliveries       integer     NOT NULL DEFAULT 1 CHECK (deliveries >= 1),
    body             jsonb       NOT NULL,
    CONSTRAINT callback_event_identity CHECK (
        CASE WHEN event_type IN (0, 1)
             THEN sequence IS NOT NULL AND body_sha256 IS NULL
             ELSE sequence IS NULL AND body_sha256 IS NOT NULL
        END),
    CONSTRAINT callback_event_push_uk UNIQUE (sequence, event_type),
    CONSTRAINT callback_event_other_uk UNIQUE (body_sha256)
);

-- The raw event feed, newest first, optionally for one stream.
CREATE INDEX callback_event_received_idx ON callback_event (received_at DESC, id DESC);
CREATE INDEX callback_event_stream_idx ON callback_event (stream_id, received_at DESC, id DESC);

-- One row per push (sequence), kept in step with its callbacks.
CREATE TABLE push_session (
    sequence       text PRIMARY KEY,
    domain         text,
    app_name       text,
    stream_id      text        NOT NULL,
    status         text        NOT NULL CHECK (status IN ('LIVE', 'ENDED', 'STALE')),
    started_at     timestamptz NOT NULL,
    start_inferred boolean     NOT NULL,
    ended_at       timestamptz,
    duration_ms    bigint,
    errcode        integer,
    errmsg         text,
    category       text,
    abnormal       boolean,
    app_id         bigint,
    channel_id     text,
    client_ip      text,
    node           text,
    stream_param   text,
    set_id         integer,
    region         text        NOT NULL CHECK (region IN ('MAINLAND', 'OUTSIDE_MAINLAND', 'UNKNOWN')),
    idc_id         integer,
    width          integer,
    height         integer,
    updated_at     timestamptz NOT NULL,
    CONSTRAINT push_session_ended CHECK ((status = 'ENDED') = (ended_at IS NOT NULL AND category IS NOT NULL))
);

-- A stream's history (exact and prefix match on stream_id), and the succession check on a path.
CREATE INDEX push_session_stream_idx ON push_session (stream_id text_pattern_ops, started_at DESC, sequence DESC);
-- Everything in a time window, newest first (keyset paging on started_at, sequence).
CREATE INDEX push_session_started_idx ON push_session (started_at DESC, sequence DESC);
-- Open sessions: "live now" and the stale check stay small however long the history grows.
CREATE INDEX push_session_open_idx ON push_session (started_at DESC, sequence DESC) WHERE status <> 'ENDED';
