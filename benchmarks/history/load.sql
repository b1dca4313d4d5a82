-- Bulk-loads history straight into push_session and callback_event, for the history benchmarks:
--   psql -h 127.0.0.1 -U postgres -d pushledger_bench -v sessions=10000000 -f benchmarks/history/load.sql
-- on a schema migrated to the current version (Flyway, or the migrations applied with psql).
-- Distributions: 50,000 streams on 300 domains, a few streams far more active than most; starts spread
-- over the last 30 days; durations around 45 minutes (exponential); ~1 % of sessions still open (LIVE,
-- some STALE), started in the last 6 hours; ~0.5 % known only from their interruption (inferred start);
-- interruption causes in the mix below (70 % the client stopping); ~2 % of callbacks delivered twice.
-- Sequences are 19-digit numbers from 1000000000000000001 up, so a second load needs an empty database.
-- Loads in batches of 500,000 sessions, each committed, then vacuums and analyses both tables.
\set ON_ERROR_STOP on
\if :{?sessions}
\else
\set sessions 10000000
\endif
\timing on
SELECT set_config('bench.sessions', :'sessions', false);

DO $$
DECLARE
    total   bigint := current_setting('bench.sessions')::bigint;
    batch   bigint := 500000;
    first   bigint := 1;
    -- Weighted interruption causes: 100 draws in the proportions a platform sees.
    codes   int[] := array_fill(1, ARRAY[60]) || array_fill(2, ARRAY[4]) || array_fill(3, ARRAY[3])
                     || array_fill(4, ARRAY[2]) || ARRAY[35]
                     || array_fill(12, ARRAY[4]) || array_fill(13, ARRAY[3]) || array_fill(14, ARRAY[2]) || ARRAY[15, 16, 17]
                     || array_fill(20, ARRAY[4]) || array_fill(8, ARRAY[2])
                     || ARRAY[5, 9, 10, 11] || ARRAY[6, 23] || ARRAY[7] || ARRAY[19, 19] || ARRAY[33] || ARRAY[0, 22];
