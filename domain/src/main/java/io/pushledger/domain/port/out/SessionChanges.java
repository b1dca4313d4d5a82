package io.pushledger.domain.port.out;

import io.pushledger.domain.model.SessionChange;
import java.time.Instant;
import java.util.List;

/**
 * The committed session changes, in the order of their positions. The write side appends to them with the
 * sessions it saves ({@link SessionLedger#saveAll}); this port reads them and forgets old ones.
 */
public interface SessionChanges {

    /**
     * Up to {@code max} changes after {@code position}, in order, as far as they are settled: a change is left for a
     * later read while a transaction that could still commit one before it is open. Changes of sessions deleted since
     * are left out.
     */
    List<SessionChange> after(long position, int max);

    /** A position every change not yet settled will come after: where a follower joining now starts. */
    long latest();

    /** The highest position forgotten, 0 when none was: a follower that saw less than this has missed changes. */
    long forgottenUpTo();

    /** Forgets the changes committed before {@code cutoff}; how many. */
    int deleteBefore(Instant cutoff);
}
