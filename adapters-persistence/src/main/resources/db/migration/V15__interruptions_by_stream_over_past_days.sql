-- The console's top streams of a week and of 30 days (ADR 19): the whole past days of such a window summed per
-- stream once, so that a request adds today's rows of interruptions_by_stream_day (V14) to one row per stream
-- instead of summing days × streams rows (1.5 M for 30 days at the benchmark's 10 M sessions).
-- A span is the past days [first_day, end_day) of a window of `days` days ending today: end_day is today, so
-- what ends now (the callback path's usual ending) falls after every span and costs it nothing but a look at
-- the spans. Whatever rewrites a past day inside a span (a late or STALE callback, retention, a correction)
-- goes through interruptions_by_stream_day_add, which applies the same deltas to the spans: exact, as V14.
-- The spans move to the next day once after midnight UTC (interruptions_span_roll, called by the service).
CREATE TABLE interruptions_span (
    days      smallint PRIMARY KEY CHECK (days > 1),
    first_day date NOT NULL,
    end_day   date NOT NULL,
    CHECK (end_day - first_day = days - 1)
);

CREATE TABLE interruptions_by_stream_span (
    days      smallint NOT NULL,
    stream_id text     NOT NULL,
    domain    text,
    app_name  text,
    sessions  integer  NOT NULL,
    CONSTRAINT interruptions_by_stream_span_uk UNIQUE NULLS NOT DISTINCT (days, stream_id, domain, app_name)
);

-- Adds (day, stream, …, sessions) deltas to the spans holding their day, or with `to_span` to that span whatever
-- their day (a roll's: the days a span gains are not inside it yet); emptied rows deleted, a negative count refused.
CREATE FUNCTION interruptions_by_stream_span_add(deltas interruptions_by_stream_day[], to_span smallint DEFAULT NULL)
    RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    emptied tid[];
    negative boolean;
BEGIN
    WITH applied AS (
        INSERT INTO interruptions_by_stream_span AS counted (days, stream_id, domain, app_name, sessions)
        SELECT span.days, d.stream_id, d.domain, d.app_name, sum(d.sessions)
        FROM unnest(deltas) AS d JOIN interruptions_span AS span
            ON CASE WHEN to_span IS NULL THEN d.day >= span.first_day AND d.day < span.end_day ELSE span.days = to_span END
        GROUP BY span.days, d.stream_id, d.domain, d.app_name
        HAVING sum(d.sessions) <> 0
        ORDER BY span.days, d.stream_id, d.domain, d.app_name
        ON CONFLICT (days, stream_id, domain, app_name)
            DO UPDATE SET sessions = counted.sessions + excluded.sessions
        RETURNING counted.ctid, counted.sessions)
    SELECT array_agg(ctid) FILTER (WHERE sessions = 0), bool_or(sessions < 0) INTO emptied, negative FROM applied;
    IF negative THEN
        RAISE EXCEPTION 'interruptions_by_stream_span is out of step with interruptions_by_stream_day (a count fell below zero)';
    END IF;
    IF emptied IS NOT NULL THEN
        DELETE FROM interruptions_by_stream_span WHERE ctid = ANY (emptied);
    END IF;
END
$$;

-- V14's, plus the spans: after the per-day rows, so that every writer locks the two tables in the same order,
-- and under the per-day table's lock, which a span's roll takes in a mode that waits for these writers.
CREATE OR REPLACE FUNCTION interruptions_by_stream_day_add(deltas interruptions_by_stream_day[]) RETURNS void LANGUAGE plpgsql AS $$
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
    -- Only a change to a past day inside a span (rare: today's endings fall after every span) costs more than this look.
    IF EXISTS (SELECT FROM unnest(deltas) AS d JOIN interruptions_span AS span
               ON d.day >= span.first_day AND d.day < span.end_day) THEN
        PERFORM interruptions_by_stream_span_add(deltas);
    END IF;
END
$$;

-- Moves the span of `span_days` days to the past days of the window ending `today` (creating it if there is
-- none): the days it gains are added and the days it loses subtracted, from interruptions_by_stream_day;
-- summed afresh if the two do not overlap. Writers ending sessions wait from the lock to the commit, so every
-- delta is either in the per-day rows read here or applied by the trigger to the span as moved; the lock
-- conflicts with itself, so two replicas rolling at once take turns, the second finding nothing left to do.
CREATE FUNCTION interruptions_span_roll(span_days smallint, today date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    span interruptions_span;
    first date := today - (span_days - 1);
BEGIN
    IF EXISTS (SELECT FROM interruptions_span WHERE days = span_days AND end_day = today) THEN
        RETURN;
    END IF;
    LOCK TABLE interruptions_by_stream_day IN SHARE ROW EXCLUSIVE MODE;
    SELECT * INTO span FROM interruptions_span WHERE days = span_days;
    IF span.end_day = today THEN
        RETURN;
    END IF;
    IF span.days IS NOT NULL AND span.first_day <= first AND span.end_day >= first AND span.end_day <= today THEN
        UPDATE interruptions_span SET first_day = first, end_day = today WHERE days = span_days;
        PERFORM interruptions_by_stream_span_add(ARRAY(
            SELECT ROW(day, stream_id, domain, app_name, sessions)::interruptions_by_stream_day
            FROM interruptions_by_stream_day WHERE day >= span.end_day AND day < today
            UNION ALL
            SELECT ROW(day, stream_id, domain, app_name, -sessions)::interruptions_by_stream_day
            FROM interruptions_by_stream_day WHERE day >= span.first_day AND day < first), span_days);
    ELSE
        DELETE FROM interruptions_by_stream_span WHERE days = span_days;
        DELETE FROM interruptions_span WHERE days = span_days;
        INSERT INTO interruptions_span (days, first_day, end_day) VALUES (span_days, first, today);
        INSERT INTO interruptions_by_stream_span (days, stream_id, domain, app_name, sessions)
        SELECT span_days, stream_id, domain, app_name, sum(sessions)
        FROM interruptions_by_stream_day WHERE day >= first AND day < today
        GROUP BY stream_id, domain, app_name;
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION interruptions_by_day_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE interruptions_by_day, interruptions_by_stream_day, interruptions_by_stream_span;
    RETURN NULL;
END
$$;

-- The console's windows: a week and 30 days, today included (ADR 14).
SELECT interruptions_span_roll(7::smallint, (now() AT TIME ZONE 'UTC')::date);
SELECT interruptions_span_roll(30::smallint, (now() AT TIME ZONE 'UTC')::date);
ANALYZE interruptions_span;
ANALYZE interruptions_by_stream_span;
