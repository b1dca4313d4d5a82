package io.pushledger.domain.port.out;

import io.pushledger.domain.model.CallbackEvent;
import java.time.Instant;
import java.util.List;

/** The write side of the callbacks: every callback received, each once (push events by sequence and event type, others by body fingerprint). */
public interface CallbackLedger {

    /** Stores the event with its body unless it is already stored; a repeat only counts one more delivery. */
    default Delivery record(CallbackEvent event, String body, Instant receivedAt) {
        return recordAll(List.of(new Received(event, body, receivedAt))).getFirst();
    }

    /**
     * {@link #record} for each, in order, sent to the store at once: an event that appears twice in the
     * list is {@code REPEATED} the second time. The deliveries are in the order of the list.
     */
    List<Delivery> recordAll(List<Received> received);

    /** Deletes at most {@code limit} events first received before {@code cutoff}, oldest first; returns how many. */
    int deleteReceivedBefore(Instant cutoff, int limit);

    /** A callback's event, its body as received, and when. */
    record Received(CallbackEvent event, String body, Instant receivedAt) {
    }

    /** Whether this delivery was the event's first. */
    enum Delivery {
        FIRST,
        REPEATED
    }
}
