-- PostgreSQL's ceiling for PushLedger's callbacks: one push, its start then its interruption, each
-- callback in a transaction of its own (the design without group commit) with exactly the statements
-- the service sends for it (docs/performance.md): lock the path, record the event, read the session
-- with its path's other pushes in one statement, write the session, commit.
-- One pgbench "transaction" of this script is therefore two callbacks.
-- Run with -M prepared: pgjdbc switches to server-side prepared statements after five executions.
\set stream random(0, 9999)
\set domain :stream % 10
\set seq random(1000000000000000000, 8999999999999999999)

-- push started (event_type 1); pgjdbc sends BEGIN with the first statement, in one round trip.
\startpipeline
BEGIN;
SELECT pg_advisory_xact_lock(key) FROM (SELECT DISTINCT hashtextextended(path, 0) AS key FROM unnest(ARRAY['d' || CAST(:domain AS text) || '.bench.example/live/bench-' || CAST(:stream AS text)]) AS path ORDER BY key) AS ordered;
\endpipeline
INSERT INTO callback_event (event_type, sequence, body_sha256, stream_id, event_time, received_at, last_received_at, body)
VALUES (1, CAST(:seq AS text), NULL, 'bench-' || CAST(:stream AS text), date_trunc('second', now()), now(), now(),
    CAST('{"event_type":1,"t":1795703998,"sign":"e890974002d45146849ff67b6ef9aa99","appid":1250000000,"app":"d' || CAST(:domain AS text) || '.bench.example","appname":"live","stream_id":"bench-' || CAST(:stream AS text) || '","channel_id":"bench-' || CAST(:stream AS text) || '","sequence":"' || CAST(:seq AS text) || '","event_time":1795703398,"node":"101.226.0.1","user_ip":"203.0.113.7","stream_param":"txSecret=0123456789abcdef&txTime=5C2ACD1A","errcode":0,"errmsg":"ok","set_id":2,"idc_id":34,"width":1280,"height":720}' AS json))
ON CONFLICT (sequence, event_type) DO UPDATE SET deliveries = callback_event.deliveries + 1, last_received_at = EXCLUDED.last_received_at
RETURNING deliveries;
SELECT 'own' AS role, sequence, domain, app_name, stream_id, status, started_at, start_inferred, ended_at, duration_ms, errcode, errmsg, category, app_id, channel_id, client_ip, node, stream_param, set_id, idc_id, width, height FROM push_session WHERE sequence = CAST(:seq AS text)
UNION ALL SELECT 'live', sequence, domain, app_name, stream_id, status, started_at, start_inferred, ended_at, duration_ms, errcode, errmsg, category, app_id, channel_id, client_ip, node, stream_param, set_id, idc_id, width, height FROM push_session WHERE stream_id = 'bench-' || CAST(:stream AS text) AND domain IS NOT DISTINCT FROM 'd' || CAST(:domain AS text) || '.bench.example' AND app_name IS NOT DISTINCT FROM 'live' AND sequence <> CAST(:seq AS text) AND status = 'LIVE'
UNION ALL (SELECT 'latest', sequence, domain, app_name, stream_id, status, started_at, start_inferred, ended_at, duration_ms, errcode, errmsg, category, app_id, channel_id, client_ip, node, stream_param, set_id, idc_id, width, height FROM push_session WHERE stream_id = 'bench-' || CAST(:stream AS text) AND domain IS NOT DISTINCT FROM 'd' || CAST(:domain AS text) || '.bench.example' AND app_name IS NOT DISTINCT FROM 'live' AND sequence <> CAST(:seq AS text) ORDER BY started_at DESC LIMIT 1);
INSERT INTO push_session (sequence, domain, app_name, stream_id, status, started_at, start_inferred, ended_at, duration_ms, errcode, errmsg, category, abnormal, app_id, channel_id, client_ip, node, stream_param, set_id, region, idc_id, width, height, updated_at)
VALUES (CAST(:seq AS text), 'd' || CAST(:domain AS text) || '.bench.example', 'live', 'bench-' || CAST(:stream AS text), 'LIVE', date_trunc('second', now()), false, NULL, NULL, NULL, NULL, NULL, NULL, 1250000000, 'bench-' || CAST(:stream AS text), '203.0.113.7', '101.226.0.1', 'txSecret=0123456789abcdef&txTime=5C2ACD1A', 2, 'MAINLAND', 34, 1280, 720, now())
ON CONFLICT (sequence) DO UPDATE SET domain = EXCLUDED.domain, app_name = EXCLUDED.app_name, stream_id = EXCLUDED.stream_id, status = EXCLUDED.status, started_at = EXCLUDED.started_at, start_inferred = EXCLUDED.start_inferred, ended_at = EXCLUDED.ended_at, duration_ms = EXCLUDED.duration_ms, errcode = EXCLUDED.errcode, errmsg = EXCLUDED.errmsg, category = EXCLUDED.category, abnormal = EXCLUDED.abnormal, app_id = EXCLUDED.app_id, channel_id = EXCLUDED.channel_id, client_ip = EXCLUDED.client_ip, node = EXCLUDED.node, stream_param = EXCLUDED.stream_param, set_id = EXCLUDED.set_id, region = EXCLUDED.region, idc_id = EXCLUDED.idc_id, width = EXCLUDED.width, height = EXCLUDED.height, updated_at = EXCLUDED.updated_at;
COMMIT;

