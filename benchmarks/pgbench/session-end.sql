-- One push ending, as interruptions_by_day's trigger (V5) sees it: an ENDED session upserted and
-- committed on its own. Measures the trigger's write cost: run it with the trigger and with it
-- disabled (docs/performance.md). -D domains=N spreads the sessions over N domains; with
-- domains=1 every transaction adds to the same rollup row (today, one domain, CLIENT_STOPPED), the
-- hottest case, where concurrent transactions queue on that row's lock until each commits.
--   pgbench -n -M prepared -c 16 -j 2 -T 20 -D domains=1 -f benchmarks/pgbench/session-end.sql <db>
\set seq random(1000000000000000000, 8999999999999999999)
\set domain random(0, :domains - 1)
INSERT INTO push_session (sequence, domain, app_name, stream_id, status, started_at, start_inferred, ended_at,
    duration_ms, errcode, errmsg, category, abnormal, region, updated_at)
VALUES (CAST(:seq AS text), 'd' || CAST(:domain AS text) || '.bench.example', 'live', 'bench-' || CAST(:seq AS text),
    'ENDED', now() - interval '61 seconds', false, now(), 61000, 1, 'push interrupted', 'CLIENT_STOPPED', false,
    'MAINLAND', now())
ON CONFLICT (sequence) DO UPDATE SET status = EXCLUDED.status, ended_at = EXCLUDED.ended_at,
    duration_ms = EXCLUDED.duration_ms, errcode = EXCLUDED.errcode, errmsg = EXCLUDED.errmsg,
    category = EXCLUDED.category, abnormal = EXCLUDED.abnormal, updated_at = EXCLUDED.updated_at;
