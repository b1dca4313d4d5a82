package io.pushledger.domain.port.out;

import io.pushledger.domain.model.CallbackEvent;
import java.time.Instant;

/** Every callback received, each once: push events by (sequence, event type), others by body fingerprint. */
public interface CallbackEvents {

    /** Stores the event with its body unless it is already stored; a repeat only counts one more delivery. */
    Delivery record(CallbackEvent event, String body, Instant receivedAt);

    /** Deletes at most {@code limit} events first received before {@code cutoff}, oldest first; returns how many. */
    int deleteReceivedBefore(Instant cutoff, int limit);

    /** Whether this delivery was the event's first. */
    enum Delivery {
        FIRST,
        REPEATED
    }
}