-- push interrupted (event_type 0): the same statements; the upsert updates the row.
\startpipeline
BEGIN;
SELECT pg_advisory_xact_lock(key) FROM (SELECT DISTINCT hashtextextended(path, 0) AS key FROM unnest(ARRAY['d' || CAST(:domain AS text) || '.bench.example/live/bench-' || CAST(:stream AS text)]) AS path ORDER BY key) AS ordered;
\endpipeline
INSERT INTO callback_event (event_type, sequence, body_sha256, stream_id, event_time, received_at, last_received_at, body)
VALUES (0, CAST(:seq AS text), NULL, 'bench-' || CAST(:stream AS text), date_trunc('second', now()), now(), now(),
    CAST('{"event_type":0,"t":1795703998,"sign":"e890974002d45146849ff67b6ef9aa99","appid":1250000000,"app":"d' || CAST(:domain AS text) || '.bench.example","appname":"live","stream_id":"bench-' || CAST(:stream AS text) || '","channel_id":"bench-' || CAST(:stream AS text) || '","sequence":"' || CAST(:seq AS text) || '","event_time":1795703398,"node":"101.226.0.1","user_ip":"203.0.113.7","stream_param":"txSecret=0123456789abcdef&txTime=5C2ACD1A","errcode":1,"errmsg":"push interrupted","push_duration":"61000","set_id":2,"idc_id":34,"width":1280,"height":720}' AS json))
ON CONFLICT (sequence, event_type) DO UPDATE SET deliveries = callback_event.deliveries + 1, last_received_at = EXCLUDED.last_received_at
RETURNING deliveries;
SELECT 'own' AS role, sequence, domain, app_name, stream_id, status, started_at, start_inferred, ended_at, duration_ms, errcode, errmsg, category, app_id, channel_id, client_ip, node, stream_param, set_id, idc_id, width, height FROM push_session WHERE sequence = CAST(:seq AS text)
UNION ALL SELECT 'live', sequence, domain, app_name, stream_id, status, started_at, start_inferred, ended_at, duration_ms, errcode, errmsg, category, app_id, channel_id, client_ip, node, stream_param, set_id, idc_id, width, height FROM push_session WHERE stream_id = 'bench-' || CAST(:stream AS text) AND domain IS NOT DISTINCT FROM 'd' || CAST(:domain AS text) || '.bench.example' AND app_name IS NOT DISTINCT FROM 'live' AND sequence <> CAST(:seq AS text) AND status = 'LIVE'
UNION ALL (SELECT 'latest', sequence, domain, app_name, stream_id, status, started_at, start_inferred, ended_at, duration_ms, errcode, errmsg, category, app_id, channel_id, client_ip, node, stream_param, set_id, idc_id, width, height FROM push_session WHERE stream_id = 'bench-' || CAST(:stream AS text) AND domain IS NOT DISTINCT FROM 'd' || CAST(:domain AS text) || '.bench.example' AND app_name IS NOT DISTINCT FROM 'live' AND sequence <> CAST(:seq AS text) ORDER BY started_at DESC LIMIT 1);
INSERT INTO push_session (sequence, domain, app_name, stream_id, status, started_at, start_inferred, ended_at, duration_ms, errcode, errmsg, category, abnormal, app_id, channel_id, client_ip, node, stream_param, set_id, region, idc_id, width, height, updated_at)
VALUES (CAST(:seq AS text), 'd' || CAST(:domain AS text) || '.bench.example', 'live', 'bench-' || CAST(:stream AS text), 'ENDED', date_trunc('second', now()) - interval '61 seconds', false, date_trunc('second', now()), 61000, 1, 'push interrupted', 'CLIENT_STOPPED', false, 1250000000, 'bench-' || CAST(:stream AS text), '203.0.113.7', '101.226.0.1', 'txSecret=0123456789abcdef&txTime=5C2ACD1A', 2, 'MAINLAND', 34, 1280, 720, now())
ON CONFLICT (sequence) DO UPDATE SET domain = EXCLUDED.domain, app_name = EXCLUDED.app_name, stream_id = EXCLUDED.stream_id, status = EXCLUDED.status, started_at = EXCLUDED.started_at, start_inferred = EXCLUDED.start_inferred, ended_at = EXCLUDED.ended_at, duration_ms = EXCLUDED.duration_ms, errcode = EXCLUDED.errcode, errmsg = EXCLUDED.errmsg, category = EXCLUDED.category, abnormal = EXCLUDED.abnormal, app_id = EXCLUDED.app_id, channel_id = EXCLUDED.channel_id, client_ip = EXCLUDED.client_ip, node = EXCLUDED.node, stream_param = EXCLUDED.stream_param, set_id = EXCLUDED.set_id, region = EXCLUDED.region, idc_id = EXCLUDED.idc_id, width = EXCLUDED.width, height = EXCLUDED.height, updated_at = EXCLUDED.updated_at;
COMMIT;
