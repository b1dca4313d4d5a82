-- The callback path writes a whole group of sessions in one statement (PushSessionPersistenceAdapter.saveAll).
-- The rollup (V5) and the known streams (V7) now follow once per statement, from its transition tables,
-- instead of once per row: one trigger call and one rollup upsert per group, not per session ending
-- (docs/adr/0010-write-path-faster-than-a-plain-receiver.md). Still triggers, so every writer — the callback
-- path, retention, an operator's UPDATE — keeps them exact.

-- The rollup's key, spelled out once: the interruptions_by_day group a session is counted in (meaningful
-- for ENDED sessions only), as a row of that table carrying the given count.
CREATE FUNCTION interruptions_by_day_group_of(s push_session, sessions integer) RETURNS interruptions_by_day
    LANGUAGE sql STABLE AS $$
    SELECT ROW((s.ended_at AT TIME ZONE 'UTC')::date, s.domain, s.app_name, s.region, s.category, s.errcode,
               s.abnormal, sessions)::interruptions_by_day
$$;

-- Sessions inserted by one statement: their groups gain them, their stream ids become known. Stream ids
-- are inserted in order, so two groups bringing the same new streams wait for each other instead of
-- deadlocking.
CREATE FUNCTION push_session_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM interruptions_by_day_add(ARRAY(
        SELECT interruptions_by_day_group_of(i, 1) FROM inserted AS i WHERE i.status = 'ENDED'));
    INSERT INTO known_stream (stream_id) SELECT DISTINCT stream_id FROM inserted ORDER BY 1 ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

-- Sessions updated by one statement: each old version leaves its group, each new one joins its group (a
-- session ending joins one; a retried or rewritten one that stays in its group cancels out and touches no
-- rollup row). A changed stream id becomes known.
CREATE FUNCTION push_session_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM interruptions_by_day_add(ARRAY(
        SELECT interruptions_by_day_group_of(o, -1) FROM old_rows AS o WHERE o.status = 'ENDED'
        UNION ALL
        SELECT interruptions_by_day_group_of(n, 1) FROM new_rows AS n WHERE n.status = 'ENDED'));
    INSERT INTO known_stream (stream_id)
    SELECT DISTINCT n.stream_id FROM new_rows AS n
    WHERE NOT EXISTS (SELECT FROM old_rows AS o WHERE o.stream_id = n.stream_id)
    ORDER BY 1
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

-- Deletes (retention, a batch per statement) as before, with the key from its one home.
CREATE OR REPLACE FUNCTION interruptions_by_day_uncount_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM interruptions_by_day_add(ARRAY(
        SELECT interruptions_by_day_group_of(d, -1) FROM deleted AS d WHERE d.status = 'ENDED'));
    RETURN NULL;
END
$$;

-- The statement triggers are created before the row triggers are dropped, in this one transaction: a writer
-- (another replica) never sees push_session without upkeep.
CREATE TRIGGER push_session_on_insert AFTER INSERT ON push_session
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION push_session_inserted();
CREATE TRIGGER push_session_on_update AFTER UPDATE ON push_session
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION push_session_updated();
DROP TRIGGER interruptions_by_day_on_insert ON push_session;
DROP TRIGGER interruptions_by_day_on_update ON push_session;
DROP TRIGGER push_session_known_stream_on_insert ON push_session;
DROP TRIGGER push_session_known_stream_on_update ON push_session;
DROP FUNCTION interruptions_by_day_count_row();
DROP FUNCTION known_stream_add();
