package io.pushledger.domain.port.out;

import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.model.StreamPath;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The write side of the push sessions, one per sequence: what recording a callback and retention change. */
public interface SessionLedger {

    /**
     * Holds off every other change to the sessions on these paths until the current transaction ends,
     * so that deciding which push is the latest is not raced by another replica. The paths are locked
     * in one order whoever asks, so two transactions locking several paths never deadlock.
     */
    void lockPaths(Collection<StreamPath> paths);

    Optional<PushSession> find(Sequence sequence);

    /**
     * In one read, what settling the succession of some pushes needs: the stored sessions of these
     * sequences, and for each path how the pushes on it stand, leaving out these sequences. A path maps
     * to the instant after which its latest start is wanted ({@code null}: not wanted), so that the read
     * stays within the newest part of a path's history however long it grows.
     */
    Surroundings surroundings(Collection<Sequence> sequences, Map<StreamPath, Instant> paths);

    /** Adds the session or replaces the stored one with the same sequence. */
    default void save(PushSession session) {
        saveAll(List.of(session));
    }

    /** {@link #save} for each, sent to the store at once; the sequences are distinct, so the store picks the order. */
    void saveAll(List<PushSession> sessions);

    /** How many sessions are open (LIVE or STALE). */
    long countOpen();

    /** Deletes at most {@code limit} sessions that started before {@code cutoff}, oldest first; returns how many. */
    int deleteStartedBefore(Instant cutoff, int limit);

    /** Stored sessions by sequence (those not stored are absent), and the other pushes on each path asked for. */
    record Surroundings(Map<Sequence, PushSession> sessions, Map<StreamPath, OtherPushes> others) {

        public Surroundings {
            sessions = Map.copyOf(sessions);
            others = Map.copyOf(others);
        }
    }

    /**
     * The pushes on a path, leaving out some sequences: those still LIVE, and the latest start among all
     * of them, whatever their status, if it is after the instant asked for ({@code null} otherwise).
     */
    record OtherPushes(List<PushSession> live, Instant latestStart) {

        public OtherPushes {
            live = List.copyOf(live);
        }
    }
}
