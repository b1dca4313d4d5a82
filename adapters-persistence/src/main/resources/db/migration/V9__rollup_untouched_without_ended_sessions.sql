-- Since V8 the rollup's upkeep runs once per statement writing push_session, also for a group that ends no
-- session (a group of push starts). Building its (empty) deltas still used interruptions_by_day's row type,
-- and PostgreSQL locks a table to read its row type: a push start waited for whatever held the rollup (a
-- LOCK, VACUUM FULL, a migration) and ran into the callback path's statement timeout. As with V5's row
-- triggers, the rollup is now touched only by a statement that ends, or rewrites, an ENDED session.
CREATE OR REPLACE FUNCTION push_session_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT FROM inserted WHERE status = 'ENDED') THEN
        PERFORM interruptions_by_day_add(ARRAY(
            SELECT interruptions_by_day_group_of(i, 1) FROM inserted AS i WHERE i.status = 'ENDED'));
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
    END IF;
    INSERT INTO known_stream (stream_id)
    SELECT DISTINCT n.stream_id FROM new_rows AS n
    WHERE NOT EXISTS (SELECT FROM old_rows AS o WHERE o.stream_id = n.stream_id)
    ORDER BY 1
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
