-- Ended sessions counted per UTC day of ended_at and per value of every column the interruption
-- statistics filter or group on without naming a stream or a client. A 30-day count then sums at most
-- a few hundred thousand rows instead of scanning push_session
-- (docs/adr/0007-interruption-statistics-from-a-daily-rollup.md).
-- Kept exact by the triggers below, in the writing transaction; a group whose count falls to zero is
-- deleted, so the rollup never answers a group with no session and expired days leave nothing behind.
CREATE TABLE interruptions_by_day (
    day      date    NOT NULL,
    domain   text,
    app_name text,
    region   text    NOT NULL,
    category text    NOT NULL,
    errcode  integer,
    abnormal boolean,
    sessions integer NOT NULL,
    -- domain, errcode and abnormal may be NULL and are grouped like any value (PostgreSQL 15 and later).
    CONSTRAINT interruptions_by_day_uk UNIQUE NULLS NOT DISTINCT (day, domain, app_name, region, category, errcode, abnormal)
);

-- Adds signed counts (rows of this table whose sessions is the change) to their groups. One statement
-- locks the groups in key order, so transactions moving counts between the same groups (a retention
-- batch on each of two replicas, say) cannot deadlock. Groups that reach zero are deleted while still
-- locked by that statement. A negative count (a change reaching the rollup twice or not at all, e.g.
-- with the triggers disabled) is a broken invariant: the write fails rather than skew the statistics.
CREATE FUNCTION interruptions_by_day_add(deltas interruptions_by_day[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    emptied tid[];
    negative boolean;
BEGIN
    WITH applied AS (
        INSERT INTO interruptions_by_day AS counted (day, domain, app_name, region, category, errcode, abnormal, sessions)
        SELECT day, domain, app_name, region, category, errcode, abnormal, sum(sessions)
        FROM unnest(deltas)
        GROUP BY day, domain, app_name, region, category, errcode, abnormal
        HAVING sum(sessions) <> 0
        ORDER BY day, domain, app_name, region, category, errcode, abnormal
        ON CONFLICT (day, domain, app_name, region, category, errcode, abnormal)
            DO UPDATE SET sessions = counted.sessions + excluded.sessions
        RETURNING counted.ctid, counted.sessions)
    SELECT array_agg(ctid) FILTER (WHERE sessions = 0), bool_or(sessions < 0) INTO emptied, negative FROM applied;
    IF negative THEN
        RAISE EXCEPTION 'interruptions_by_day is out of step with push_session (a count fell below zero)';
    END IF;
    IF emptied IS NOT NULL THEN
        DELETE FROM interruptions_by_day WHERE ctid = ANY (emptied);
    END IF;
END
$$;

-- A session written one row at a time (the callback path): its old group loses it, its new group gains it.
CREATE FUNCTION interruptions_by_day_count_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR OLD.status <> 'ENDED' THEN
        -- A session ending, by far the most common change: one group gains one, nothing can empty.
        INSERT INTO interruptions_by_day AS counted (day, domain, app_name, region, category, errcode, abnormal, sessions)
        VALUES ((NEW.ended_at AT TIME ZONE 'UTC')::date, NEW.domain, NEW.app_name, NEW.region, NEW.category,
                NEW.errcode, NEW.abnormal, 1)
        ON CONFLICT (day, domain, app_name, region, category, errcode, abnormal)
            DO UPDATE SET sessions = counted.sessions + 1;
    ELSE
        PERFORM interruptions_by_day_add(ARRAY(
            SELECT ROW((OLD.ended_at AT TIME ZONE 'UTC')::date, OLD.domain, OLD.app_name, OLD.region, OLD.category,
                       OLD.errcode, OLD.abnormal, -1)::interruptions_by_day
            UNION ALL
            SELECT ROW((NEW.ended_at AT TIME ZONE 'UTC')::date, NEW.domain, NEW.app_name, NEW.region, NEW.category,
                       NEW.errcode, NEW.abnormal, 1)::interruptions_by_day
            WHERE NEW.status = 'ENDED'));
    END IF;
    RETURN NULL;
END
$$;

-- Sessions deleted by one statement (retention deletes a batch at a time), counted per group first.
CREATE FUNCTION interruptions_by_day_uncount_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM interruptions_by_day_add(ARRAY(
        SELECT ROW((ended_at AT TIME ZONE 'UTC')::date, domain, app_name, region, category, errcode, abnormal,
                   -count(*)::integer)::interruptions_by_day
        FROM deleted
        WHERE status = 'ENDED'
        GROUP BY (ended_at AT TIME ZONE 'UTC')::date, domain, app_name, region, category, errcode, abnormal));
    RETURN NULL;
END
$$;

CREATE FUNCTION interruptions_by_day_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE interruptions_by_day;
    RETURN NULL;
END
$$;

-- Creating the first trigger locks push_session against writes until this migration commits, so the
-- backfill below counts every session committed before it and the triggers every session after it.
CREATE TRIGGER interruptions_by_day_on_insert AFTER INSERT ON push_session
    FOR EACH ROW WHEN (NEW.status = 'ENDED')
    EXECUTE FUNCTION interruptions_by_day_count_row();
-- Most updates (a retried callback, a start rewritten) change nothing counted and skip the function.
CREATE TRIGGER interruptions_by_day_on_update AFTER UPDATE ON push_session
    FOR EACH ROW WHEN ((OLD.status = 'ENDED' OR NEW.status = 'ENDED') AND
        ROW(OLD.status, (OLD.ended_at AT TIME ZONE 'UTC')::date, OLD.domain, OLD.app_name, OLD.region,
            OLD.category, OLD.errcode, OLD.abnormal)
        IS DISTINCT FROM
        ROW(NEW.status, (NEW.ended_at AT TIME ZONE 'UTC')::date, NEW.domain, NEW.app_name, NEW.region,
            NEW.category, NEW.errcode, NEW.abnormal))
    EXECUTE FUNCTION interruptions_by_day_count_row();
CREATE TRIGGER interruptions_by_day_on_delete AFTER DELETE ON push_session
    REFERENCING OLD TABLE AS deleted
    FOR EACH STATEMENT EXECUTE FUNCTION interruptions_by_day_uncount_deleted();
CREATE TRIGGER interruptions_by_day_on_truncate AFTER TRUNCATE ON push_session
    FOR EACH STATEMENT EXECUTE FUNCTION interruptions_by_day_clear();

INSERT INTO interruptions_by_day (day, domain, app_name, region, category, errcode, abnormal, sessions)
SELECT (ended_at AT TIME ZONE 'UTC')::date, domain, app_name, region, category, errcode, abnormal, count(*)
FROM push_session
WHERE status = 'ENDED'
GROUP BY 1, 2, 3, 4, 5, 6, 7;
-- Statistics now rather than whenever autovacuum comes by: without them PostgreSQL estimates a month of
-- the rollup at a thousand rows and reads it through the unique index (245 ms at 10 M sessions, 40 ms
-- as a sequential scan).
ANALYZE interruptions_by_day;

-- The partial days at a window's edges are counted from push_session. With every counted column in the
-- end-time index PostgreSQL reads them from the index alone, instead of one heap page per session
-- (sessions are not stored in order of their end). Built beside the old index, which is dropped last:
-- dropping locks out readers too, and the lock is held until the migration commits.
CREATE INDEX push_session_ended_counted_idx ON push_session (ended_at)
    INCLUDE (domain, app_name, region, category, errcode, abnormal) WHERE status = 'ENDED';
DROP INDEX push_session_ended_idx;
ALTER INDEX push_session_ended_counted_idx RENAME TO push_session_ended_idx;
