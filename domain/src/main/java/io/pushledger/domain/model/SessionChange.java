package io.pushledger.domain.model;

import java.util.Objects;

/**
 * A committed change of a push session: it started ({@link SessionStatus#LIVE}), ended or was made stale.
 * {@code position} orders the changes across replicas so that whoever has read up to one position gets every
 * change after it later, never one before it (positions are not consecutive); {@code status} is the status the
 * change wrote, {@code session} the session as it is now (it may have changed again since).
 */
public record SessionChange(long position, SessionStatus status, PushSession session) {

    public SessionChange {
        if (position < 1) {
            throw new IllegalArgumentException("a change's position starts at 1, not " + position);
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(session, "session");
    }
}
