-- The change stream's positions without a lock held to the commit (ADR 18). V12 handed positions out from one
-- locked row and sent a NOTIFY with every writing transaction; both serialised the commits of every writer
-- (NOTIFY takes a cluster-wide lock from before the commit until after it). The two functions below are the
-- whole rule; SessionChangeLog writes with the first, SessionChangePersistenceAdapter reads with the second.
-- Positions of V12's changes stay below every new one.

-- The position before a transaction's first change: its id times 65,536. Its changes take the positions after
-- it, one each (a transaction writes a few hundred at most).
CREATE FUNCTION session_change_base() RETURNS bigint LANGUAGE sql VOLATILE
AS $$ SELECT pg_current_xact_id()::text::bigint * 65536 $$;

-- Every position below this is settled: no transaction of this database still running, or yet to start, can
-- write a change below it, so a reader that has read up to it misses nothing later. It is the oldest id of a
-- transaction of this database still running (pg_stat_activity; the service's replicas connect as one role, whose
-- sessions it shows) or, with none, the next id to be handed out — read first, so that a transaction that takes
-- an id in between is above it. Transactions of other databases of the cluster do not hold it back, as the
-- cluster's own xmin would (a long load next door would stop the stream). It never goes back.
CREATE FUNCTION session_change_settled() RETURNS bigint LANGUAGE plpgsql STABLE
AS $$
DECLARE
    next_id bigint := pg_snapshot_xmax(pg_current_snapshot())::text::bigint;
    oldest_running bigint;
BEGIN
    -- backend_xid is 32 bits: the running id at most 2^31 behind the next one.
    SELECT min(next_id - ((next_id % 4294967296) - backend_xid::text::bigint + 4294967296) % 4294967296)
    INTO oldest_running
    FROM pg_stat_activity
    WHERE datname = current_database() AND backend_xid IS NOT NULL;
    RETURN least(next_id, coalesce(oldest_running, next_id)) * 65536;
END
$$;

-- Positions are no longer consecutive, so "a follower missed changes" is told by the highest position the
-- retention has forgotten, kept here: a follower that saw less than that has missed some.
CREATE TABLE session_change_forgotten (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    up_to     bigint  NOT NULL
);
INSERT INTO session_change_forgotten (up_to)
SELECT coalesce((SELECT min(position) - 1 FROM session_change), last_position) FROM session_change_position;

-- session_change_position is no longer read or written, but replicas of the previous release still write it
-- during a rolling update (their callbacks would fail without it): a later migration drops it.
COMMENT ON TABLE session_change_position IS 'unused since V13; kept for replicas of the release before it';
