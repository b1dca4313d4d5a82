package io.pushledger.domain.port.out;

import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.model.StreamPath;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The push sessions, one per sequence. */
public interface PushSessions {

    /**
     * Holds off every other change to the sessions on this path until the current transaction ends,
     * so that deciding which push is the latest is not raced by another replica.
     */
    void lockPath(StreamPath path);

    Optional<PushSession> find(Sequence sequence);

    /** Sessions on the path still LIVE, other than {@code except}. */
    List<PushSession> liveOn(StreamPath path, Sequence except);

    /** Whether a push on the path, other than {@code except}, started after {@code instant}. */
    boolean anyStartedAfter(StreamPath path, Instant instant, Sequence except);

    /** Adds the session or replaces the stored one with the same sequence. */
    void save(PushSession session);

    /** How many sessions are open (LIVE or STALE). */
    long countOpen();

    /** Deletes at most {@code limit} sessions that started before {@code cutoff}, oldest first; returns how many. */
    int deleteStartedBefore(Instant cutoff, int limit);
}
