package io.pushledger.domain.port.in;

import io.pushledger.domain.model.ReceivedCallback;
import java.time.Instant;
import java.util.Objects;

/** A place in the newest-first order of received callbacks ({@code receivedAt} descending, then id descending). */
public record CallbackPosition(Instant receivedAt, long id) {

    public CallbackPosition {
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    public static CallbackPosition of(ReceivedCallback callback) {
        return new CallbackPosition(callback.receivedAt(), callback.id());
    }
}
