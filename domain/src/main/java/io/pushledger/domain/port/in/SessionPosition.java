package io.pushledger.domain.port.in;

import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.model.Sequence;
import java.time.Instant;
import java.util.Objects;

/** A place in the newest-first order of sessions ({@code startedAt} descending, then {@code sequence} descending). */
public record SessionPosition(Instant startedAt, Sequence sequence) {

    public SessionPosition {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(sequence, "sequence");
    }

    public static SessionPosition of(PushSession session) {
        return new SessionPosition(session.startedAt(), session.sequence());
    }
}
