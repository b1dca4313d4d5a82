package io.pushledger.domain.port.out;

import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.model.StreamPath;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The push sessions, one per sequence. */
public interface PushSessions {

    /**
     * Holds off every other change to the sessions on these paths until the current transaction ends,
     * so that deciding which push is the latest is not raced by another replica. The paths are locked
     * in one order whoever asks, so two transactions locking several paths never deadlock.
     */
    void lockPaths(Collection<StreamPath> paths);

    Optional<PushSession> find(Sequence sequence);

    /** In one read: the session of {@code sequence} if stored, and how the other pushes on {@code path} stand. */
    Surroundings surroundings(Sequence sequence, StreamPath path);

    /** Adds the session or replaces the stored one with the same sequence. */
    void save(PushSession session);

    /** How many sessions are open (LIVE or STALE). */
    long countOpen();

    /** Deletes at most {@code limit} sessions that started before {@code cutoff}, oldest first; returns how many. */
    int deleteStartedBefore(Instant cutoff, int limit);

    /** A push's stored session and the other pushes on a path: what settling its succession needs. */
    record Surroundings(Optional<PushSession> session, OtherPushes others) {
    }

    /**
     * The pushes on a path other than one sequence: those still LIVE, and the latest start among all
     * of them, whatever their status ({@code null} if there is none).
     */
    record OtherPushes(List<PushSession> live, Instant latestStart) {

        public OtherPushes {
            live = List.copyOf(live);
        }

        /** Whether one of these pushes started after {@code instant}. */
        public boolean anyStartedAfter(Instant instant) {
            return latestStart != null && latestStart.isAfter(instant);
        }
    }
}
