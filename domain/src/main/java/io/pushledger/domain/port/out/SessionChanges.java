package io.pushledger.domain.port.out;

import io.pushledger.domain.model.SessionChange;
import java.time.Instant;
import java.util.List;

/**
 * The committed session changes, in commit order. The write side appends to them with the sessions it
 * saves ({@link SessionLedger#saveAll}); this port reads them and forgets old ones.
 */
public interface SessionChanges {

    /** Up to {@code max} changes after {@code position}, in order; changes of sessions deleted since are left out. */
    List<SessionChange> after(long position, int max);

    /** The position of the last committed change, 0 when there was none. */
    long latest();

    /** The first position still kept: a subscriber that saw less than this minus one has missed changes. */
    long oldestKept();

    /** Forgets the changes committed before {@code cutoff}; how many. */
    int deleteBefore(Instant cutoff);

    /** Sent (as a CDI event) by the adapter that listens to the database once changes up to {@code latest} are committed. */
    record Committed(long latest) {
    }
}