BEGIN
    WHILE first <= total LOOP
        WITH drawn AS (
            SELECT i,
                   floor(50000 * power(random(), 2))::int AS stream,
                   i % 100 = 0 AS open,
                   i % 200 = 1 AS inferred,
                   CASE WHEN i % 100 = 0
                        THEN now() - random() * interval '6 hours'
                        ELSE now() - interval '6 hours' - random() * interval '29 days 18 hours' END AS started_at,
                   (-ln(1 - random()) * 2700000)::bigint + 1000 AS duration_ms,
                   codes[1 + floor(random() * 100)::int] AS errcode,
                   CASE WHEN random() < 0.9 THEN 1 + floor(random() * 6)::int ELSE 7 + floor(random() * 194)::int END AS set_id,
                   random() < 0.02 AS retried
            FROM generate_series(first, least(first + batch - 1, total)) AS i
        ), sessions AS (
            INSERT INTO push_session (sequence, domain, app_name, stream_id, status, started_at, start_inferred,
                ended_at, duration_ms, errcode, errmsg, category, abnormal, app_id, channel_id, client_ip, node,
                stream_param, set_id, region, idc_id, width, height, updated_at)
            SELECT (1000000000000000000 + i)::text,
                   'd' || (stream % 300) || '.example.com',
                   CASE WHEN stream % 10 = 0 THEN 'app' ELSE 'live' END,
                   'room_' || stream || '_' || CASE stream % 3 WHEN 0 THEN 'main' WHEN 1 THEN 'hd' ELSE 'mobile' END,
                   CASE WHEN NOT open THEN 'ENDED' WHEN i % 1000 = 0 THEN 'STALE' ELSE 'LIVE' END,
                   started_at,
                   inferred AND NOT open,
                   CASE WHEN NOT open THEN started_at + duration_ms * interval '1 millisecond' END,
                   CASE WHEN NOT open THEN duration_ms END,
                   CASE WHEN NOT open THEN errcode END,
                   CASE WHEN NOT open THEN CASE errcode WHEN 1 THEN 'normal disconnect' ELSE 'push interrupted: ' || errcode END END,
                   CASE WHEN open THEN NULL
                        WHEN errcode IN (1, 2, 3, 4, 35) THEN 'CLIENT_STOPPED'
                        WHEN errcode IN (5, 9, 10, 11, 24) THEN 'INTERNAL_ERROR'
                        WHEN errcode IN (6, 23) THEN 'RTMP_PROTOCOL_ERROR'
                        WHEN errcode = 7 THEN 'RTMP_FRAME_TOO_LARGE'
                        WHEN errcode IN (8, 20) THEN 'NO_DATA_TIMEOUT'
                        WHEN errcode BETWEEN 12 AND 17 THEN 'NETWORK_ERROR'
                        WHEN errcode = 19 THEN 'THIRD_PARTY_AUTH_FAILED'
                        WHEN errcode = 33 THEN 'RTMP_AMF_ERROR'
                        ELSE 'UNKNOWN' END,
                   CASE WHEN NOT open THEN errcode NOT IN (1, 2, 3, 4, 35) END,
                   1250000000 + stream % 300 % 7,
                   'room_' || stream,
                   '10.' || (i >> 16) % 256 || '.' || (i >> 8) % 256 || '.' || i % 256,
                   '101.226.' || stream % 64 || '.' || stream % 251,
                   'txSecret=' || md5(i::text) || '&txTime=6571E2B0',
                   set_id,
                   CASE WHEN set_id <= 6 THEN 'MAINLAND' ELSE 'OUTSIDE_MAINLAND' END,
                   30 + stream % 20,
                   CASE stream % 3 WHEN 0 THEN 1920 WHEN 1 THEN 1280 ELSE 720 END,
                   CASE stream % 3 WHEN 0 THEN 1080 WHEN 1 THEN 720 ELSE 1280 END,
                   CASE WHEN open THEN started_at ELSE started_at + duration_ms * interval '1 millisecond' END
            FROM drawn
            RETURNING *
        )
        INSERT INTO callback_event (event_type, sequence, stream_id, event_time, received_at, last_received_at,
            deliveries, body)
        SELECT e.event_type, s.sequence, s.stream_id, date_trunc('second', e.at), e.at + interval '80 ms',
               e.at + CASE WHEN d.retried THEN interval '60 seconds' ELSE interval '80 ms' END,
               CASE WHEN d.retried THEN 2 ELSE 1 END,
               jsonb_build_object('event_type', e.event_type, 't', extract(epoch FROM e.at)::bigint + 600,
                   'sign', md5(s.sequence || e.event_type), 'appid', s.app_id, 'app', s.domain,
                   'appname', s.app_name, 'stream_id', s.stream_id, 'channel_id', s.channel_id,
                   'sequence', s.sequence, 'event_time', extract(epoch FROM e.at)::bigint, 'node', s.node,
                   'user_ip', s.client_ip, 'stream_param', s.stream_param,
                   'errcode', coalesce(s.errcode, 0), 'errmsg', coalesce(s.errmsg, 'ok'),
                   'set_id', s.set_id, 'idc_id', s.idc_id, 'width', s.width, 'height', s.height)
               || CASE WHEN e.event_type = 0 THEN jsonb_build_object('push_duration', s.duration_ms::text) ELSE '{}' END
        FROM sessions s
        JOIN drawn d ON (1000000000000000000 + d.i)::text = s.sequence
        CROSS JOIN LATERAL (
            SELECT 1 AS event_type, s.started_at AS at WHERE NOT s.start_inferred
            UNION ALL
            SELECT 0, s.ended_at WHERE s.status = 'ENDED'
        ) e;
        COMMIT;
        RAISE NOTICE '% of % sessions loaded', least(first + batch - 1, total), total;
        first := first + batch;
    END LOOP;
END
$$;

VACUUM (ANALYZE) push_session;
VACUUM (ANALYZE) callback_event;
SELECT count(*) AS sessions,
       count(*) FILTER (WHERE status <> 'ENDED') AS open,
       count(DISTINCT stream_id) AS streams,
       count(DISTINCT domain) AS domains,
       min(started_at) AS first_start
FROM push_session;
SELECT count(*) AS events FROM callback_event;
SELECT category, count(*) FROM push_session WHERE category IS NOT NULL GROUP BY category ORDER BY 2 DESC;
SELECT pg_size_pretty(pg_total_relation_size('push_session')) AS push_session_size,
       pg_size_pretty(pg_total_relation_size('callback_event')) AS callback_event_size;
