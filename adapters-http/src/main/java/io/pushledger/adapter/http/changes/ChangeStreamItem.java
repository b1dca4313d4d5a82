package io.pushledger.adapter.http.changes;

import io.pushledger.domain.model.SessionChange;

/** What the change stream sends a follower: a change, word that it missed some, or a sign of life. */
public sealed interface ChangeStreamItem {

    record Change(SessionChange change) implements ChangeStreamItem {
    }

    /** The follower asked to resume from a position whose changes are no longer all kept; it goes on from {@code position}. */
    record Reset(long position) implements ChangeStreamItem {
    }

    /** Keeps idle connections (and the proxies on their way) open, and finds those that are gone. */
    record KeepAlive() implements ChangeStreamItem {
    }
}
