package io.pushledger.domain.port.in;

import io.pushledger.domain.model.Sequence;
import java.util.Optional;

/** The history of pushes: which sessions there were and what was received for one of them. */
public interface FindSessionsUseCase {

    /** A page of matching sessions, newest first; paging with {@code next} never skips or repeats a session. */
    SessionPage find(FindSessionsQuery query);

    /** How many pushes are live now (LIVE sessions, the STALE ones aside). */
    long countLive();

    /** The session with its callbacks; empty when no callback of that push was received. */
    Optional<SessionTimeline> timeline(Sequence sequence);
}
