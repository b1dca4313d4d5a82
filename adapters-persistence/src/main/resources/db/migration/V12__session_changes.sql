-- The change stream (ADR 14): every session written gets a row here, in the writing transaction, with a
-- position that orders the changes as their transactions committed, so that a subscriber resuming after
-- position N (Last-Event-ID) gets exactly the changes committed after the one it saw last.
--
-- Positions come from the single row of session_change_position, taken with a row lock by the last
-- statement of the writing transaction and held until its commit: a second transaction waits for the
-- first to commit (or roll back) before it takes its positions. A sequence could not do that: its values
-- are handed out in the order transactions ask, not the order they commit, and a rolled-back one leaves a
-- gap a reader cannot tell from a change still to commit.
CREATE TABLE session_change_position (
    singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    last_position bigint  NOT NULL
);
INSERT INTO session_change_position (last_position) VALUES (0);

CREATE TABLE session_change (
    position   bigint      PRIMARY KEY,
    sequence   text        NOT NULL,
    -- The session's status as written: LIVE (started), ENDED or STALE.
    status     text        NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
-- Old changes are deleted by age (SessionChangeRetention).
CREATE INDEX session_change_changed_at_idx ON session_change (changed_at);
