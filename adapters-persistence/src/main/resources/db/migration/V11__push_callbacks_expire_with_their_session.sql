-- Until now retention deleted sessions by their start and callbacks by their receipt, each on its own, so the
-- callbacks of a push could outlive its session (an interruption received after the cutoff, of a push started
-- before it). Retention now deletes a push's callbacks together with its session, once the session is over,
-- and never looks at them otherwise: delete those already left without a session, or they would stay for ever.
DELETE FROM callback_event e
WHERE event_type IN (0, 1)
  AND NOT EXISTS (SELECT 1 FROM push_session s WHERE s.sequence = e.sequence);
