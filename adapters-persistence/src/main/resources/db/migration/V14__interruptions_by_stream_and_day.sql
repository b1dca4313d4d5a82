-- The console's top streams of a window (ADR 14): ended sessions counted per UTC day of ended_at and per stream
-- (with its domain and app name, the console's filters), beside interruptions_by_day (V5), which has no stream.
-- A 30-day window then sums at most days × streams rows (1.5 M at the benchmark's 10 M sessions on 50,000
-- streams) instead of reading every session; the partial days at a window's edges are read from the end-time
-- index, which now includes stream_id so that they stay index-only.
-- Kept exact by the same statement triggers as the per-day rollup (V8, V9), in the writing transaction, and only
-- by a statement that ends or rewrites an ENDED session; a group falling to zero is deleted.
CREATE TABLE interruptions_by_stream_day (
    day       date    NOT NULL,
    stream_id text    NOT NULL,
    domain    text,
    app_name  text,
    sessions  integer NOT NULL,
    CONSTRAINT interruptions_by_stream_day_uk UNIQUE NULLS NOT DISTINCT (day, stream_id, domain, app_name)
);

CREATE FUNCTION interruptions_by_stream_day_group_of(s push_session, sessions integer) RETURNS interruptions_by_stream_day
    LANGUAGE sql STABLE AS $$
    SELECT ROW((s.ended_at AT TIME ZONE 'UTC')::date, s.stream_id, s.domain, s.app_name, sessions)::interruptions_by_stream_day
$$;

-- As interruptions_by_day_add (V5): groups locked in key order, emptied groups deleted, a negative count refused.
CREATE FUNCTION interruptions_by_stream_day_add(deltas interruptions_by_stream_day[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    emptied tid[];
    negative boolean;
BEGIN
    WITH applied AS (
        INSERT INTO interruptions_by_stream_day AS counted (day, stream_id, domain, app_name, sessions)
        SELECT day, stream_id, domain, app_name, sum(sessions)
        FROM unnest(deltas)
        GROUP BY day, stream_id, domain, app_name
        HAVING sum(sessions) <> 0
        ORDER BY day, stream_id, domain, app_name
        ON CONFLICT (day, stream_id, domain, app_name)
            DO UPDATE SET sessions = counted.sessions + excluded.sessions
        RETURNING counted.ctid, counted.sessions)
    SELECT array_agg(ctid) FILTER (WHERE sessions = 0), bool_or(sessions < 0) INTO emptied, negative FROM applied;
    IF negative THEN
        RAISE EXCEPTION 'interruptions_by_stream_day is out of step with push_session (a count fell below zero)';
    END IF;
    IF emptied IS NOT NULL THEN
        DELETE FROM interruptions_by_stream_day WHERE ctid = ANY (emptied);
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION push_session_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT FROM inserted WHERE status = 'ENDED') THEN
        PERFORM interruptions_by_day_add(ARRAY(
            SELECT interruptions_by_day_group_of(i, 1) FROM inserted AS i WHERE i.status = 'ENDED'));
        PERFORM interruptions_by_stream_day_add(ARRAY(
            SELECT interruptions_by_stream_day_group_of(i, 1) FROM inserted AS i WHERE i.status = 'ENDED'));
    END IF;
    INSERT INTO known_stream (stream_id) SELECT DISTINCT stream_id FROM inserted ORDER BY 1 ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION push_session_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT FROM old_rows WHERE status = 'ENDED') OR EXISTS (SELECT FROM new_rows WHERE status = 'ENDED') THEN
        PERFORM interruptions_by_day_add(ARRAY(
            SELECT interruptions_by_day_group_of(o, -1) FROM old_rows AS o WHERE o.status = 'ENDED'
            UNION ALL
            SELECT interruptions_by_day_group_of(n, 1) FROM new_rows AS n WHERE n.status = 'ENDED'));
        PERFORM interruptions_by_stream_day_add(ARRAY(
            SELECT interruptions_by_stream_day_group_of(o, -1) FROM old_rows AS o WHERE o.status = 'ENDED'
            UNION ALL
            SELECT interruptions_by_stream_day_group_of(n, 1) FROM new_rows AS n WHERE n.status = 'ENDED'));
    END IF;
    INSERT INTO known_stream (stream_id)
    SELECT DISTINCT n.stream_id FROM new_rows AS n
    WHERE NOT EXISTS (SELECT FROM old_rows AS o WHERE o.stream_id = n.stream_id)
    ORDER BY 1
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION interruptions_by_day_uncount_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM interruptions_by_day_add(ARRAY(
        SELECT interruptions_by_day_group_of(d, -1) FROM deleted AS d WHERE d.status = 'ENDED'));
    PERFORM interruptions_by_stream_day_add(ARRAY(
        SELECT interruptions_by_stream_day_group_of(d, -1) FROM deleted AS d WHERE d.status = 'ENDED'));
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION interruptions_by_day_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE interruptions_by_day, interruptions_by_stream_day;
    RETURN NULL;
END
$$;

-- Writers to push_session wait from here to the commit, so the backfill counts every session committed before
-- it and the triggers every session after it.
LOCK TABLE push_session IN SHARE ROW EXCLUSIVE MODE;
INSERT INTO interruptions_by_stream_day (day, stream_id, domain, app_name, sessions)
SELECT (ended_at AT TIME ZONE 'UTC')::date, stream_id, domain, app_name, count(*)
FROM push_session
WHERE status = 'ENDED'
GROUP BY 1, 2, 3, 4;
ANALYZE interruptions_by_stream_day;

-- The partial days at a window's edges, grouped by stream, from the end-time index alone (V5's, plus stream_id).
CREATE INDEX push_session_ended_counted_idx ON push_session (ended_at)
    INCLUDE (domain, app_name, region, category, errcode, abnormal, stream_id) WHERE status = 'ENDED';
DROP INDEX push_session_ended_idx;
ALTER INDEX push_session_ended_counted_idx RENAME TO push_session_ended_idx;
